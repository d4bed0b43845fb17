package org.opora.tasks;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import org.camunda.bpm.engine.HistoryService;
import org.camunda.bpm.engine.ManagementService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.camunda.bpm.engine.runtime.Job;
import org.camunda.bpm.engine.task.Task;
import org.junit.jupiter.api.RepeatedTest;
import org.junit.jupiter.api.Test;
import org.opora.cases.CaseRecord;
import org.opora.support.Api;
import org.opora.support.OporaIntegrationTest;
import org.opora.support.TestFixtures;
import org.springframework.beans.factory.annotation.Autowired;

import com.fasterxml.jackson.databind.JsonNode;

@OporaIntegrationTest
class TaskApiTest {

    @Autowired
    Api api;
    @Autowired
    TestFixtures fixtures;
    @Autowired
    TaskService taskService;
    @Autowired
    RuntimeService runtimeService;
    @Autowired
    HistoryService historyService;
    @Autowired
    ManagementService managementService;

    @Test
    void staffSeeTheNewReviewTaskWithItsCaseOrganisationAndForm() {
        CaseRecord record = fixtures.openCase(fixtures.organisationA(), "Printing leaflets for the autumn fair");

        Api.Response response = api.get("staff", "/api/tasks?count=true&caseId=" + record.id());

        assertThat(response.status()).isEqualTo(200);
        JsonNode item = response.json().path("items").get(0);
        assertThat(response.json().path("total").asInt()).isEqualTo(1);
        assertThat(item.path("name").asText()).isEqualTo("Review case");
        assertThat(item.path("caseId").asText()).isEqualTo(record.id().toString());
        assertThat(item.path("caseTitle").asText()).isEqualTo("Printing leaflets for the autumn fair");
        assertThat(item.path("organisation").path("name").asText()).isEqualTo(TestFixtures.ORGANISATION_A);
        assertThat(item.path("formRef").asText()).isEqualTo("review-case");
        assertThat(item.path("process").asText()).isEqualTo(TestFixtures.PROCESS);
        assertThat(Instant.parse(item.path("due").asText())).isAfter(Instant.parse(item.path("created").asText()));
    }

    @Test
    void theListFiltersByProcessAndOverdueAndSortsByDueDate() {
        CaseRecord first = fixtures.openCase(fixtures.organisationA(), "Due later");
        ClockUtil.setCurrentTime(Date.from(Instant.now().minus(Duration.ofDays(1))));
        CaseRecord earlier = fixtures.openCase(fixtures.organisationA(), "Due earlier");
        ClockUtil.reset();

        assertThat(api.get("staff", "/api/tasks?count=true&process=grants&caseId=" + first.id()).json().path("total").asInt()).isZero();
        assertThat(api.get("staff", "/api/tasks?count=true&overdue=true&caseId=" + first.id()).json().path("total").asInt()).isZero();

        ClockUtil.setCurrentTime(Date.from(Instant.now().plus(Duration.ofDays(4))));
        assertThat(api.get("staff", "/api/tasks?count=true&overdue=true&caseId=" + first.id()).json().path("total").asInt()).isEqualTo(1);

        // Every page of the shared database's overdue tasks, page after page by the cursor, keeping only this test's two cases.
        List<String> titles = new ArrayList<>();
        List<String> ours = List.of(first.id().toString(), earlier.id().toString());
        String after = null;
        JsonNode listed;
        do {
            listed = api.get("staff", "/api/tasks?overdue=true&size=100" + (after == null ? "" : "&after=" + after)).json();
            listed.path("items").forEach(item -> {
                if (ours.contains(item.path("caseId").asText())) {
                    titles.add(item.path("caseTitle").asText());
                }
            });
            after = listed.path("next").asText(null);
        } while (listed.path("hasMore").asBoolean());
        assertThat(titles).containsExactly("Due earlier", "Due later");
    }

    @Test
    void anUnknownProcessFilterIsAProblemNamingTheField() {
        Api.Response response = api.get("staff", "/api/tasks?process=knitting");

        assertThat(response.status()).isEqualTo(400);
        assertThat(response.headers().getContentType().toString()).startsWith("application/problem+json");
        assertThat(response.json().path("type").asText()).isEqualTo("urn:opora:problem:validation");
        assertThat(response.json().path("errors").get(0).path("field").asText()).isEqualTo("process");

        Api.Response tooBig = api.get("staff", "/api/tasks?size=1000");
        assertThat(tooBig.status()).isEqualTo(400);
        assertThat(tooBig.json().path("errors").get(0).path("field").asText()).isEqualTo("size");
    }

    @Test
    void claimMakesTheTaskMineAndAColleagueThenGetsAConflict() {
        CaseRecord record = fixtures.openCase(fixtures.organisationA(), "Claim me");
        String taskId = reviewTask(record).getId();

        assertThat(api.post("staff", "/api/tasks/" + taskId + "/claim", null).status()).isEqualTo(204);
        assertThat(taskService.createTaskQuery().taskId(taskId).singleResult().getAssignee()).isEqualTo("staff");
        assertThat(api.post("admin", "/api/tasks/" + taskId + "/claim", null).status()).isEqualTo(409);

        assertThat(api.post("staff", "/api/tasks/" + taskId + "/unclaim", null).status()).isEqualTo(204);
        assertThat(taskService.createTaskQuery().taskId(taskId).singleResult().getAssignee()).isNull();
    }

