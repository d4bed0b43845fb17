package org.opora.grants.committee;

import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import org.opora.grants.application.ApplicationSubmission;
import org.opora.grants.application.GrantApplication;
import org.opora.grants.competition.Competition;
import org.opora.grants.competition.CompetitionService;
import org.opora.grants.review.Review;
import org.opora.grants.review.ReviewService;
import org.opora.security.CurrentUser;
import org.opora.system.PortalPage;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;

/**
 * An application's result in the portal: the committee's decision, the final score against the pass mark,
 * and each submitted review's scores and comments per criterion, by expert number, never by name
 * (as the rejection mail and the API's reviews show them to applicants). Before the committee decided
 * the applicant sees that no result is out yet.
 */
@Controller
@PortalPage
class ResultPages {

    /** One criterion's score in a review. */
    record Line(String criterion, int score, int maxScore, String comment) {
    }

    /** A submitted review, by the expert's number. */
    record ReviewRows(int number, java.math.BigDecimal total, List<Line> lines) {
    }

    private final ApplicationSubmission applications;
    private final ReviewService reviews;
    private final CompetitionService competitions;

    ResultPages(ApplicationSubmission applications, ReviewService reviews, CompetitionService competitions) {
        this.applications = applications;
        this.reviews = reviews;
        this.competitions = competitions;
    }

    @GetMapping("/grants/applications/{id}/results")
    String results(@PathVariable UUID id, Model model) {
        GrantApplication application = applications.readable(id);
        Competition competition = competitions.get(application.competitionId());
        boolean out = application.decision() != null || CurrentUser.get().isStaffOrAdmin();
        List<ReviewRows> rows = new ArrayList<>();
        if (out) {
            int number = 0;
            for (Review review : reviews.ofApplication(id)) {
                if (review.state() != Review.State.SUBMITTED) {
                    continue;
                }
                number++;
                List<Line> lines = new ArrayList<>();
                for (Review.Score score : review.scores()) {
                    competition.criteria().stream().filter(c -> c.position() == score.position()).findFirst()
                            .ifPresent(c -> lines.add(new Line(c.name(), score.score(), c.maxScore(), score.comment())));
                }
                rows.add(new ReviewRows(number, review.total(), lines));
            }
        }
        model.addAttribute("grant", application);
        model.addAttribute("competition", competition);
        model.addAttribute("out", out);
        model.addAttribute("reviews", rows);
        return "grants/results";
    }
}
