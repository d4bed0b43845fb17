package org.opora.correspondence;

import java.time.LocalDate;
import java.util.UUID;

import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.camunda.bpm.engine.delegate.TaskListener;
import org.opora.tasks.FormInput;
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
        return execution -> {
            FormInput form = FormInput.of(execution);
            LetterTiming.Channel channel = form.choice("channel", LetterTiming.Channel.class);
            LocalDate sentOn = form.date("sentOn");
            String tracking = form.text("tracking");
            form.requireValid();
            letters.recordDispatch(caseId(execution), channel, sentOn, tracking);
        };
    }

    /** "Start the answer clock": the body's registration number and date. */
    @Bean
    JavaDelegate startAnswerClock(LetterService letters) {
        return execution -> {
            FormInput form = FormInput.of(execution);
            String registrationNumber = form.text("registrationNumber");
            LocalDate registeredOn = form.date("registeredOn");
            form.requireValid();
            letters.startAnswerClock(caseId(execution), registrationNumber, registeredOn);
        };
    }

    /** "Record the outcome": an answer, or a notice that the answer period was extended. */
    @Bean
    JavaDelegate recordOutcome(LetterService letters) {
        return execution -> {
            UUID id = caseId(execution);
            FormInput form = FormInput.of(execution);
            if ("extended".equals(form.text("outcome"))) {
                letters.extend(id);
            } else {
                LocalDate answeredOn = form.date("answeredOn");
                Letter.Rating rating = form.choice("rating", Letter.Rating.class);
                String summary = form.text("summary");
                form.requireValid();
                letters.recordAnswer(id, answeredOn, rating, summary);
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
        return task -> {
            FormInput form = FormInput.of(task);
            letters.recordReview(UUID.fromString(task.getExecution().getProcessBusinessKey()), task.getAssignee(),
                    form.ticked("approved"), form.text("comment"));
        };
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
                FormInput.of(task).text("text"));
    }

    private static UUID caseId(DelegateExecution execution) {
        return UUID.fromString(execution.getProcessBusinessKey());
    }
}
