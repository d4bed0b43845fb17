package org.opora.cases;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;

import org.camunda.bpm.engine.HistoryService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.history.UserOperationLogEntry;
import org.camunda.bpm.engine.task.Task;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.opora.support.Api;
import org.opora.support.OporaIntegrationTest;
import org.opora.support.TestFixtures;
import org.springframework.beans.factory.annotation.Autowired;

/** A member of organisation A can never read or touch organisation B's cases, tasks or history. */
@OporaIntegrationTest
class OrganisationScopingTest {

    @Autowired
    Api api;
    @Autowired
    TestFixtures fixtures;
    @Autowired
    TaskService taskService;
    @Autowired
    HistoryService historyService;

    CaseRecord caseOfA;
    CaseRecord caseOfB;
    String answerTaskOfA;
    String answerTaskOfB;
    String reviewTaskOfB;

    @BeforeEach
    void twoCasesWaitingForTheirOrganisations() {
        caseOfA = fixtures.openCase(fixtures.organisationA(), "Case of A");
        caseOfB = fixtures.openCase(fixtures.organisationB(), "Case of B");
        approveReview(caseOfA);
        reviewTaskOfB = approveReview(caseOfB);
        answerTaskOfA = openTask(caseOfA).getId();
        answerTaskOfB = openTask(caseOfB).getId();
    }

    @Test
    void aMemberSeesTheirOwnOrganisationsCaseAndTask() {
        assertThat(api.get("cso-a", "/api/cases/" + caseOfA.id()).status()).isEqualTo(200);
        assertThat(api.get("cso-a", "/api/tasks?caseId=" + caseOfA.id()).json().path("items").get(0).path("id").asText())
                .isEqualTo(answerTaskOfA);
        assertThat(api.get("cso-a", "/api/cases?size=100").raw()).contains(caseOfA.id().toString());
    }

    @Test
    void anotherOrganisationsCaseIsNotFoundWithItsTimeline() {
        Api.Response response = api.get("cso-a", "/api/cases/" + caseOfB.id());

        assertThat(response.status()).isEqualTo(404);
        assertThat(response.json().path("type").asText()).isEqualTo("urn:opora:problem:not-found");
        assertThat(response.raw()).doesNotContain("Case of B");
        assertThat(api.get("cso-b", "/api/cases/" + caseOfA.id()).status()).isEqualTo(404);
    }

    @Test
    void anotherOrganisationsCasesAndTasksAreNotListed() {
        assertThat(api.get("cso-a", "/api/cases?size=100").raw()).doesNotContain(caseOfB.id().toString());
        assertThat(api.get("cso-a", "/api/tasks?size=100").raw()).doesNotContain(answerTaskOfB).doesNotContain("Case of B");
        assertThat(api.get("cso-a", "/api/tasks?count=true&caseId=" + caseOfB.id()).json().path("total").asInt()).isZero();
    }

    @Test
    void anotherOrganisationsTasksCannotBeClaimedCompletedOrGivenBack() {
        assertThat(api.post("cso-a", "/api/tasks/" + answerTaskOfB + "/claim", null).status()).isEqualTo(404);
        assertThat(api.post("cso-a", "/api/tasks/" + answerTaskOfB + "/unclaim", null).status()).isEqualTo(404);
        assertThat(api.post("cso-a", "/api/tasks/" + answerTaskOfB + "/complete", Map.of("answer", "mine now")).status())
                .isEqualTo(404);
        // A finished task of B is "not found" too, not "already completed": that would tell A it existed.
        assertThat(api.post("cso-a", "/api/tasks/" + reviewTaskOfB + "/complete", Map.of()).status()).isEqualTo(404);

        Task untouched = taskService.createTaskQuery().taskId(answerTaskOfB).singleResult();
        assertThat(untouched.getAssignee()).isNull();
    }

    @Test
    void theEngineApisAndTasklistStayClosedToMembers() {
        assertThat(api.get("cso-a", "/engine-rest/history/task").status()).isEqualTo(403);
        assertThat(api.get("cso-a", "/engine-rest/task").status()).isEqualTo(403);

        // Not Tasklist either: members find their tasks in Opora's pages and API (ADR 9).
        assertThat(api.get("cso-a", "/camunda/api/engine/engine/default/filter?resourceType=Task").status()).isEqualTo(403);
        assertThat(api.get("cso-a", "/camunda/api/engine/engine/default/task?maxResults=1000").status()).isEqualTo(403);
    }

    @Test
    void aMemberCompletesTheirOrganisationsTaskThroughTheApi() {
        assertThat(api.post("cso-a", "/api/tasks/" + answerTaskOfA + "/complete",
                Map.of("answer", "We will send it by post", "channel", "post")).status()).isEqualTo(204);
        assertThat(historyService.createHistoricProcessInstanceQuery().processInstanceId(caseOfA.processInstanceId())
                .singleResult().getEndActivityId()).isEqualTo("CaseClosed");
        // The engine completes it without its authorization check, but as the member (ADR 35): its operation log says who.
        UserOperationLogEntry completed = historyService.createUserOperationLogQuery().taskId(answerTaskOfA)
                .operationType(UserOperationLogEntry.OPERATION_TYPE_COMPLETE).singleResult();
        assertThat(completed.getUserId()).isEqualTo("cso-a");
    }

    /** A member sees their organisation's case, but its staff's task is not theirs to complete, even with valid input. */
    @Test
    void aMemberCannotCompleteTheStaffsTaskOfTheirOwnOrganisationsCase() {
        CaseRecord inReview = fixtures.openCase(fixtures.organisationA(), "Still in review");
        Task review = openTask(inReview);

        Api.Response response = api.post("cso-a", "/api/tasks/" + review.getId() + "/complete",
                Map.of("approved", true, "comment", "Approving my own case"));

        assertThat(response.status()).as(response.raw()).isEqualTo(403);
        assertThat(response.headers().getContentType().toString()).startsWith("application/problem+json");
        assertThat(taskService.createTaskQuery().taskId(review.getId()).singleResult().getAssignee()).isNull();
        assertThat(historyService.createUserOperationLogQuery().taskId(review.getId())
                .operationType(UserOperationLogEntry.OPERATION_TYPE_COMPLETE).count()).isZero();
    }

    @Test
    void anExpertSeesNoCaseTheyHaveNoTaskIn() {
        assertThat(api.get("expert", "/api/cases/" + caseOfA.id()).status()).isEqualTo(404);
        assertThat(api.get("expert", "/api/cases?size=100").raw()).doesNotContain(caseOfA.id().toString());
    }

    private String approveReview(CaseRecord record) {
        Task review = openTask(record);
        assertThat(api.post("staff", "/api/tasks/" + review.getId() + "/complete",
                Map.of("approved", true, "comment", "Fine")).status()).isEqualTo(204);
        return review.getId();
    }

    private Task openTask(CaseRecord record) {
        return taskService.createTaskQuery().processInstanceId(record.processInstanceId()).singleResult();
    }
}
