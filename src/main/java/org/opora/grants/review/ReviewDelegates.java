package org.opora.grants.review;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.IntStream;

import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.DelegateTask;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.camunda.bpm.engine.delegate.TaskListener;
import org.opora.grants.GrantSteps;
import org.opora.grants.application.ApplicationService;
import org.opora.grants.application.ApplicationSheet;
import org.opora.grants.application.GrantApplication;
import org.opora.grants.competition.Competition;
import org.opora.grants.competition.CompetitionService;
import org.opora.organisations.OrganisationRepository;
import org.opora.system.SystemConfiguration;
import org.opora.system.Texts;
import org.opora.tasks.FormInput;
import org.opora.tasks.JsonVariables;
import org.springframework.context.MessageSource;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The service tasks and task listeners of the expert panel and the reviews (grant-application.bpmn). Each
 * reads the business key and the fields its form just submitted, and hands them to the stage's services; the
 * gateways ask those services, so the processes carry no business data. The bean names are the BPMN files'
 * delegate expressions: keep them when moving a bean.
 */
@Configuration(proxyBeanMethods = false)
class ReviewDelegates {

    /** The form fields of "Review the application": a score and a comment per criterion (at most ten). */
    static final List<String> REVIEW_FIELDS = IntStream.rangeClosed(1, 10)
            .mapToObj(i -> List.of("score" + i, "comment" + i)).flatMap(List::stream).toList();

    @Bean
    JavaDelegate proposePanel(ExpertPanel panel) {
        return execution -> panel.propose(GrantSteps.applicationId(execution));
    }

    /**
     * The proposal as text, and for the form's checklist the experts free to review the application as its
     * options ({@code expertOptions}), the proposed ones ticked ({@code experts}).
     */
    @Bean
    TaskListener showPanelProposal(ExpertPanel panel, MessageSource messages) {
        return task -> {
            UUID applicationId = GrantSteps.applicationId(task);
            task.setVariableLocal("proposal", JsonVariables.text(panel.describeProposal(applicationId, messages)));
            List<Map<String, Object>> options = panel.candidatesFor(applicationId).stream()
                    .map(candidate -> Map.<String, Object>of("value", candidate.expert().userId(), "label",
                            candidate.expert().userId() + " — " + ExpertPanel.sectorName(candidate.expert(), messages) + ", "
                                    + String.join("/", candidate.expert().regions()) + " (" + candidate.load() + ")"))
                    .toList();
            task.setVariableLocal("expertOptions", JsonVariables.json(options));
            task.setVariableLocal("experts", JsonVariables.json(panel.proposedExperts(applicationId)));
        };
    }

    /**
     * On completing "Confirm the expert panel": no expert, or the proposed ones as they were ticked, confirms
     * the proposal; any other list names the panel.
     */
    @Bean
    TaskListener confirmPanel(ExpertPanel panel) {
        return task -> {
            UUID applicationId = GrantSteps.applicationId(task);
            FormInput form = FormInput.of(task);
            List<String> experts = form.texts("experts");
            form.requireValid();
            List<String> proposed = panel.proposedExperts(applicationId);
            boolean unchanged = experts.size() == proposed.size() && experts.containsAll(proposed);
            panel.confirm(applicationId, unchanged ? List.of() : experts, GrantSteps.actor(task));
            form.consume();
            task.removeVariableLocal("expertOptions");
        };
    }

    @Bean
    TaskListener showApplicationHeadline(ApplicationService applications, OrganisationRepository organisations) {
        return task -> {
            GrantApplication application = applications.get(GrantSteps.applicationId(task));
            task.setVariableLocal("applicationTitle", String.valueOf(application.details().projectTitle()));
            task.setVariableLocal("applicant", organisations.find(application.organisationId())
                    .map(org -> org.name() + (org.inn() == null ? "" : ", INN " + org.inn())).orElse(""));
        };
    }

    /** On completing "Declare any conflict of interest". */
    @Bean
    TaskListener declareConflicts(ReviewService reviews) {
        return task -> {
            FormInput form = FormInput.of(task);
            String conflict = form.requiredText("conflict");
            String note = form.text("conflictNote");
            form.requireValid();
            reviews.declare(ownReviewId(task, reviews), "yes".equals(conflict), note, GrantSteps.actor(task));
            form.consume();
        };
    }

    /** "Hand the review on": the next candidate gets it; the branch follows the new review. */
    @Bean
    JavaDelegate handReviewOn(ExpertPanel panel) {
        return execution -> panel.handOn(reviewId(execution))
                .ifPresent(next -> execution.setVariable("reviewId", next.toString()));
    }

