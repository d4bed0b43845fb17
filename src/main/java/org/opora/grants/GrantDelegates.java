package org.opora.grants;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.stream.IntStream;

import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.DelegateTask;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.camunda.bpm.engine.delegate.TaskListener;
import org.camunda.bpm.engine.impl.identity.Authentication;
import org.opora.cases.CaseService;
import org.opora.organisations.OrganisationRepository;
import org.opora.system.SystemConfiguration;
import org.springframework.context.MessageSource;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The service tasks and task listeners of grant-application.bpmn and grant-competition.bpmn. Each
 * reads the business key (an application's or a competition's id) and the fields its form just
 * submitted, and hands them to the feature's services; the gateways ask those services, so the
 * processes carry no business data beyond the review id of each expert's branch.
 */
@Configuration(proxyBeanMethods = false)
class GrantDelegates {

    /** The form fields of "Review the application": a score and a comment per criterion (at most ten). */
    static final List<String> REVIEW_FIELDS = IntStream.rangeClosed(1, 10)
            .mapToObj(i -> List.of("score" + i, "comment" + i)).flatMap(List::stream).toList();

    // --- The application: submission and admission ---

    /** On completing "Submit the application" or "Clarify the application". */
    @Bean
    TaskListener saveApplication(ApplicationService applications) {
        return task -> {
            FormInput form = FormInput.of(task);
            GrantApplication.Details details = ApplicationService.fromForm(form);
            String answer = form.text("clarificationAnswer");
            applications.submit(applicationId(task), details, actor(task));
            if (answer != null) {
                applications.recordClarificationAnswer(applicationId(task), answer, actor(task));
            }
            form.consume();
        };
    }

    /**
     * On creating "Submit the application" or "Clarify the application": the form shows what was saved
     * (a draft, or the application returned for clarification) and what staff asked.
     */
    @Bean
    TaskListener prefillApplication(ApplicationService applications) {
        return task -> {
            GrantApplication application = applications.get(applicationId(task));
            task.setVariablesLocal(ApplicationService.formValues(application.details()));
            task.setVariableLocal("clarificationRequest", application.state() == GrantApplication.State.CLARIFICATION
                    ? application.clarificationRequest() : null);
        };
    }

    @Bean
    JavaDelegate checkAdmission(ApplicationService applications) {
        return execution -> applications.checkAdmission(applicationId(execution));
    }

    /** On creating "Check admission": the admission table's findings, for the staff member to see. */
    @Bean
    TaskListener showAdmissionCheck(ApplicationService applications, MessageSource messages) {
        // Tasklist is Russian first, like the task's name: each finding as its code and its sentence.
        return task -> {
            GrantApplication application = applications.get(applicationId(task));
            task.setVariableLocal("admissionFindings", application.admissionReasons().isEmpty()
                    ? "Правила допуска не нашли препятствий для этой заявки."
                    : "Правила допуска: " + String.join("; ", application.admissionReasons().stream()
                            .map(reason -> AdmissionReasons.finding(reason, messages, SystemConfiguration.RUSSIAN))
                            .map(finding -> finding.code() + " — " + finding.text()).toList()));
        };
    }

    /** On completing "Check admission". */
    @Bean
    TaskListener recordAdmissionCheck(ApplicationService applications) {
        return task -> {
            FormInput form = FormInput.of(task);
            String verdict = form.requiredText("verdict");
            String comment = form.text("comment");
            if (verdict != null && !"admit".equals(verdict) && comment == null) {
                form.problem("comment", "say why, for the applicant");
            }
            form.requireValid();
            applications.recordStaffCheck(applicationId(task), ApplicationService.Verdict.valueOf(verdict.toUpperCase()),
                    comment, actor(task));
            form.consume();
        };
    }

    @Bean
    JavaDelegate closeUnsubmitted(ApplicationService applications) {
        return execution -> applications.closeUnsubmitted(applicationId(execution));
    }

    @Bean
    JavaDelegate lapseClarification(ApplicationService applications) {
        return execution -> applications.lapseClarification(applicationId(execution));
    }

    // --- The panel and the reviews ---

