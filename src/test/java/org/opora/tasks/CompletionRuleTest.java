package org.opora.tasks;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;

import org.camunda.bpm.engine.HistoryService;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.history.UserOperationLogEntry;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.task.Task;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.opora.cases.CaseRecord;
import org.opora.organisations.Organisation;
import org.opora.security.Role;
import org.opora.support.Api;
import org.opora.support.OporaIntegrationTest;
import org.opora.support.TestFixtures;
import org.opora.system.CheckedByOpora;
import org.opora.users.NotificationMode;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * ADR 35: with the engine's authorization check gone from completions through Opora, Opora's own rule is the only gate.
 * An attacker's probes of that rule through the API users call, and of the switch's scope: each completion that must be
 * refused leaves the task open, unassigned as it was, and out of the engine's operation log.
 */
@OporaIntegrationTest
class CompletionRuleTest {

    private static final Map<String, Object> ANSWER = Map.of("answer", "Done by someone else", "channel", "post");

    @Autowired
    Api api;
    @Autowired
    TestFixtures fixtures;
    @Autowired
    TaskService taskService;
    @Autowired
    HistoryService historyService;
    @Autowired
    IdentityService identityService;
    @Autowired
    CheckedByOpora checked;
    @Autowired
    ProcessEngineConfigurationImpl engineConfiguration;

    CaseRecord caseOfA;
    String answerTaskOfA;

    @BeforeEach
    void aCaseWaitingForOrganisationA() {
        caseOfA = fixtures.openCase(fixtures.organisationA(), "Completion rule");
        Task review = openTask(caseOfA);
        assertThat(api.post("staff", "/api/tasks/" + review.getId() + "/complete", Map.of("approved", true, "comment", "Fine"))
                .status()).isEqualTo(204);
        answerTaskOfA = openTask(caseOfA).getId();
    }

    @AfterEach
    void signOut() {
        identityService.clearAuthentication();
    }

    @Test
    void aColleaguesClaimedTaskOfTheOwnOrganisationIsAConflict() {
        String colleague = fixtures.newUser(Role.CSO, "cso-a2", NotificationMode.NONE, fixtures.organisationA());
        assertThat(api.post("cso-a", "/api/tasks/" + answerTaskOfA + "/claim", null).status()).isEqualTo(204);

        assertThat(api.post(colleague, "/api/tasks/" + answerTaskOfA + "/complete", ANSWER).status()).isEqualTo(409);

        assertThat(taskService.createTaskQuery().taskId(answerTaskOfA).singleResult().getAssignee()).isEqualTo("cso-a");
        assertNotCompleted(answerTaskOfA);
    }

    /**
     * Staff hand the task on (the engine's REST API), then take the organisation off its candidates and give it back: the
     * former assignee keeps the engine's grant on it (the engine deletes none), but not Opora's rule.
     */
    @Test
    void aTaskHandedOnIsNoLongerTheFormerAssigneesOrCandidates() {
        assertThat(api.post("cso-a", "/api/tasks/" + answerTaskOfA + "/claim", null).status()).isEqualTo(204);
        assertThat(api.post("staff", "/engine-rest/task/" + answerTaskOfA + "/assignee", Map.of("userId", "staff")).status())
                .isEqualTo(204);

        assertThat(api.post("cso-a", "/api/tasks/" + answerTaskOfA + "/complete", ANSWER).status()).isEqualTo(409);

        String organisationGroup = Organisation.groupIdFor(fixtures.organisationA().id());
        assertThat(api.post("staff", "/engine-rest/task/" + answerTaskOfA + "/identity-links/delete",
                Map.of("groupId", organisationGroup, "type", "candidate")).status()).isEqualTo(204);
        assertThat(api.post("staff", "/api/tasks/" + answerTaskOfA + "/unclaim", null).status()).isEqualTo(204);

        Api.Response response = api.post("cso-a", "/api/tasks/" + answerTaskOfA + "/complete", ANSWER);

        assertThat(response.status()).as(response.raw()).isEqualTo(403);
        // Nor can they claim it on the engine's leftover grant, to complete it as its assignee.
        assertThat(api.post("cso-a", "/api/tasks/" + answerTaskOfA + "/claim", null).status()).isEqualTo(403);
        assertThat(taskService.createTaskQuery().taskId(answerTaskOfA).singleResult().getAssignee()).isNull();
        assertNotCompleted(answerTaskOfA);
    }

