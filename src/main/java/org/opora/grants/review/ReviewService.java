package org.opora.grants.review;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Date;
import java.util.List;
import java.util.UUID;

import org.opora.cases.CaseService;
import org.opora.grants.application.ApplicationRepository;
import org.opora.grants.application.GrantApplication;
import org.opora.grants.application.GrantMails;
import org.opora.grants.competition.Competition;
import org.opora.grants.competition.CompetitionService;
import org.opora.system.ApiException.FieldProblem;
import org.opora.system.ApiException;
import org.opora.system.OporaTime;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Reviews: the conflict declaration, the scores, and the aggregate. An expert's total is the weighted
 * share of the maximum, on a 100-point scale: 100 × Σ(weight × score / max) / Σ weight.
 */
@Service("grantReviews")
public class ReviewService {

    private static final BigDecimal HUNDRED = BigDecimal.valueOf(100);

    private final ReviewRepository reviews;
    private final ApplicationRepository applications;
    private final CompetitionService competitions;
    private final CaseService cases;
    private final GrantMails mails;
    private final ApplicationEventPublisher events;
    private final OporaTime time;

    ReviewService(ReviewRepository reviews, ApplicationRepository applications, CompetitionService competitions,
            CaseService cases, GrantMails mails, ApplicationEventPublisher events, OporaTime time) {
        this.reviews = reviews;
        this.applications = applications;
        this.competitions = competitions;
        this.cases = cases;
        this.mails = mails;
        this.events = events;
        this.time = time;
    }

    public Review get(UUID id) {
        return reviews.find(id).orElseThrow(() -> ApiException.notFound("Review"));
    }

    public String expertOf(String reviewId) {
        return get(UUID.fromString(reviewId)).expertId();
    }

    /** The review's due date, to the end of that day: the task's due date and the overdue timer. */
    public Date overdueAt(String reviewId) {
        return time.startOf(get(UUID.fromString(reviewId)).dueOn().plusDays(1));
    }

    /** When the expert is reminded: the competition's number of days before the due date. */
    public Date reminderAt(String reviewId) {
        Review review = get(UUID.fromString(reviewId));
        Competition competition = competitionOf(review);
        return time.startOf(review.dueOn().minusDays(competition.reviewReminderDays()));
    }

    @Transactional
    public void declare(UUID reviewId, boolean conflict, String note, String by) {
        Review review = get(reviewId);
        if (conflict) {
            reviews.changeState(reviewId, Review.State.ASSIGNED, Review.State.CONFLICT);
            reviews.exclude(review.applicationId(), review.expertId(), "declared a conflict of interest"
                    + (note == null ? "" : ": " + note));
            cases.recordEvent(review.applicationId(), "grant-conflict-declared", by, null);
        } else {
            reviews.changeState(reviewId, Review.State.ASSIGNED, Review.State.DECLARED);
            cases.recordEvent(review.applicationId(), "grant-no-conflict", by, null);
        }
    }

    /** Whether the branch's review waits for its expert's declaration (a new expert took it over). */
    public boolean isAssigned(String reviewId) {
        return get(UUID.fromString(reviewId)).state() == Review.State.ASSIGNED;
    }

    public boolean conflictDeclared(String reviewId) {
        return get(UUID.fromString(reviewId)).state() == Review.State.CONFLICT;
    }

    /** The expert's scores, checked against the competition's criteria and scales. */
    @Transactional
    public void submit(UUID reviewId, List<Review.Score> scores, String by) {
        Review review = get(reviewId);
        Competition competition = competitionOf(review);
        List<FieldProblem> problems = new ArrayList<>();
        for (Competition.Criterion criterion : competition.criteria()) {
            Review.Score score = scores.stream().filter(s -> s.position() == criterion.position()).findFirst().orElse(null);
            if (score == null) {
                problems.add(new FieldProblem("score" + criterion.position(), "is required (" + criterion.name() + ")"));
            } else if (score.score() < 0 || score.score() > criterion.maxScore()) {
                problems.add(new FieldProblem("score" + criterion.position(), "must be from 0 to " + criterion.maxScore()));
            }
            if (score != null && (score.comment() == null || score.comment().isBlank())) {
                problems.add(new FieldProblem("comment" + criterion.position(), "is required: explain the score"));
            }
        }
        scores.stream().filter(s -> s.position() > competition.criteria().size())
                .forEach(s -> problems.add(new FieldProblem("score" + s.position(), "is not a criterion of this competition")));
        if (!problems.isEmpty()) {
            throw ApiException.invalid(problems);
        }
        if (!reviews.submit(reviewId, scores, total(competition, scores), time.now())) {
            throw ApiException.conflict("The review is not open for scores: declare that you have no conflict first");
        }
        cases.recordEvent(review.applicationId(), "grant-review-submitted", by, null);
    }

    static BigDecimal total(Competition competition, List<Review.Score> scores) {
        BigDecimal weighted = BigDecimal.ZERO;
        BigDecimal weights = BigDecimal.ZERO;
        for (Competition.Criterion criterion : competition.criteria()) {
            int score = scores.stream().filter(s -> s.position() == criterion.position()).mapToInt(Review.Score::score)
                    .findFirst().orElse(0);
            weighted = weighted.add(criterion.weight().multiply(BigDecimal.valueOf(score))
                    .divide(BigDecimal.valueOf(criterion.maxScore()), 10, RoundingMode.HALF_UP));
            weights = weights.add(criterion.weight());
        }
        return weighted.multiply(HUNDRED).divide(weights, 2, RoundingMode.HALF_UP);
    }

