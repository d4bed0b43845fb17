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
import org.springframework.test.context.bean.override.mockito.MockitoSpyBean;

/**
 * ATTACK (ADR 35 review), FAILS on the code under review: a completion races a reassignment. Opora reads the task and
 * decides (unassigned, the member's organisation among its candidates) in engine commands of their own; the engine's
 * completion then reads the task afresh and completes whoever holds it by then. Staff hand the task to a colleague in
 * between (here: while the form is checked, the step between Opora's decision and the engine's completion), and the
 * member's completion still goes through, on a task that is no longer theirs: the 409 Opora gives when it sees the
 * assignee is skipped. The engine's check, before ADR 35, did not catch it either (the organisation's grant on the task
 * outlives the hand-over), so this is not new with ADR 35; but Opora's rule is now the only gate, and it is decided on a
 * read the completion does not hold to.
 */
@OporaIntegrationTest
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
