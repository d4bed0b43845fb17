package org.opora.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.camunda.bpm.engine.AuthorizationService;
import org.camunda.bpm.engine.HistoryService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.authorization.Authorization;
import org.camunda.bpm.engine.authorization.Permissions;
import org.camunda.bpm.engine.authorization.Resources;
import org.camunda.bpm.engine.task.Task;
import org.junit.jupiter.api.Test;
import org.opora.cases.CaseRecord;
import org.opora.support.Api;
import org.opora.support.OporaIntegrationTest;
import org.opora.support.TestFixtures;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.HttpMethod;

/**
 * CSO members and experts have no way into the engine's API, nor into Tasklist: they work in Opora's
 * pages. Staff keep the engine's API and the webapps, but a task with a form takes its input through the
 * form contract only (ADR 9).
 */
@OporaIntegrationTest
class EngineApiAccessTest {

    private static final String ENGINE = "/camunda/api/engine/engine/default";

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
    AuthorizationService authorizationService;

    @Test
    void membersAndExpertsAreRefusedEverywhereInTheEngineApisAndTheWebappsAndWriteNothing() {
        Task answer = answerTaskOfOrganisationA("Sweep");
        String task = answer.getId();
        for (String user : List.of("cso-a", "cso-b", "expert")) {
            Api.WebappSession session = api.webappSession(user);
            List<String> open = new ArrayList<>();
            for (String[] request : engineRequests(task, answer.getProcessInstanceId())) {
                HttpMethod method = HttpMethod.valueOf(request[0]);
                Object body = method == HttpMethod.GET || method == HttpMethod.DELETE ? null
                        : Map.of("value", "x<script>", "type", "String");
                Api.Response response = api.exchange(user, method, request[1], body,
                        request[1].startsWith("/camunda") ? session.headers() : Map.of());
                if (response.status() != 401 && response.status() != 403) {
                    open.add(request[0] + " " + request[1] + " -> " + response.status());
                }
            }
            assertThat(open).as(user).isEmpty();
        }
        assertThat(runtimeService.getVariables(answer.getProcessInstanceId())).doesNotContainKeys("evil");
        assertThat(taskService.getVariablesLocal(task)).isEmpty();
        assertThat(taskService.createTaskQuery().taskId(task).count()).isEqualTo(1);
    }

    @Test
    void staffCompleteATaskInTasklistOnlyThroughItsFormContract() {
        CaseRecord record = fixtures.openCase(fixtures.organisationA(), "Through Tasklist");
        String review = taskService.createTaskQuery().processInstanceId(record.processInstanceId()).singleResult().getId();
        Api.WebappSession session = api.webappSession("staff");
        String submit = ENGINE + "/task/" + review + "/submit-form";

        Api.Response bogus = api.exchange("staff", HttpMethod.POST, submit, Map.of("variables", Map.of(
                "approved", Map.of("value", "yes", "type", "String"),
                "summary", Map.of("value", "rewritten", "type", "String"))), session.headers());
        assertThat(bogus.status()).as(bogus.raw()).isEqualTo(400);
        assertThat(bogus.json().path("errors").findValuesAsText("field")).containsExactlyInAnyOrder("approved", "summary", "comment");
        // Tasklist shows the engine API's "message".
        assertThat(bogus.json().path("message").asText()).contains("approved");

        Api.Response forged = api.exchange("staff", HttpMethod.POST, submit, Map.of("variables", Map.of(
                "approved", Map.of("value", true, "type", "Boolean"), "comment", Map.of("value", "ok", "type", "String"))),
                session.withoutCsrfToken());
        assertThat(forged.status()).isEqualTo(403);
        assertThat(taskService.createTaskQuery().taskId(review).count()).isEqualTo(1);

        session = api.webappSession("staff");
        Api.Response done = api.exchange("staff", HttpMethod.POST, submit, Map.of("variables", Map.of(
                "approved", Map.of("value", true, "type", "Boolean"),
                "comment", Map.of("value", "Well prepared", "type", "String")), "withVariablesInReturn", true), session.headers());
        assertThat(done.status()).as(done.raw()).isEqualTo(200);
        assertThat(taskService.createTaskQuery().taskId(review).count()).isZero();
        assertThat(runtimeService.getVariables(record.processInstanceId())).containsEntry("comment", "Well prepared");
    }

