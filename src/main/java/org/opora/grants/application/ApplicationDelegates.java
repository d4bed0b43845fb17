package org.opora.grants.application;

import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.camunda.bpm.engine.delegate.TaskListener;
import org.opora.grants.GrantSteps;
import org.opora.system.SystemConfiguration;
import org.opora.tasks.FormInput;
import org.opora.tasks.JsonVariables;
import org.springframework.context.MessageSource;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The service tasks and task listeners of the application's submission and admission
 * (grant-application.bpmn). Each reads the business key and the fields its form just submitted, and hands
 * them to the stage's services; the gateways ask those services, so the processes carry no business data. The
 * bean names are the BPMN files' delegate expressions: keep them when moving a bean.
 */
@Configuration(proxyBeanMethods = false)
class ApplicationDelegates {

    /** On completing "Submit the application" or "Clarify the application". */
    @Bean
    TaskListener saveApplication(ApplicationService applications) {
        return task -> {
            FormInput form = FormInput.of(task);
            GrantApplication.Details details = ApplicationService.fromForm(form);
            String answer = form.text("clarificationAnswer");
            applications.submit(GrantSteps.applicationId(task), details, GrantSteps.actor(task));
            if (answer != null) {
                applications.recordClarificationAnswer(GrantSteps.applicationId(task), answer, GrantSteps.actor(task));
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
            GrantApplication application = applications.get(GrantSteps.applicationId(task));
            task.setVariablesLocal(ApplicationService.formValues(application.details()));
            task.setVariableLocal("clarificationRequest", application.state() == GrantApplication.State.CLARIFICATION
                    ? application.clarificationRequest() : null);
        };
    }

    @Bean
    JavaDelegate checkAdmission(ApplicationService applications) {
        return execution -> applications.checkAdmission(GrantSteps.applicationId(execution));
    }

    /** On creating "Check admission": the admission table's findings, for the staff member to see. */
    @Bean
    TaskListener showAdmissionCheck(ApplicationService applications, MessageSource messages) {
        // Tasklist is Russian first, like the task's name: each finding as its code and its sentence.
        return task -> {
            GrantApplication application = applications.get(GrantSteps.applicationId(task));
            task.setVariableLocal("admissionFindings", JsonVariables.text(application.admissionReasons().isEmpty()
                    ? "Правила допуска не нашли препятствий для этой заявки."
                    : "Правила допуска: " + String.join("; ", application.admissionReasons().stream()
                            .map(reason -> AdmissionReasons.finding(reason, messages, SystemConfiguration.RUSSIAN))
                            .map(finding -> finding.code() + " — " + finding.text()).toList())));
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
            applications.recordStaffCheck(GrantSteps.applicationId(task), ApplicationService.Verdict.valueOf(verdict.toUpperCase()),
                    comment, GrantSteps.actor(task));
            form.consume();
        };
    }

    @Bean
    JavaDelegate closeUnsubmitted(ApplicationService applications) {
        return execution -> applications.closeUnsubmitted(GrantSteps.applicationId(execution));
    }

    @Bean
    JavaDelegate lapseClarification(ApplicationService applications) {
        return execution -> applications.lapseClarification(GrantSteps.applicationId(execution));
    }

}
