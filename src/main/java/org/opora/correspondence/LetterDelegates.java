package org.opora.correspondence;

import java.time.LocalDate;
import java.util.UUID;

import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.camunda.bpm.engine.delegate.TaskListener;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The service tasks and task listeners of the correspondence process. Each reads the case id (the business key) and
 * the fields its user task just completed, and hands them to {@link LetterService}; only the
 * variables the gateways need stay in the process.
 */
@Configuration(proxyBeanMethods = false)
class LetterDelegates {

    /** "Record the dispatch": how and when the CSO sent the letter. */
    @Bean
    JavaDelegate recordDispatch(LetterService letters) {
        return execution -> letters.recordDispatch(caseId(execution),
                LetterTiming.Channel.valueOf((String) execution.getVariable("channel")),
                LocalDate.parse((String) execution.getVariable("sentOn")),
                (String) execution.getVariable("tracking"));
    }

    /** "Start the answer clock": the body's registration number and date. */
    @Bean
    JavaDelegate startAnswerClock(LetterService letters) {
        return execution -> letters.startAnswerClock(caseId(execution),
                (String) execution.getVariable("registrationNumber"),
                LocalDate.parse((String) execution.getVariable("registeredOn")));
    }

    /** "Record the outcome": an answer, or a notice that the answer period was extended. */
    @Bean
    JavaDelegate recordOutcome(LetterService letters) {
        return execution -> {
            UUID id = caseId(execution);
            if ("extended".equals(execution.getVariable("outcome"))) {
                letters.extend(id);
            } else {
                String answeredOn = (String) execution.getVariable("answeredOn");
                String rating = (String) execution.getVariable("rating");
                letters.recordAnswer(id, answeredOn == null ? null : LocalDate.parse(answeredOn),
                        rating == null ? null : Letter.Rating.valueOf(rating), (String) execution.getVariable("summary"));
            }
        };
    }

    /** "Draft the complaint": the answer is overdue. */
    @Bean
    JavaDelegate draftComplaint(LetterService letters) {
        return execution -> letters.draftComplaint(caseId(execution));
    }

    /** On completing "Review the letter": the staff member's verdict and comment go into the timeline. */
    @Bean
    TaskListener recordReview(LetterService letters) {
        return task -> letters.recordReview(UUID.fromString(task.getExecution().getProcessBusinessKey()), task.getAssignee(),
                Boolean.TRUE.equals(task.getVariable("approved")), (String) task.getVariable("comment"));
    }

    /** On completing "Review and send the complaint": the drafted complaint becomes a letter to send. */
    @Bean
    TaskListener complaintReviewed(LetterService letters) {
        return task -> letters.complaintReviewed(UUID.fromString(task.getExecution().getProcessBusinessKey()),
                task.getAssignee() != null ? task.getAssignee() : "organisation");
    }

    /** On completing "Revise the letter": the revised text replaces the letter's. */
    @Bean
    TaskListener saveRevision(LetterService letters) {
        return task -> letters.revise(UUID.fromString(task.getExecution().getProcessBusinessKey()),
                (String) task.getVariable("text"));
    }

    private static UUID caseId(DelegateExecution execution) {
        return UUID.fromString(execution.getProcessBusinessKey());
    }
}
