package org.opora.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

import org.camunda.bpm.engine.BadUserRequestException;
import org.camunda.bpm.engine.FilterService;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.filter.Filter;
import org.camunda.bpm.engine.impl.TaskQueryImpl;
import org.camunda.bpm.engine.task.TaskQuery;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.opora.support.Api;
import org.opora.support.ExpressionProbe;
import org.opora.support.OporaIntegrationTest;
import org.opora.support.TestFixtures;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.HttpMethod;

/**
 * The exploit of issue 9: a query carrying an expression, above all inside {@code orQueries}, which
 * Camunda 7.24.0 evaluates past {@code enableExpressionsInAdhocQueries}. Through every entry point and
 * every role that can sign in, the answer is a refusal and the expression never runs.
 */
@OporaIntegrationTest
class QueryExpressionTest {

    private static final List<String> ROLES = List.of("admin", "staff", "expert", "cso-a", "cso-b");
    /** A marker file the Runtime-style payload would create. */
    private static final Path PWNED = Path.of(System.getProperty("java.io.tmpdir"), "opora-expression-test-pwned");

    @Autowired
    Api api;
    @Autowired
    ExpressionProbe probe;
    @Autowired
    TaskService taskService;
    @Autowired
    FilterService filterService;
    @Autowired
    IdentityService identityService;
    @Autowired
    TestFixtures fixtures;

    private int firedBefore;

    @BeforeEach
    void countProbe() throws Exception {
        fixtures.centre();
        Files.deleteIfExists(PWNED);
        firedBefore = probe.fired();
    }

    @AfterEach
    void nothingRan() {
        assertThat(probe.fired()).as("the probe's expression was evaluated").isEqualTo(firedBefore);
        assertThat(PWNED).as("the Runtime payload ran").doesNotExist();
    }

    static String runtimePayload(char delimiter) {
        return delimiter + "{''.getClass().forName('java.lang.Runtime').getRuntime().exec('touch " + PWNED + "')}";
    }

    // --- the engine itself, whatever calls it ---------------------------------------------------------

    @ParameterizedTest
    @ValueSource(strings = {"${expressionProbe.fire()}", "#{expressionProbe.fire()}"})
    void theEngineRefusesAnExpressionInAnOrBranch(String expression) {
        asStaff(() -> {
            assertThatThrownBy(() -> taskService.createTaskQuery().or().taskAssigneeExpression(expression).endOr().list())
                    .isInstanceOf(BadUserRequestException.class);
            assertThatThrownBy(() -> taskService.createTaskQuery().or().taskCandidateUserExpression(expression).endOr().count())
                    .isInstanceOf(BadUserRequestException.class);
            return null;
        });
    }

    @Test
    void theEngineRefusesRuntimePayloadsInEveryBranch() {
        asStaff(() -> {
            for (char delimiter : new char[] {'$', '#'}) {
                TaskQuery query = taskService.createTaskQuery().taskName("x")
                        .or().taskName("y").endOr()
                        .or().taskName("z").dueDateExpression(runtimePayload(delimiter)).endOr();
                assertThatThrownBy(query::list).isInstanceOf(BadUserRequestException.class);
                assertThatThrownBy(() -> taskService.createTaskQuery().taskAssigneeExpression(runtimePayload(delimiter)).list())
                        .isInstanceOf(BadUserRequestException.class);
            }
            return null;
        });
    }

    @Test
    void aStoredFilterWithAnExpressionInAnOrBranchNeverEvaluatesIt() {
        TaskQueryImpl query = (TaskQueryImpl) taskService.createTaskQuery();
        query.or().taskAssigneeExpression("${expressionProbe.fire()}").endOr();
        Filter filter = filterService.newTaskFilter("Attacker's filter").setQuery(query);
        filterService.saveFilter(filter);
        try {
            asStaff(() -> {
                assertThatThrownBy(() -> filterService.list(filter.getId())).isInstanceOf(RuntimeException.class);
                assertThatThrownBy(() -> filterService.count(filter.getId())).isInstanceOf(RuntimeException.class);
                TaskQueryImpl extending = (TaskQueryImpl) taskService.createTaskQuery();
                extending.or().taskOwnerExpression("${expressionProbe.fire()}").endOr();
                // A clean stored filter, extended by the caller's query.
                assertThatThrownBy(() -> filterService.list(tasklistFilterId(), extending)).isInstanceOf(RuntimeException.class);
                return null;
            });
        } finally {
            filterService.deleteFilter(filter.getId());
        }
    }