    /**
     * On creating "Review the application": the score fields are made local to this expert's branch
     * (so no other reviewer's task can read them), and the task shows the application and criteria.
     */
    @Bean
    TaskListener prepareReviewSheet(ReviewService reviews, ApplicationService applications, CompetitionService competitions,
            MessageSource messages) {
        return task -> {
            FormInput.keepLocal(task, REVIEW_FIELDS);
            GrantApplication application = applications.get(GrantSteps.applicationId(task));
            Competition competition = competitions.get(application.competitionId());
            for (Competition.Criterion criterion : competition.criteria()) {
                task.setVariableLocal("criterion" + criterion.position(), criterion.name() + " (0–" + criterion.maxScore()
                        + (criterion.description() == null ? "" : "; " + criterion.description()) + ")");
            }
            task.setVariableLocal("applicationText", JsonVariables.text(ApplicationSheet.describe(application, messages)));
        };
    }

    /** On completing "Review the application": the scores go to Opora's tables and leave the process. */
    @Bean
    TaskListener submitReview(ReviewService reviews) {
        return task -> {
            FormInput form = FormInput.of(task);
            List<Review.Score> scores = new ArrayList<>();
            for (int i = 1; i <= 10; i++) {
                Long score = form.number("score" + i);
                String comment = form.text("comment" + i);
                if (score != null) {
                    scores.add(new Review.Score(i, score.intValue(), comment));
                }
            }
            reviews.submit(ownReviewId(task, reviews), scores, GrantSteps.actor(task));
            form.consume();
        };
    }

    @Bean
    JavaDelegate remindExpert(ReviewService reviews) {
        return execution -> reviews.remind(reviewId(execution));
    }

    @Bean
    TaskListener showReviewSituation(ReviewService reviews, MessageSource messages) {
        return task -> {
            Review review = reviews.get(reviewId(task));
            task.setVariableLocal("situation", JsonVariables.text(review.state() == Review.State.CONFLICT
                    ? ApplicationSheet.text(messages, "grant.sheet.situation.conflict", review.expertId())
                    : ApplicationSheet.text(messages, "grant.sheet.situation.late", review.expertId(),
                            Texts.date(review.dueOn(), SystemConfiguration.RUSSIAN))));
        };
    }

    /** On completing "Reassign the review": another expert, or more days for the same one. */
    @Bean
    TaskListener reassignReview(ReviewService reviews, ExpertPanel panel) {
        return task -> {
            FormInput form = FormInput.of(task);
            String expert = form.text("expert");
            Long extraDays = form.number("extraDays");
            UUID reviewId = reviewId(task);
            Review review = reviews.get(reviewId);
            if (expert == null && (extraDays == null || review.state() == Review.State.CONFLICT)) {
                form.problem("expert", review.state() == Review.State.CONFLICT ? "name the expert who takes the review"
                        : "name another expert, or give extraDays");
            }
            form.requireValid();
            if (expert != null) {
                UUID next = panel.assignNamed(reviewId, expert);
                reviews.withdraw(reviewId, GrantSteps.actor(task));
                task.getExecution().setVariable("reviewId", next.toString());
            } else {
                reviews.extend(reviewId, extraDays.intValue(), GrantSteps.actor(task));
            }
            form.consume();
        };
    }

    @Bean
    JavaDelegate aggregateScores(ReviewService reviews) {
        return execution -> reviews.aggregateScores(GrantSteps.applicationId(execution));
    }

    @Bean
    JavaDelegate addThirdExpert(ExpertPanel panel) {
        return execution -> panel.addThirdExpert(GrantSteps.applicationId(execution));
    }

    private static UUID reviewId(DelegateExecution execution) {
        return UUID.fromString((String) execution.getVariable("reviewId"));
    }

    /**
     * The review of an expert's task. The branch's variable could be changed through the engine's task
     * API, so the review must belong to the task's assignee: nobody scores someone else's review.
     */
    private static UUID reviewId(DelegateTask task) {
        return UUID.fromString((String) task.getExecution().getVariable("reviewId"));
    }

    private static UUID ownReviewId(DelegateTask task, ReviewService reviews) {
        UUID id = reviewId(task);
        if (!reviews.get(id).expertId().equals(task.getAssignee())) {
            throw new org.opora.system.ApiException(org.opora.system.ProblemType.FORBIDDEN,
                    "This task's review belongs to another expert");
        }
        return id;
    }
}