    /**
     * The application's score: the mean of the experts' totals. When a third expert was called because
     * the first two were far apart, the total farthest from the median of the three is left out (the
     * outlier rule); with a tie, all three count.
     */
    static BigDecimal aggregate(List<BigDecimal> totals, boolean thirdExpertCalled) {
        List<BigDecimal> counted = new ArrayList<>(totals);
        if (thirdExpertCalled && counted.size() == 3) {
            counted.sort(Comparator.naturalOrder());
            BigDecimal median = counted.get(1);
            BigDecimal low = median.subtract(counted.get(0));
            BigDecimal high = counted.get(2).subtract(median);
            if (low.compareTo(high) > 0) {
                counted.remove(0);
            } else if (high.compareTo(low) > 0) {
                counted.remove(2);
            }
        }
        return counted.stream().reduce(BigDecimal.ZERO, BigDecimal::add)
                .divide(BigDecimal.valueOf(counted.size()), 2, RoundingMode.HALF_UP);
    }

    /** "Aggregate the scores": the final score and the pass mark for the amount requested. */
    @Transactional
    public void aggregateScores(UUID applicationId) {
        GrantApplication application = applications.find(applicationId).orElseThrow();
        Competition competition = competitions.get(application.competitionId());
        List<BigDecimal> totals = submittedTotals(applicationId);
        if (totals.isEmpty()) {
            throw new IllegalStateException("No review of " + applicationId + " was submitted");
        }
        BigDecimal score = aggregate(totals, totals.size() > competition.expertsPerApplication());
        BigDecimal passMark = competition.passMarkFor(application.details().requestedAmount());
        applications.recordScore(applicationId, score, passMark);
        // The timeline is read by the applicant and the experts too: the score is in the staff's views.
        cases.recordEvent(applicationId, "grant-scored", null, null);
        events.publishEvent(new ApplicationScored(applicationId, application.competitionId()));
    }

    /**
     * Two experts' totals further apart than the competition allows call a third expert, once (and only
     * on a panel of two: a larger panel already has its own third opinion).
     */
    public boolean needsThirdExpert(String businessKey) {
        UUID applicationId = UUID.fromString(businessKey);
        List<BigDecimal> totals = submittedTotals(applicationId);
        Competition competition = competitions.get(applications.find(applicationId).orElseThrow().competitionId());
        if (totals.size() != 2 || competition.expertsPerApplication() != 2) {
            return false;
        }
        return totals.get(0).subtract(totals.get(1)).abs().compareTo(BigDecimal.valueOf(competition.scoreSpreadPercent())) > 0;
    }

    private List<BigDecimal> submittedTotals(UUID applicationId) {
        return reviews.findByApplication(applicationId).stream().filter(r -> r.state() == Review.State.SUBMITTED)
                .map(Review::total).toList();
    }

    /** "Remind the expert": the review is due soon. */
    @Transactional
    public void remind(UUID reviewId) {
        Review review = get(reviewId);
        GrantApplication application = applications.find(review.applicationId()).orElseThrow();
        mails.toUser(review.expertId(), "grant-review-reminder", "grant-review-reminder:" + review.id() + ":" + review.dueOn(),
                application, review.dueOn());
    }

    /** Staff give the late expert more time. */
    @Transactional
    public void extend(UUID reviewId, int days, String by) {
        Review review = get(reviewId);
        reviews.extend(reviewId, time.today().plusDays(days));
        cases.recordEvent(review.applicationId(), "grant-review-extended", by, null, days);
    }

    /** The late expert is replaced; they are not proposed for this application again. */
    @Transactional
    public void withdraw(UUID reviewId, String by) {
        Review review = get(reviewId);
        if (review.state() != Review.State.CONFLICT) {
            reviews.changeState(reviewId, review.state(), Review.State.REASSIGNED);
            reviews.exclude(review.applicationId(), review.expertId(), "replaced after the review was late");
        }
        cases.recordEvent(review.applicationId(), "grant-review-reassigned", by, null);
    }

    public List<Review> ofApplication(UUID applicationId) {
        return reviews.findByApplication(applicationId);
    }

    /** A page of the reviewed applications' progress: reviews submitted of those expected, and the late ones. */
    public List<ReviewProgress> progressPage(UUID competitionId, int offset, int limit) {
        return reviews.progressPage(competitionId, time.today(), offset, limit);
    }

    public long progressCount(UUID competitionId) {
        return reviews.progressCount(competitionId);
    }

    /** The competition's reviews in figures (the dashboard). */
    public ReviewTotals progressTotals(UUID competitionId) {
        return reviews.progressTotals(competitionId, time.today());
    }

    /** The competition's late reviews, longest overdue first, at most {@code limit}. */
    public List<LateRow> lateReviews(UUID competitionId, int limit) {
        return reviews.lateReviews(competitionId, time.today(), limit);
    }

    public record ReviewTotals(long expected, long submitted, long late) {
    }

    /** A late review as the dashboard lists it: whose application, which expert, due when. */
    public record LateRow(UUID applicationId, String projectTitle, String expert, LocalDate dueOn) {
    }

    /** An open review past its due date. */
    public record LateReview(String expert, LocalDate dueOn) {
    }

    public record ReviewProgress(UUID applicationId, String projectTitle, long submitted, long expected, List<LateReview> late) {
    }

    public List<Review> ofExpert(String expertId) {
        return reviews.findByExpert(expertId);
    }

    private Competition competitionOf(Review review) {
        return competitions.get(applications.find(review.applicationId()).orElseThrow().competitionId());
    }
}
