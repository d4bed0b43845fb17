package org.opora.grants.committee;

import java.util.UUID;

import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.camunda.bpm.engine.delegate.TaskListener;
import org.opora.grants.GrantSteps;
import org.opora.tasks.FormInput;
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
                committee.decide(competitionId, CommitteeService.fromLines(form.text("decisions")), GrantSteps.actor(task));
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
