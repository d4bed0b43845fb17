package org.opora.tasks;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.Mockito.doAnswer;

import java.util.Map;
import java.util.concurrent.CompletableFuture;

import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.task.Task;
import org.junit.jupiter.api.Test;
import org.opora.cases.CaseRecord;
import org.opora.support.Api;
import org.opora.support.OporaIntegrationTest;
import org.opora.support.TestFixtures;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.TestPropertySource;
import org.springframework.test.context.bean.override.mockito.MockitoSpyBean;

/**
 * A completion races a reassignment (found by the ADR 35 attack review; it failed before the revision check). Opora
 * reads the task and decides (unassigned, the member's organisation among its candidates); staff hand the task to a
 * colleague before the engine's completion reads it again (here: while the form is checked, the step between the two).
 * The completion holds to the revision it decided on, so the member's completion is a conflict, not a completion of a
 * task that is no longer theirs. A spy is the only way found to land in that window, so this class has a context of
 * its own: its engine has its own name (the engine REST API of the other tests' context looks its engine up by name and
 * must not find this one), its webapps are off (they keep their runtime in static fields), and it is closed afterwards.
 */
@OporaIntegrationTest
@TestPropertySource(properties = {"camunda.bpm.process-engine-name=race", "camunda.bpm.webapp.enabled=false"})
@DirtiesContext
class CompletionRaceTest {

    @Autowired
    Api api;
    @Autowired
    TestFixtures fixtures;
    @Autowired
    TaskService taskService;
    @MockitoSpyBean
    TaskFormContract forms;

    @Test
    void aTaskHandedOnWhileItsCompletionIsDecidedIsNotCompletedByTheFormerCandidate() {
        CaseRecord record = fixtures.openCase(fixtures.organisationA(), "Completion race");
        Task review = taskService.createTaskQuery().processInstanceId(record.processInstanceId()).singleResult();
        assertThat(api.post("staff", "/api/tasks/" + review.getId() + "/complete", Map.of("approved", true, "comment", "Fine"))
                .status()).isEqualTo(204);
        String answer = taskService.createTaskQuery().processInstanceId(record.processInstanceId()).singleResult().getId();
        doAnswer(invocation -> {
            Task deciding = invocation.getArgument(0);
            if (deciding.getId().equals(answer)) {
                // Staff hand the task on, committed in a transaction of its own, after Opora has decided.
                CompletableFuture.runAsync(() -> taskService.setAssignee(answer, "staff")).join();
            }
            return invocation.callRealMethod();
        }).when(forms).variablesFor(any(), any());

        Api.Response response = api.post("cso-a", "/api/tasks/" + answer + "/complete",
                Map.of("answer", "Mine, though handed on", "channel", "post"));

        assertThat(response.status()).as(response.raw()).isEqualTo(409);
        Task stillOpen = taskService.createTaskQuery().taskId(answer).singleResult();
        assertThat(stillOpen).as("the task handed to staff stays open").isNotNull();
        assertThat(stillOpen.getAssignee()).isEqualTo("staff");
    }
}
