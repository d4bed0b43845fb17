package org.opora.grants.committee;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import org.opora.grants.application.GrantApplication;
import org.opora.grants.application.GrantMails;
import org.opora.grants.competition.Competition;
import org.opora.grants.competition.CompetitionService;
import org.opora.grants.review.Review;
import org.opora.grants.review.ReviewService;
import org.springframework.context.MessageSource;
import org.springframework.stereotype.Component;

/** The committee's result, told to the applicant; behind a rejection, the scores by expert number, never by name. */
@Component
class CommitteeMails {

    private final GrantMails mails;
    private final ReviewService reviews;
    private final CompetitionService competitions;
    private final MessageSource messages;

    CommitteeMails(GrantMails mails, ReviewService reviews, CompetitionService competitions, MessageSource messages) {
        this.mails = mails;
        this.reviews = reviews;
        this.competitions = competitions;
        this.messages = messages;
    }

    void result(GrantApplication application) {
        switch (application.decision()) {
            case APPROVE -> mails.toApplicant(application, "grant-approved", "approved", locale -> List.of(
                    messages.getMessage("grant.approved.amount", new Object[] {application.approvedAmount()}, locale)),
                    null, null);
            case WAITLIST -> mails.toApplicant(application, "grant-waitlisted", "waitlisted", locale -> List.of(), null, null);
            case REJECT -> mails.toApplicant(application, "grant-rejected", "rejected", locale -> scoreLines(application, locale),
                    null, null);
        }
    }

    void waitlistClosed(GrantApplication application) {
        mails.toApplicant(application, "grant-waitlist-closed", "waitlist-closed", locale -> List.of(), null, null);
    }

    /** The scores and comments behind a rejection, by expert number, never by name. */
    private List<String> scoreLines(GrantApplication application, Locale locale) {
        List<String> lines = new ArrayList<>();
        lines.add(messages.getMessage("grant.rejected.score", new Object[] {application.finalScore(), application.passMark()},
                locale));
        Competition competition = competitions.get(application.competitionId());
        int number = 0;
        for (Review review : reviews.ofApplication(application.id())) {
            if (review.state() != Review.State.SUBMITTED) {
                continue;
            }
            number++;
            String expert = messages.getMessage("grant.rejected.expert", new Object[] {number, review.total()}, locale);
            lines.add(expert);
            for (Review.Score score : review.scores()) {
                String criterion = competition.criteria().stream().filter(c -> c.position() == score.position())
                        .map(c -> c.name() + ": " + score.score() + "/" + c.maxScore()).findFirst().orElse("");
                lines.add("  " + criterion + (score.comment() == null ? "" : " — " + score.comment()));
            }
        }
        return lines;
    }

}