    @Bean
    JavaDelegate proposePanel(ExpertPanel panel) {
        return execution -> panel.propose(applicationId(execution));
    }

    @Bean
    TaskListener showPanelProposal(ExpertPanel panel) {
        return task -> task.setVariableLocal("proposal", panel.describeProposal(applicationId(task)));
    }

    /** On completing "Confirm the expert panel": empty confirms the proposal, else the experts named. */
    @Bean
    TaskListener confirmPanel(ExpertPanel panel) {
        return task -> {
            FormInput form = FormInput.of(task);
            String named = form.text("experts");
            List<String> experts = named == null ? List.of()
                    : Arrays.stream(named.split("[,;\\s]+")).filter(id -> !id.isBlank()).toList();
            panel.confirm(applicationId(task), experts, actor(task));
            form.consume();
        };
    }

    @Bean
    TaskListener showApplicationHeadline(ApplicationService applications, OrganisationRepository organisations) {
        return task -> {
            GrantApplication application = applications.get(applicationId(task));
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
            reviews.declare(ownReviewId(task, reviews), "yes".equals(conflict), note, actor(task));
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
    TaskListener prepareReviewSheet(ReviewService reviews, ApplicationService applications, CompetitionService competitions) {
        return task -> {
            FormInput.keepLocal(task, REVIEW_FIELDS);
            GrantApplication application = applications.get(applicationId(task));
            Competition competition = competitions.get(application.competitionId());
            for (Competition.Criterion criterion : competition.criteria()) {
                task.setVariableLocal("criterion" + criterion.position(), criterion.name() + " (0–" + criterion.maxScore()
                        + (criterion.description() == null ? "" : "; " + criterion.description()) + ")");
            }
            task.setVariableLocal("applicationText", ReviewSheet.describe(application));
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
            reviews.submit(ownReviewId(task, reviews), scores, actor(task));
            form.consume();
        };
    }

    @Bean
    JavaDelegate remindExpert(ReviewService reviews) {
        return execution -> reviews.remind(reviewId(execution));
    }

    @Bean
    TaskListener showReviewSituation(ReviewService reviews) {
        return task -> {
            Review review = reviews.get(reviewId(task));
            task.setVariableLocal("situation", review.state() == Review.State.CONFLICT
                    ? "Expert " + review.expertId() + " declared a conflict and the pool has nobody left: name an expert."
                    : "Expert " + review.expertId() + " has not submitted the review due " + review.dueOn()
                            + ": name another expert, or give more days.");
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
                reviews.withdraw(reviewId, actor(task));
                task.getExecution().setVariable("reviewId", next.toString());
            } else {
                reviews.extend(reviewId, extraDays.intValue(), actor(task));
            }
            form.consume();
        };
    }

    @Bean
    JavaDelegate aggregateScores(ReviewService reviews) {
        return execution -> reviews.aggregateScores(applicationId(execution));
    }

    @Bean
    JavaDelegate addThirdExpert(ExpertPanel panel) {
        return execution -> panel.addThirdExpert(applicationId(execution));
    }

    // --- The committee (grant-competition.bpmn) and the result ---

    @Bean
    TaskListener showRanking(CommitteeService committee) {
        return task -> task.setVariableLocal("ranking", committee.describeRanking(task.getExecution().getProcessBusinessKey()));
    }

    /** On completing "Decide the grants". */
    @Bean
    TaskListener recordDecisions(CommitteeService committee) {
        return task -> {
            UUID competitionId = UUID.fromString(task.getExecution().getProcessBusinessKey());
            FormInput form = FormInput.of(task);
            // The API decided with a typed list and completes the task itself; Tasklist's form sends lines.
            if (!committee.isDecided(competitionId)) {
                committee.decide(competitionId, CommitteeService.fromLines(form.text("decisions")), actor(task));
            }
            form.consume();
        };
    }

    @Bean
    JavaDelegate announceDecisions(CommitteeService committee) {
        return execution -> committee.announce(UUID.fromString(execution.getProcessBusinessKey()));
    }

    @Bean
    JavaDelegate tellResult(CommitteeService committee) {
        return execution -> committee.tellResult(applicationId(execution));
    }

    @Bean
    JavaDelegate closeWaitlisted(CommitteeService committee) {
        return execution -> committee.closeWaitlisted(applicationId(execution));
    }

    // --- The agreement, tranches and reports ---

    @Bean
    JavaDelegate prepareAgreement(FundingService funding) {
        return execution -> funding.prepareAgreement(applicationId(execution));
    }

    /** On completing "Sign the agreement". */
    @Bean
    TaskListener signAgreement(FundingService funding) {
        return task -> {
            FormInput form = FormInput.of(task);
            funding.sign(applicationId(task), form.text("bankAccount"), form.text("bankBik"), form.text("signatory"),
                    form.ticked("signed"), actor(task));
            form.consume();
        };
    }

    @Bean
    JavaDelegate lapseGrant(FundingService funding) {
        return execution -> funding.lapse(applicationId(execution));
    }

    @Bean
    JavaDelegate releaseTranche(FundingService funding) {
        return execution -> funding.releaseTranche(applicationId(execution));
    }

    @Bean
    TaskListener showReportDue(FundingService funding, ApplicationService applications) {
        return task -> {
            UUID id = applicationId(task);
            task.setVariableLocal("reportInfo", ReviewSheet.describeReportDue(applications.get(id), funding.currentReport(id)));
        };
    }

    /** On completing "Submit the report". */
    @Bean
    TaskListener saveReport(FundingService funding) {
        return task -> {
            FormInput form = FormInput.of(task);
            String narrative = form.text("narrative");
            Long reached = form.number("beneficiariesReached");
            List<BigDecimal> spending = new ArrayList<>();
            for (String line : Lines.split(form.text("spending"))) {
                try {
                    String amount = line.contains(":") ? line.substring(line.indexOf(':') + 1) : line;
                    spending.add(new BigDecimal(amount.strip().replace(" ", "").replace(',', '.')));
                } catch (NumberFormatException notAnAmount) {
                    form.problem("spending", "each line must be \"budget line number: amount\", not \"" + line + "\"");
                }
            }
            form.requireValid();
            funding.submitReport(applicationId(task), narrative, reached, spending, actor(task));
            form.consume();
        };
    }

    @Bean
    JavaDelegate remindReport(FundingService funding) {
        return execution -> funding.remindReport(applicationId(execution));
    }

    @Bean
    TaskListener showReport(FundingService funding, ApplicationService applications) {
        return task -> {
            UUID id = applicationId(task);
            task.setVariableLocal("reportSummary", ReviewSheet.describeReport(applications.get(id), funding.currentReport(id),
                    funding.overspending(id)));
        };
    }

    /** On completing "Review the report". */
    @Bean
    TaskListener reviewReport(FundingService funding) {
        return task -> {
            FormInput form = FormInput.of(task);
            String verdict = form.requiredText("verdict");
            String comment = form.text("comment");
            boolean overspendApproved = form.ticked("overspendApproved");
            form.requireValid();
            funding.reviewReport(applicationId(task), "accept".equals(verdict), comment, overspendApproved, actor(task));
            form.consume();
        };
    }

    /** On completing "Chase the overdue report": what staff did goes into the case's timeline. */
    @Bean
    TaskListener recordChase(CaseService cases) {
        return task -> {
            FormInput form = FormInput.of(task);
            cases.recordEvent(applicationId(task), "grant-report-chased", actor(task), form.text("note"));
            form.consume();
        };
    }

    @Bean
    JavaDelegate closeGrant(FundingService funding) {
        return execution -> funding.close(applicationId(execution));
    }

    // ---

    private static UUID applicationId(DelegateExecution execution) {
        return UUID.fromString(execution.getProcessBusinessKey());
    }

    private static UUID applicationId(DelegateTask task) {
        return UUID.fromString(task.getExecution().getProcessBusinessKey());
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

    /** Who completed the task: the signed-in user, else its assignee. */
    private static String actor(DelegateTask task) {
        Authentication authentication = task.getProcessEngineServices().getIdentityService().getCurrentAuthentication();
        return Optional.ofNullable(authentication).map(Authentication::getUserId).orElse(task.getAssignee());
    }
}