    @Test
    void completingWithFieldsTheFormDoesNotAcceptChangesNothing() {
        CaseRecord record = fixtures.openCase(fixtures.organisationA(), "Bad input");
        String taskId = reviewTask(record).getId();

        Api.Response response = api.post("staff", "/api/tasks/" + taskId + "/complete",
                Map.of("approved", "yes", "score", 11, "summary", "rewritten", "bogus", 1));

        assertThat(response.status()).isEqualTo(400);
        assertThat(response.json().path("type").asText()).isEqualTo("urn:opora:problem:validation");
        assertThat(fieldsAtFault(response)).containsExactlyInAnyOrder("approved", "score", "summary", "bogus", "comment");
        assertThat(response.raw()).doesNotContain("Exception").doesNotContain("at org.");
        assertThat(taskService.createTaskQuery().taskId(taskId).count()).isEqualTo(1);
        assertThat(runtimeService.getVariables(record.processInstanceId())).isEmpty();
    }

    @Test
    void malformedJsonIsAProblemToo() {
        CaseRecord record = fixtures.openCase(fixtures.organisationA(), "Broken JSON");
        String taskId = reviewTask(record).getId();

        Api.Response response = api.exchange("staff", org.springframework.http.HttpMethod.POST,
                "/api/tasks/" + taskId + "/complete", "{not json", Map.of("Content-Type", "application/json"));

        assertThat(response.status()).isEqualTo(400);
        assertThat(response.json().path("type").asText()).isEqualTo("urn:opora:problem:malformed-request");
    }

    @Test
    void completingWithValidInputMovesTheCaseOnAndTheCaseShowsIt() {
        CaseRecord record = fixtures.openCase(fixtures.organisationA(), "Approve me");
        String taskId = reviewTask(record).getId();

        Api.Response response = api.post("staff", "/api/tasks/" + taskId + "/complete",
                Map.of("approved", true, "score", 8, "comment", "Well prepared"));

        assertThat(response.status()).isEqualTo(204);
        assertThat(runtimeService.getVariables(record.processInstanceId()))
                .containsEntry("approved", true).containsEntry("score", 8L).containsEntry("comment", "Well prepared");
        Task answer = taskService.createTaskQuery().processInstanceId(record.processInstanceId()).singleResult();
        assertThat(answer.getTaskDefinitionKey()).isEqualTo("AnswerOrganisation");

        Api.Response caseResponse = api.get("staff", "/api/cases/" + record.id());
        assertThat(caseResponse.status()).as(caseResponse.raw()).isEqualTo(200);
        JsonNode view = caseResponse.json();
        assertThat(view.path("state").asText()).isEqualTo("ACTIVE");
        assertThat(view.path("currentSteps").toString()).contains("Answer the organisation");
        assertThat(view.path("openTasks").get(0).path("name").asText()).isEqualTo("Answer the organisation");
        assertThat(view.path("deadlines").toString()).contains("10 days without answer");
        assertThat(view.path("timeline").toString()).contains("Case opened", "Review case", "task-completed");

        assertThat(api.post("staff", "/api/tasks/" + taskId + "/complete", Map.of("comment", "again")).status())
                .isEqualTo(409);
    }

    @Test
    void theDeadlineTimerFiresWhenTheEngineClockPassesIt() {
        CaseRecord record = fixtures.openCase(fixtures.organisationA(), "Nobody answers");
        api.post("staff", "/api/tasks/" + reviewTask(record).getId() + "/complete",
                Map.of("approved", true, "comment", "Go on"));

        ClockUtil.setCurrentTime(Date.from(Instant.now().plus(Duration.ofDays(11))));
        Job timer = managementService.createJobQuery().processInstanceId(record.processInstanceId()).timers().singleResult();
        assertThat(managementService.createJobQuery().processInstanceId(record.processInstanceId()).executable().count())
                .isEqualTo(1);
        managementService.executeJob(timer.getId());

        JsonNode view = api.get("staff", "/api/cases/" + record.id()).json();
        assertThat(view.path("state").asText()).isEqualTo("COMPLETED");
        assertThat(view.path("timeline").toString()).contains("No answer");
    }

    @RepeatedTest(10)
    void ofConcurrentCompletionsExactlyOneSucceedsAndTheOthersGetAConflict() throws Exception {
        CaseRecord record = fixtures.openCase(fixtures.organisationA(), "Race");
        String taskId = reviewTask(record).getId();
        int racers = 4;
        CountDownLatch start = new CountDownLatch(1);
        ExecutorService pool = Executors.newFixedThreadPool(racers);
        try {
            List<Future<Integer>> results = new ArrayList<>();
            for (int i = 0; i < racers; i++) {
                results.add(pool.submit(() -> {
                    start.await();
                    return api.post("staff", "/api/tasks/" + taskId + "/complete",
                            Map.of("approved", false, "comment", "Declined")).status();
                }));
            }
            start.countDown();
            List<Integer> statuses = new ArrayList<>();
            for (Future<Integer> result : results) {
                statuses.add(result.get());
            }
            assertThat(statuses).containsOnly(204, 409).filteredOn(status -> status == 204).hasSize(1);
        } finally {
            pool.shutdownNow();
        }
        assertThat(historyService.createHistoricProcessInstanceQuery().processInstanceId(record.processInstanceId())
                .singleResult().getEndActivityId()).isEqualTo("CaseDeclined");
        assertThat(historyService.createHistoricTaskInstanceQuery().processInstanceId(record.processInstanceId()).count())
                .isEqualTo(1);
    }

    private Task reviewTask(CaseRecord record) {
        return taskService.createTaskQuery().processInstanceId(record.processInstanceId()).taskDefinitionKey("ReviewCase")
                .singleResult();
    }

    private static List<String> fieldsAtFault(Api.Response response) {
        List<String> fields = new ArrayList<>();
        response.json().path("errors").forEach(error -> fields.add(error.path("field").asText()));
        return fields;
    }
}
