package org.opora.system;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;

import org.camunda.bpm.engine.AuthorizationException;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.task.Task;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.opora.cases.CaseRecord;
import org.opora.support.OporaIntegrationTest;
import org.opora.support.TestFixtures;
import org.springframework.beans.factory.annotation.Autowired;

/** ADR 35: only the wrapped call skips the engine's authorization check, and the user stays who the engine sees. */
@OporaIntegrationTest
class CheckedByOporaTest {

    @Autowired
    CheckedByOpora checked;
    @Autowired
    IdentityService identityService;
    @Autowired
    TaskService taskService;
    @Autowired
    TestFixtures fixtures;

    @AfterEach
    void signOut() {
        identityService.clearAuthentication();
    }

    @Test
    void onlyTheWrappedCallSkipsTheEngineCheckAndTheUserStaysAuthenticated() {
        CaseRecord record = fixtures.openCase(fixtures.organisationA(), "Checked by Opora");
        Task review = taskService.createTaskQuery().processInstanceId(record.processInstanceId()).singleResult();
        String staffsReview = review.getId();
        // A member of the case's centre (the engine's tenant check, which stays), without the staff's grants.
        identityService.setAuthentication("cso-a", List.of(), List.of(review.getTenantId()));

        assertThat(taskService.createTaskQuery().taskId(staffsReview).count()).as("the engine's check").isZero();
        assertThat(checked.call(() -> taskService.createTaskQuery().taskId(staffsReview).count())).isOne();
        assertThat(checked.call(() -> identityService.getCurrentAuthentication().getUserId())).isEqualTo("cso-a");

        assertThat(taskService.createTaskQuery().taskId(staffsReview).count()).as("checked again after").isZero();
        assertThatThrownBy(() -> taskService.complete(staffsReview)).isInstanceOf(AuthorizationException.class);
        assertThat(identityService.getCurrentAuthentication().getUserId()).isEqualTo("cso-a");
    }
}