    // --- over HTTP, as each role -------------------------------------------------------------------------

    @Test
    void theEngineRestApiRefusesExpressionsAsA400NamingTheField() {
        for (String user : List.of("admin", "staff")) {
            assertRefused(api.post(user, "/engine-rest/task?maxResults=5", orQuery("${expressionProbe.fire()}")),
                    "orQueries[0].assigneeExpression");
            assertRefused(api.post(user, "/engine-rest/task/count", orQuery("#{expressionProbe.fire()}")),
                    "orQueries[0].assigneeExpression");
            assertRefused(api.post(user, "/engine-rest/task", Map.of("orQueries", List.of(Map.of("orQueries",
                    List.of(Map.of("candidateUserExpression", runtimePayload('$'))))))), "orQueries[0].orQueries[0].candidateUserExpression");
            assertRefused(api.getEncoded(user, "/engine-rest/task?assigneeExpression=%24%7BexpressionProbe.fire()%7D", Map.of()),
                    "assigneeExpression");
            assertRefused(api.getEncoded(user, "/engine-rest/task?maxResults=5&assignee=%23%7BexpressionProbe.fire()%7D", Map.of()),
                    "assignee");
            assertRefused(api.post(user, "/engine-rest/filter/create", Map.of("resourceType", "Task", "name", "evil",
                    "query", orQuery("${expressionProbe.fire()}"))), "query.orQueries[0].assigneeExpression");
            String filterId = tasklistFilterId();
            assertRefused(api.post(user, "/engine-rest/filter/" + filterId + "/list", orQuery("${expressionProbe.fire()}")),
                    "orQueries[0].assigneeExpression");
        }
    }

    @Test
    void tasklistsApiRefusesExpressionsForEveryRole() {
        String filterId = tasklistFilterId();
        for (String user : ROLES) {
            boolean staff = user.equals("admin") || user.equals("staff");
            Api.WebappSession session = api.webappSession(user);
            for (String path : List.of("/camunda/api/engine/engine/default/task?maxResults=5",
                    "/camunda/api/engine/engine/default/filter/" + filterId + "/list",
                    "/camunda/api/engine/engine/default/filter/" + filterId + "/count")) {
                for (String expression : List.of("${expressionProbe.fire()}", "#{expressionProbe.fire()}", runtimePayload('$'))) {
                    Api.Response response = api.exchange(user, HttpMethod.POST, path, orQuery(expression), session.headers());
                    if (staff) {
                        assertRefused(response, "orQueries[0].assigneeExpression");
                    } else {
                        // CSO members and experts do not reach Tasklist's API at all (EngineApiAccessTest).
                        assertThat(response.status()).as("%s %s", user, path).isEqualTo(403);
                    }
                }
            }
            Api.Response get = api.getEncoded(user, "/camunda/api/engine/engine/default/filter/" + filterId
                    + "/list?assigneeExpression=%24%7BexpressionProbe.fire()%7D", session.headers());
            if (staff) {
                assertRefused(get, "assigneeExpression");
            } else {
                assertThat(get.status()).isEqualTo(403);
            }
        }
    }

    private static Map<String, Object> orQuery(String expression) {
        return Map.of("orQueries", List.of(Map.of("assigneeExpression", expression)));
    }

    private static void assertRefused(Api.Response response, String field) {
        assertThat(response.status()).as(response.raw()).isEqualTo(400);
        assertThat(response.json().path("type").asText()).as(response.raw()).isEqualTo("urn:opora:problem:validation");
        assertThat(response.json().path("errors").get(0).path("field").asText()).isEqualTo(field);
    }

    private String tasklistFilterId() {
        return filterService.createFilterQuery().filterName(IdentityBootstrap.TASKLIST_FILTER_NAME).singleResult().getId();
    }

    private <T> T asStaff(Supplier<T> work) {
        identityService.setAuthentication("staff", List.of(Role.STAFF.groupId()), List.of(fixtures.centre().tenantId()));
        try {
            return work.get();
        } finally {
            identityService.clearAuthentication();
        }
    }
}
