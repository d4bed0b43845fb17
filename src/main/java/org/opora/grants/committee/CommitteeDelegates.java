package org.opora.grants.committee;

import java.util.List;
import java.util.UUID;

import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.camunda.bpm.engine.delegate.TaskListener;
import org.opora.grants.GrantSteps;
import org.opora.tasks.FormInput;
import org.opora.tasks.JsonVariables;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The service tasks and task listeners of the committee's decision (grant-competition.bpmn) and the result.
 * Each reads the business key and the fields its form just submitted, and hands them to the stage's services;
 * the gateways ask those services, so the processes carry no business data. The bean names are the BPMN
 * files' delegate expressions: keep them when moving a bean.
 */
@Configuration(proxyBeanMethods = false)
class CommitteeDelegates {

    @Bean
    TaskListener showRanking(CommitteeService committee) {
        return task -> {
            String competitionId = task.getExecution().getProcessBusinessKey();
            task.setVariableLocal("ranking", JsonVariables.text(committee.describeRanking(competitionId)));
            // Tasklist's form shows a row per ranked application, its rank filled in.
            task.setVariableLocal("decisions", JsonVariables.json(committee.undecidedRows(UUID.fromString(competitionId))));
        };
    }

    /** On completing "Decide the grants". */
    @Bean
    TaskListener recordDecisions(CommitteeService committee) {
        return task -> {
            UUID competitionId = UUID.fromString(task.getExecution().getProcessBusinessKey());
            FormInput form = FormInput.of(task);
            // The API and the committee's page decide first and then complete the task; a form (Tasklist's, or
            // the task API's) sends its rows.
            if (!committee.isDecided(competitionId)) {
                List<java.util.Map<String, Object>> rows = form.rows("decisions");
                form.requireValid();
                committee.decide(competitionId, CommitteeService.fromRows(rows), GrantSteps.actor(task));
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
        return execution -> committee.tellResult(GrantSteps.applicationId(execution));
    }

    @Bean
    JavaDelegate closeWaitlisted(CommitteeService committee) {
        return execution -> committee.closeWaitlisted(GrantSteps.applicationId(execution));
    }

}
