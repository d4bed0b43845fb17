package org.opora.grants;

import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import org.opora.mail.MailMessage;
import org.opora.mail.MailOutbox;
import org.opora.organisations.Organisation;
import org.opora.users.Recipient;
import org.opora.users.UserDirectory;
import org.springframework.context.MessageSource;
import org.springframework.stereotype.Component;

/**
 * The e-mails of a competition, written to the outbox in the step's transaction. Applicants are the
 * members of the applying organisation, each in their own language. Experts are never named to applicants.
 */
@Component
class GrantMails {

    private static final DateTimeFormatter DATE = DateTimeFormatter.ofPattern("dd.MM.yyyy");

    private final MailOutbox outbox;
    private final UserDirectory directory;
    private final ReviewRepository reviews;
    private final CompetitionRepository competitions;
    private final MessageSource messages;

    GrantMails(MailOutbox outbox, UserDirectory directory, ReviewRepository reviews, CompetitionRepository competitions,
            MessageSource messages) {
        this.outbox = outbox;
        this.directory = directory;
        this.reviews = reviews;
        this.competitions = competitions;
        this.messages = messages;
    }

    void clarificationRequested(GrantApplication application) {
        toApplicant(application, "grant-clarification", "clarification:" + application.clarificationDue(),
                locale -> List.of(), application.clarificationRequest(), application.clarificationDue());
    }

    void inadmissible(GrantApplication application, String comment) {
        boolean silent = comment == null;
        toApplicant(application, "grant-inadmissible", "inadmissible", locale -> {
            List<String> lines = new ArrayList<>();
            if (silent) {
                lines.add(messages.getMessage("grant.inadmissible.no-clarification",
                        new Object[] {format(application.clarificationDue())}, locale));
            }
            application.admissionReasons().forEach(reason -> lines.add(reasonText(reason, locale)));
            return lines;
        }, silent ? application.clarificationRequest() : comment, null);
    }

    void result(GrantApplication application) {
        switch (application.decision()) {
            case APPROVE -> toApplicant(application, "grant-approved", "approved", locale -> List.of(
                    messages.getMessage("grant.approved.amount", new Object[] {application.approvedAmount()}, locale)),
                    null, null);
            case WAITLIST -> toApplicant(application, "grant-waitlisted", "waitlisted", locale -> List.of(), null, null);
            case REJECT -> toApplicant(application, "grant-rejected", "rejected", locale -> scoreLines(application, locale),
                    null, null);
        }
    }

    void lapsed(GrantApplication application) {
        toApplicant(application, "grant-lapsed", "lapsed", locale -> List.of(), null, application.agreementDue());
    }

    void waitlistClosed(GrantApplication application) {
        toApplicant(application, "grant-waitlist-closed", "waitlist-closed", locale -> List.of(), null, null);
    }

    void reportReminder(GrantApplication application, Report report) {
        toApplicant(application, "grant-report-reminder", "report-reminder:" + report.number(), locale -> List.of(), null,
                report.dueOn());
    }

    void reviewReminder(Review review, GrantApplication application) {
        directory.recipient(review.expertId()).ifPresent(expert -> send(expert, "grant-review-reminder",
                "grant-review-reminder:" + review.id() + ":" + review.dueOn(), application, List.of(), null, review.dueOn()));
    }

    /** The scores and comments behind a rejection, by expert number, never by name. */
    private List<String> scoreLines(GrantApplication application, Locale locale) {
        List<String> lines = new ArrayList<>();
        lines.add(messages.getMessage("grant.rejected.score", new Object[] {application.finalScore(), application.passMark()},
                locale));
        Competition competition = competitions.find(application.competitionId()).orElseThrow();
        int number = 0;
        for (Review review : reviews.findByApplication(application.id())) {
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

    private String reasonText(String reason, Locale locale) {
        return AdmissionReasons.finding(reason, messages, locale).text();
    }

    private interface Lines {
        List<String> in(Locale locale);
    }

    private void toApplicant(GrantApplication application, String template, String event, Lines lines, String note,
            LocalDate due) {
        List<Recipient> members = directory.recipients(List.of(), List.of(Organisation.groupIdFor(application.organisationId())));
        for (Recipient member : members) {
            send(member, template, template + ":" + application.id() + ":" + event + ":" + member.userId(), application,
                    lines.in(member.settings().locale()), note, due);
        }
    }

    private void send(Recipient recipient, String template, String key, GrantApplication application, List<String> lines,
            String note, LocalDate due) {
        String title = application.details().projectTitle() == null ? "" : application.details().projectTitle();
        Map<String, Object> model = new HashMap<>();
        model.put("recipientName", recipient.name());
        model.put("applicationTitle", title);
        model.put("lines", lines);
        model.put("note", note == null ? "" : note);
        model.put("due", format(due));
        outbox.enqueue(new MailMessage(key, recipient.email(), recipient.settings().locale(), template, new Object[] {title},
                model));
    }

    private static String format(LocalDate date) {
        return date == null ? "" : DATE.format(date);
    }
}