    /** A task of no case is staff's work (CaseAccess), even when a member's organisation is among its candidates. */
    @Test
    void aTaskOfNoCaseIsNotAMembersEvenAsACandidate() {
        Task loose = taskService.newTask();
        loose.setName("A task of no case");
        taskService.saveTask(loose);
        try {
            taskService.addCandidateGroup(loose.getId(), Organisation.groupIdFor(fixtures.organisationA().id()));

            assertThat(api.post("cso-a", "/api/tasks/" + loose.getId() + "/complete", Map.of()).status()).isEqualTo(404);
            assertThat(api.post("expert", "/api/tasks/" + loose.getId() + "/complete", Map.of()).status()).isEqualTo(404);

            assertThat(taskService.createTaskQuery().taskId(loose.getId()).count()).isOne();
            assertNotCompleted(loose.getId());
        } finally {
            taskService.deleteTask(loose.getId(), true);
        }
    }

    /** An expert with no part in the case, and another centre's staff, find neither the staff's task nor the member's. */
    @Test
    void neitherAnUninvolvedExpertNorAnotherCentresStaffCompleteTheCentresTasks() {
        CaseRecord inReview = fixtures.openCase(fixtures.organisationA(), "Still in review");
        String staffsReview = openTask(inReview).getId();
        String otherStaff = fixtures.newUserOfOtherCentre(Role.STAFF, "staff-other");

        for (String taskId : List.of(staffsReview, answerTaskOfA)) {
            assertThat(api.post("expert", "/api/tasks/" + taskId + "/complete", ANSWER).status()).isEqualTo(404);
            assertThat(api.post(otherStaff, "/api/tasks/" + taskId + "/complete", Map.of("approved", true, "comment", "Mine"))
                    .status()).isEqualTo(404);
            // The engine's API: the guard reads the task as the caller (the tenant check), the engine refuses, as "not found".
            assertThat(api.post(otherStaff, "/engine-rest/task/" + taskId + "/complete", Map.of()).status()).isEqualTo(404);
            assertThat(api.post(otherStaff, "/engine-rest/task/" + taskId + "/submit-form", Map.of()).status()).isEqualTo(404);
            assertThat(taskService.createTaskQuery().taskId(taskId).singleResult().getAssignee()).isNull();
            assertNotCompleted(taskId);
        }
    }

    /** The switch is restored however the wrapped call ends: by a refusal, or nested inside another engine command. */
    @Test
    void theSwitchEndsWithItsCallWhenItThrowsOrIsNested() {
        Task review = openTask(fixtures.openCase(fixtures.organisationA(), "Switch scope"));
        identityService.setAuthentication("cso-a", List.of(), List.of(review.getTenantId()));
        try {
            assertSwitchEndsWithItsCall(review);
        } finally {
            // The authentication is the test thread's: the next test's engine calls must not run as cso-a.
            identityService.clearAuthentication();
        }
    }

    private void assertSwitchEndsWithItsCall(Task review) {
        assertThatThrownBy(() -> checked.run(() -> {
            throw new IllegalStateException("a listener refuses");
        })).isInstanceOf(IllegalStateException.class);
        assertThat(taskService.createTaskQuery().taskId(review.getId()).count()).as("checked after a refusal").isZero();

        long afterNested = engineConfiguration.getCommandExecutorTxRequired().execute(context -> {
            assertThat(checked.call(() -> taskService.createTaskQuery().taskId(review.getId()).count())).isOne();
            return taskService.createTaskQuery().taskId(review.getId()).count();
        });
        assertThat(afterNested).as("checked again in the outer command").isZero();
    }

    private void assertNotCompleted(String taskId) {
        assertThat(historyService.createUserOperationLogQuery().taskId(taskId)
                .operationType(UserOperationLogEntry.OPERATION_TYPE_COMPLETE).count()).isZero();
    }

    private Task openTask(CaseRecord record) {
        return taskService.createTaskQuery().processInstanceId(record.processInstanceId()).singleResult();
    }
}