    @Test
    void staffWriteATaskWithAFormOnlyThroughTheFormInEitherEngineApi() {
        CaseRecord record = fixtures.openCase(fixtures.organisationA(), "Staff and the engine API");
        String review = taskService.createTaskQuery().processInstanceId(record.processInstanceId()).singleResult().getId();
        Api.WebappSession session = api.webappSession("staff");

        assertThat(api.put("staff", "/engine-rest/task/" + review + "/variables/approved",
                Map.of("value", true, "type", "Boolean")).status()).isEqualTo(403);
        assertThat(api.exchange("staff", HttpMethod.PUT, ENGINE + "/task/" + review + "/localVariables/approved",
                Map.of("value", true, "type", "Boolean"), session.headers()).status()).isEqualTo(403);
        assertThat(api.post("staff", "/engine-rest/task/" + review + "/variables",
                Map.of("modifications", Map.of("approved", Map.of("value", true)))).status()).isEqualTo(403);
        Api.Response unchecked = api.post("staff", "/engine-rest/task/" + review + "/complete",
                Map.of("variables", Map.of("approved", Map.of("value", true), "summary", Map.of("value", "rewritten"))));
        assertThat(unchecked.status()).as(unchecked.raw()).isEqualTo(400);
        assertThat(unchecked.json().path("errors").findValuesAsText("field")).contains("summary", "comment");
        Api.Response trailingSlash = api.post("staff", "/engine-rest/task/" + review + "/complete/",
                Map.of("variables", Map.of("approved", Map.of("value", true))));
        assertThat(trailingSlash.status()).as(trailingSlash.raw()).isIn(400, 404);
        assertThat(api.post("staff", "/engine-rest/task/" + review + "/resolve/", Map.of()).is2xx()).isFalse();
        assertThat(api.post("staff", "/engine-rest/task/" + review + "/bpmnError",
                Map.of("errorCode", "x", "variables", Map.of("approved", Map.of("value", true)))).status()).isEqualTo(403);
        // A percent-encoded id is the same task to the engine, and to the guard.
        String encoded = "%" + Integer.toHexString(review.charAt(0)) + review.substring(1);
        assertThat(api.putEncoded("staff", "/engine-rest/task/" + encoded + "/variables/approved",
                Map.of("value", true, "type", "Boolean")).status()).isEqualTo(403);
        assertThat(runtimeService.getVariables(record.processInstanceId())).doesNotContainKey("approved");

        Api.Response complete = api.post("staff", "/engine-rest/task/" + review + "/complete", Map.of("variables", Map.of(
                "approved", Map.of("value", true, "type", "Boolean"), "comment", Map.of("value", "Fine", "type", "String"))));
        assertThat(complete.status()).as(complete.raw()).isEqualTo(204);
        assertThat(runtimeService.getVariables(record.processInstanceId())).containsEntry("approved", true);
    }

    @Test
    void candidatesMayWorkOnTheirTasksButNotChangeThem() {
        Task answer = answerTaskOfOrganisationA("Permissions");
        Authorization candidates = authorizationService.createAuthorizationQuery().resourceType(Resources.TASK)
                .resourceId(answer.getId()).groupIdIn(fixtures.organisationA().groupId()).singleResult();

        assertThat(candidates.isPermissionGranted(Permissions.TASK_WORK)).isTrue();
        assertThat(candidates.isPermissionGranted(Permissions.UPDATE)).isFalse();
    }

    /** The organisation's answer task of a fresh case, after staff approved the review. */
    private Task answerTaskOfOrganisationA(String title) {
        CaseRecord record = fixtures.openCase(fixtures.organisationA(), title);
        String review = taskService.createTaskQuery().processInstanceId(record.processInstanceId()).singleResult().getId();
        Api.Response approved = api.post("staff", "/api/tasks/" + review + "/complete", Map.of("approved", true, "comment", "Go on"));
        assertThat(approved.status()).isEqualTo(204);
        return taskService.createTaskQuery().processInstanceId(record.processInstanceId()).singleResult();
    }

    /** The engine's resources, read and written, through both of its APIs. */
    private static List<String[]> engineRequests(String task, String instance) {
        List<String[]> requests = new ArrayList<>();
        for (String base : List.of("/engine-rest", ENGINE)) {
            for (String path : List.of("/task", "/task/count", "/history/variable-instance", "/history/task",
                    "/history/identity-link-log", "/history/process-instance", "/history/activity-instance",
                    "/history/user-operation", "/user", "/group", "/tenant", "/authorization", "/process-definition",
                    "/decision-definition", "/deployment", "/process-instance", "/execution", "/variable-instance", "/job",
                    "/incident", "/batch", "/metrics", "/external-task", "/message", "/signal",
                    "/process-instance/" + instance + "/variables", "/task/" + task + "/variables",
                    "/task/" + task + "/localVariables")) {
                requests.add(new String[] {"GET", base + path});
            }
            requests.add(new String[] {"GET", base + "/filter"});
            requests.add(new String[] {"GET", base + "/task/" + task});
            requests.add(new String[] {"GET", base + "/task/" + task + "/deployed-form"});
            requests.add(new String[] {"POST", base + "/task/" + task + "/submit-form"});
            requests.add(new String[] {"POST", base + "/task/" + task + "/claim"});
            requests.add(new String[] {"PUT", base + "/task/" + task + "/variables/evil"});
            requests.add(new String[] {"PUT", base + "/task/" + task + "/localVariables/evil"});
            requests.add(new String[] {"POST", base + "/task/" + task + "/variables"});
            requests.add(new String[] {"POST", base + "/task/" + task + "/complete"});
            requests.add(new String[] {"POST", base + "/task/" + task + "/resolve"});
            requests.add(new String[] {"PUT", base + "/process-instance/" + instance + "/variables/evil"});
            requests.add(new String[] {"POST", base + "/process-definition/key/platform-check/start"});
            requests.add(new String[] {"POST", base + "/message"});
            requests.add(new String[] {"POST", base + "/signal"});
            requests.add(new String[] {"POST", base + "/filter/create"});
            requests.add(new String[] {"POST", base + "/user/create"});
            requests.add(new String[] {"DELETE", base + "/process-instance/" + instance});
        }
        requests.add(new String[] {"GET", "/camunda/app/tasklist/default/"});
        requests.add(new String[] {"GET", "/camunda/app/cockpit/default/"});
        requests.add(new String[] {"GET", "/camunda/app/admin/default/"});
        requests.add(new String[] {"GET", "/camunda/api/cockpit/plugin/base/default/process-definition/statistics"});
        requests.add(new String[] {"GET", "/camunda/api/admin/auth/user/default/profile"});
        return requests;
    }
}
