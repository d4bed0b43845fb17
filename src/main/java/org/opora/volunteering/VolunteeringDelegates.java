package org.opora.volunteering;

import java.util.List;
import java.util.UUID;

import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.camunda.bpm.engine.delegate.TaskListener;
import org.opora.tasks.FormInput;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The service tasks and task listeners of {@code volunteer-matching.bpmn}. Each reads the request id
 * (the business key) and the fields its user task just completed, hands them to {@link MatchingService},
 * and sets only what the next gateway reads.
 */
@Configuration(proxyBeanMethods = false)
class VolunteeringDelegates {

    /** Element ids of the process, for tests and for the Java that refers to them. */
    static final String VET_REQUEST = "VetRequest";
    static final String REVISE_REQUEST = "ReviseRequest";
    static final String NO_MATCH = "NoMatch";
    static final String RECORD_ATTENDANCE = "RecordAttendance";
    static final String OFFER_WINDOW_ENDS = "OfferWindowEnds";
    static final String DAY_BEFORE = "DayBefore";
    static final String DATE_OVER = "DateOver";

    /** On completing "Vet the request": the decision and reason go into the timeline. */
    @Bean
    TaskListener volunteeringRecordVetting(MatchingService matching) {
        return task -> {
            FormInput form = FormInput.of(task);
            matching.recordVetting(requestId(task.getExecution()), task.getAssignee(), form.text("decision"),
                    form.text("reason"));
        };
    }

    /** On completing "Revise the request": the new description replaces the old. */
    @Bean
    TaskListener volunteeringSaveRequestRevision(MatchingService matching) {
        return task -> {
            FormInput form = FormInput.of(task);
            String what = form.text("what");
            String why = form.text("why");
            Long needed = form.number("needed");
            form.requireValid();
            matching.revise(requestId(task.getExecution()), what, why, needed);
        };
    }

    /** "Tell the CSO the request is refused". */
    @Bean
    JavaDelegate volunteeringRefuseRequest(MatchingService matching) {
        return execution -> matching.refuse(requestId(execution), FormInput.of(execution).text("reason"));
    }

    /** "Offer the open places": sets matchOutcome (filled, waiting, exhausted). */
    @Bean
    JavaDelegate volunteeringOfferPlaces(MatchingService matching) {
        return execution -> execution.setVariable("matchOutcome", matching.offerPlaces(requestId(execution)));
    }

    /** "Withdraw the other offers". */
    @Bean
    JavaDelegate volunteeringWithdrawOffers(MatchingService matching) {
        return execution -> matching.withdrawRemaining(requestId(execution));
    }

    /** "Remind the volunteers". */
    @Bean
    JavaDelegate volunteeringRemindVolunteers(MatchingService matching) {
        return execution -> matching.sendReminders(requestId(execution));
    }

    /** On completing "Confirm attendance and hours" (from Tasklist): those not recorded came for the planned hours. */
    @Bean
    TaskListener volunteeringConfirmAttendance(MatchingService matching) {
        return task -> matching.recordAttendance(requestId(task.getExecution()), List.of(),
                FormInput.of(task).ticked("closeRequest"));
    }

    /** "Thank the volunteers": sets anotherDate for a recurring request that goes on. */
    @Bean
    JavaDelegate volunteeringThankVolunteers(MatchingService matching) {
        return execution -> execution.setVariable("anotherDate", matching.thankAndAdvance(requestId(execution)));
    }

    /** "Close the request". */
    @Bean
    JavaDelegate volunteeringCloseRequest(MatchingService matching) {
        return execution -> matching.close(requestId(execution));
    }

    private static UUID requestId(DelegateExecution execution) {
        return UUID.fromString(execution.getProcessBusinessKey());
    }
}
