package org.opora.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Date;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.camunda.bpm.engine.task.Task;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.opora.organisations.Organisation;
import org.opora.organisations.OrganisationRepository;
import org.opora.organisations.OrganisationService;
import org.opora.organisations.ResourceCentre;
import org.opora.support.Api;
import org.opora.support.OporaIntegrationTest;
import org.opora.support.TestDocuments;
import org.opora.support.TestFixtures;
import org.opora.users.NotificationMode;
import org.opora.users.UserAdministration;
import org.opora.users.UserSettings;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.http.HttpMethod;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.web.bind.annotation.RequestMethod;
import org.springframework.web.servlet.mvc.method.RequestMappingInfo;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerMapping;

/**
 * Two resource centres in one installation are two installations to their staff and experts (ADR 23).
 * Centre B (the fixtures' centre: "staff", "expert", "cso-a") gets a letter, a grant competition with a
 * submitted application, a volunteer request and a document, all carrying one marker word; centre A (the
 * fixtures' other centre) gets a staff member, an expert and a CSO member of its own. Then A's people
 * call every route Spring knows (enumerated, so a new route cannot be forgotten) with B's ids, every
 * list, search and export, and the engine's APIs: everything is refused or empty, and the marker is in
 * no answer. B's own staff see the same things, so the seeds are there to be leaked.
 */
@OporaIntegrationTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class CentreSeparationTest {

    /** Routes open to anyone by design (RouteSecurityTest): a centre's public page shows what it published. */
    private static final Set<String> PUBLIC = Set.of("/login", "/error", "/volunteer/signup", "/v/{token}", "/public/{centreId}");

    /**
     * Path variables that name no centre's data, with the values to use: shared by design (the public-body
     * registry and its officials, the calendar, the volunteers), or a fixed word of the route (a queue, a statistics list).
     */
    private static final Map<String, List<String>> FIXED = Map.of(
            "queue", List.of("VetRequest", "CheckAdmission", "ReassignReview", "ChaseReport"),
            "list", List.of("by-status", "by-district", "by-skill", "hours-by-organisation"),
            "year", List.of("2026"),
            "name", List.of("ANSWER"),
            "officialId", List.of(UUID.randomUUID().toString()),
            // Volunteers are one pool for the installation: they choose among the CSOs of every centre (ADR 23).
            "volunteerId", List.of(UUID.randomUUID().toString()));

    @Autowired
    Api api;
    @Autowired
    TestFixtures fixtures;
    @Autowired
    TaskService taskService;
    @Autowired
    org.camunda.bpm.engine.RuntimeService runtime;
    @Autowired
    OrganisationService organisationService;
    @Autowired
    OrganisationRepository organisations;
    @Autowired
    UserAdministration users;
    @Autowired
    JdbcClient jdbc;
    @Autowired
    @Qualifier("requestMappingHandlerMapping")
    RequestMappingHandlerMapping handlerMappings;

    /** The word every piece of centre B's work carries: in no answer to centre A. */
    String marker;
    /** A second word of B's work, searched for (a search answer repeats what was asked). */
    String seek;
    String staffA;
    String expertA;
    String csoA;
    String bodyId;
    String letterB;
    String competitionB;
    String applicationB;
    String requestB;
    String documentB;
    List<String> casesB;
    List<String> instancesB;
    List<String> tasksB;

    @BeforeAll
    void twoCentres() {
        marker = "Zqv" + UUID.randomUUID().toString().replace("-", "").substring(0, 10);
        seek = "Wkj" + UUID.randomUUID().toString().replace("-", "").substring(0, 10);
        staffA = fixtures.newUserOfOtherCentre(Role.STAFF, "staff-a");
        fixtures.setMode(staffA, NotificationMode.IMMEDIATE, "en");
        expertA = fixtures.newUserOfOtherCentre(Role.EXPERT, "expert-a");
        ResourceCentre centreA = organisations.findCentreByName(TestFixtures.OTHER_CENTRE).orElseThrow();
        Organisation organisationA = organisationService.register(centreA.id(), "CSO of centre A", "CSO A " + marker.substring(3),
                Organisation.Kind.INITIATIVE_GROUP, null, null, null, "Other region", null);
        csoA = "cso-a-" + marker.substring(3, 9);
        users.create(new UserAdministration.NewUser(csoA, TestFixtures.PASSWORD, "Test", csoA, csoA + "@opora.test", Role.CSO,
                centreA.id(), organisationA, new UserSettings("en", NotificationMode.IMMEDIATE)));

        Map<String, Object> body = new HashMap<>();
        body.put("name", "Shared registry body " + UUID.randomUUID());
        body.put("kind", "DEPARTMENT");
        body.put("level", "REGIONAL");
        body.put("region", "Тверская область");
        body.put("topics", List.of("образование"));
        bodyId = created(api.post("staff", "/api/public-bodies", body)).path("id").asText();

        Map<String, Object> letter = new HashMap<>();
        letter.put("bodyId", bodyId);
        letter.put("subject", "Letter about " + marker + " " + seek);
        letter.put("topic", "транспорт");
        letter.put("text", "Please help with " + marker + " " + seek);
        letter.put("requestKind", "IN_KIND");
        letterB = created(api.post("cso-a", "/api/letters", letter)).path("letter").path("id").asText();
        documentB = created(api.upload("cso-a", "/api/cases/" + letterB + "/documents", marker + "-note.pdf",
                TestDocuments.pdf("Minutes of " + marker + " " + seek), Map.of("kind", "letter"))).path("id").asText();

        Map<String, Object> request = new HashMap<>(Map.of("title", "Cleanup " + marker + " " + seek, "what", "Rake the leaves of " + marker,
                "why", "The yard of " + marker, "place", "Lenina 1", "district", "Центральный", "city", "Тверь",
                "firstDate", "2027-03-06", "startTime", "10:00", "endTime", "14:00", "needed", 2));
        request.put("contactName", "Anna " + marker);
        request.put("contactEmail", "anna." + marker.toLowerCase() + "@cso.test");
        requestB = created(api.post("cso-a", "/api/volunteering/requests", request)).path("id").asText();

        Api.Response expertProfile = api.put("staff", "/api/grants/experts/expert", Map.of("sector", "CSO",
                "regions", List.of("Тверская область"), "topics", List.of("children"), "tiedOrganisations", List.of(), "active", true));
        assertThat(expertProfile.status()).as(expertProfile.raw()).isEqualTo(200);
        ClockUtil.setCurrentTime(Date.from(LocalDate.of(2026, 3, 2).atTime(12, 0).atZone(ZoneId.of("Europe/Moscow")).toInstant()));
        try {
            competitionB = created(api.post("staff", "/api/grants/competitions", competition())).path("id").asText();
            applicationB = created(api.post("cso-a", "/api/grants/applications", Map.of("competitionId", competitionB)))
                    .path("id").asText();
            Api.Response saved = api.put("cso-a", "/api/grants/applications/" + applicationB, application());
            assertThat(saved.status()).as(saved.raw()).isEqualTo(200);
            created(api.upload("cso-a", "/api/cases/" + applicationB + "/documents", "charter.pdf",
                    TestDocuments.pdf("Charter of " + marker), Map.of("kind", "charter")));
            Api.Response submitted = api.post("cso-a", "/api/grants/applications/" + applicationB + "/submit", null);
            assertThat(submitted.status()).as(submitted.raw()).isEqualTo(204);
        } finally {
            ClockUtil.reset();
        }

        casesB = List.of(letterB, competitionB, applicationB, requestB);
        instancesB = casesB.stream().map(id -> jdbc.sql("SELECT process_instance_id FROM opora_case WHERE id = ?")
                .param(UUID.fromString(id)).query(String.class).single()).toList();
        tasksB = taskService.createTaskQuery().processInstanceIdIn(instancesB.toArray(String[]::new)).list().stream()
                .map(Task::getId).toList();
        assertThat(tasksB).as("centre B has open work").isNotEmpty();
    }

    private Map<String, Object> competition() {
        Map<String, Object> body = new HashMap<>();
        body.put("title", "Small grants " + marker);
        body.put("description", "Support for projects with children, " + marker);
        body.put("opensAt", "2026-03-01T00:00:00+03:00");
        body.put("closesAt", "2026-03-31T00:00:00+03:00");
        body.put("reviewDue", "2026-04-20");
        body.put("budgetPool", 1_000_000);
        body.put("minGrant", 100_000);
        body.put("maxGrant", 600_000);
        body.put("maxMonths", 12);
        body.put("requiredDocuments", List.of("charter"));
        body.put("trancheShares", List.of(50, 50));
        body.put("expertPool", List.of("expert"));
        body.put("criteria", List.of(Map.of("name", "Relevance", "description", "Is the problem real?", "weight", 2, "maxScore", 10),
                Map.of("name", "Budget", "description", "Is the budget realistic?", "weight", 1, "maxScore", 10)));
        body.put("passMarks", List.of(Map.of("amountFrom", 0, "passMark", 60)));
        return body;
    }

    private Map<String, Object> application() {
        Map<String, Object> body = new HashMap<>();
        body.put("projectTitle", "Workshops of " + marker + " " + seek);
        body.put("summary", "Weekend workshops for children, " + marker);
        body.put("region", "Тверская область");
        body.put("topic", "children");
        body.put("targetGroup", "Children from foster families");
        body.put("beneficiaries", 40);
        body.put("requestedAmount", 200_000);
        body.put("durationMonths", 10);
        body.put("budgetLines", List.of(Map.of("item", "Materials", "amount", 100_000), Map.of("item", "Transport", "amount", 100_000)));
        body.put("attachments", List.of(Map.of("kind", "charter", "name", "charter.pdf")));
        return body;
    }

    private static com.fasterxml.jackson.databind.JsonNode created(Api.Response response) {
        assertThat(response.status()).as(response.raw()).isEqualTo(201);
        return response.json();
    }

    /** The ids of centre B's data a path variable may take. */
    private List<String> valuesOf(String variable) {
        if (FIXED.containsKey(variable)) {
            return FIXED.get(variable);
        }
        List<String> all = new ArrayList<>(casesB);
        all.add(documentB);
        all.addAll(tasksB);
        return switch (variable) {
            case "id" -> all;
            case "caseId" -> casesB;
            // B's expert: A's staff may neither read nor change B's expert pool.
            case "userId" -> List.of("expert");
            default -> throw new AssertionError("A new path variable {" + variable + "}: say which of centre B's ids it takes");
        };
    }

    private static final Pattern VARIABLE = Pattern.compile("\\{([^}]+)}");

    /** Every way to fill the pattern's variables with centre B's ids (or the fixed words). */
    private List<String> pathsOf(String pattern) {
        List<String> paths = new ArrayList<>(List.of(pattern));
        Matcher variable = VARIABLE.matcher(pattern);
        while (variable.find()) {
            String placeholder = variable.group();
            List<String> values = valuesOf(variable.group(1));
            List<String> next = new ArrayList<>();
            for (String path : paths) {
                for (String value : values) {
                    next.add(path.replace(placeholder, value));
                }
            }
            paths = next;
        }
        return paths;
    }

    /** What a list may be filtered by, all set to centre B's: a list must stay empty of B's work. */
    private String bQuery() {
        return "?q=" + seek + "&caseId=" + applicationB + "&competitionId=" + competitionB + "&organisationId="
                + fixtures.organisationA().id() + "&centreId=" + fixtures.centre().id() + "&processKey=grant-application";
    }

    @Test
    void centreAsStaffExpertAndMemberGetNothingOfCentreBFromAnyRoute() {
        List<String> leaks = new ArrayList<>();
        int calls = 0;
        for (String user : List.of(staffA, expertA, csoA)) {
            for (RequestMappingInfo info : handlerMappings.getHandlerMethods().keySet()) {
                Set<RequestMethod> methods = info.getMethodsCondition().getMethods();
                for (String pattern : info.getPatternValues()) {
                    if (PUBLIC.contains(pattern)) {
                        continue;
                    }
                    boolean takesIds = VARIABLE.matcher(pattern).results().anyMatch(variable -> !FIXED.containsKey(variable.group(1)));
                    boolean hasVariables = VARIABLE.matcher(pattern).find();
                    for (RequestMethod method : methods.isEmpty() ? Set.of(RequestMethod.GET) : methods) {
                        if (method == RequestMethod.GET) {
                            for (String path : pathsOf(pattern)) {
                                calls++;
                                check(leaks, user, method, path, takesIds, api.get(user, path));
                                if (!hasVariables) {
                                    calls++;
                                    check(leaks, user, method, path + bQuery(), false, api.get(user, path + bQuery()));
                                }
                            }
                        } else if (takesIds) {
                            // Writes on B's ids: as JSON for the API, as a form for pages (Basic credentials need no CSRF token).
                            boolean json = pattern.startsWith("/api/");
                            Object body = json ? Map.of("caseId", applicationB, "competitionId", competitionB, "verdict", "admit",
                                    "conflict", "no", "comment", "written by centre A") : "comment=written+by+centre+A&verdict=admit";
                            for (String path : pathsOf(pattern)) {
                                calls++;
                                Api.Response response = api.exchange(user, HttpMethod.valueOf(method.name()), path, body, Map.of());
                                if (response.status() < 400 || response.status() >= 500 || response.raw().contains(marker)) {
                                    leaks.add(user + " " + method + " " + path + " -> " + response.status() + " " + abbreviated(response.raw()));
                                }
                            }
                        }
                    }
                }
            }
        }
        assertThat(calls).isGreaterThan(500);
        assertThat(leaks).isEmpty();
        assertCentreBsWorkUntouched();
    }

    /**
     * A read is refused when it names B's data (any 2xx or redirect then is a leak); a list may answer,
     * but with nothing of B's: neither the marker nor an id of B's work.
     */
    private void check(List<String> leaks, String user, RequestMethod method, String path, boolean namesB, Api.Response response) {
        String raw = response.raw();
        boolean leaked = raw.contains(marker) || response.status() >= 500;
        if (namesB) {
            leaked |= response.status() < 400 && !(response.status() == 302
                    && String.valueOf(response.headers().getLocation()).endsWith("/login"));
        } else if (!path.contains("?")) {
            leaked |= casesB.stream().anyMatch(raw::contains) || tasksB.stream().anyMatch(raw::contains) || raw.contains(documentB);
        }
        if (leaked) {
            leaks.add(user + " " + method + " " + path + " -> " + response.status() + " " + abbreviated(raw));
        }
    }

    private static String abbreviated(String raw) {
        return raw.length() > 300 ? raw.substring(0, 300) + "…" : raw;
    }

    private void assertCentreBsWorkUntouched() {
        List<Task> open = taskService.createTaskQuery().taskIdIn(tasksB.toArray(String[]::new)).list();
        assertThat(open).hasSize(tasksB.size()).allSatisfy(task -> assertThat(task.getAssignee()).isNull());
        assertThat(jdbc.sql("SELECT COUNT(*) FROM case_event WHERE actor IN (?, ?, ?)").params(staffA, expertA, csoA)
                .query(Long.class).single()).isZero();
    }

    /**
     * What acts on every centre's instances at once (by a shared definition, in a batch), or starts a process the
     * engine cannot tie to a case's centre, is for administrators: a centre's staff are refused, and B's work stays as it was.
     */
    @Test
    void centreAsStaffCannotSuspendStartOrSignalAcrossCentres() {
        String definitionId = runtime.createProcessInstanceQuery().processInstanceId(instancesB.get(0)).singleResult()
                .getProcessDefinitionId();
        for (String base : List.of("/engine-rest", "/engine-rest/engine/default", "/camunda/api/engine/engine/default")) {
            Map<String, Api.Response> answers = new java.util.LinkedHashMap<>();
            answers.put("suspend by definition", api.put(staffA, base + "/process-instance/suspended",
                    Map.of("processDefinitionId", definitionId, "suspended", true)));
            answers.put("suspend the definition", api.put(staffA, base + "/process-definition/" + definitionId + "/suspended",
                    Map.of("suspended", true, "includeProcessInstances", true)));
            answers.put("suspend jobs", api.put(staffA, base + "/job/suspended", Map.of("processDefinitionId", definitionId,
                    "suspended", true)));
            answers.put("start with B's case", api.post(staffA, base + "/process-definition/key/correspondence/start",
                    Map.of("businessKey", letterB)));
            answers.put("start by id", api.post(staffA, base + "/process-definition/" + definitionId + "/submit-form",
                    Map.of("businessKey", letterB)));
            answers.put("message", api.post(staffA, base + "/message", Map.of("messageName", "Anything", "businessKey", letterB)));
            answers.put("signal", api.post(staffA, base + "/signal", Map.of("name", "Anything")));
            answers.put("delete in a batch", api.post(staffA, base + "/process-instance/delete",
                    Map.of("processInstanceIds", instancesB)));
            answers.forEach((what, answer) -> assertThat(answer.status()).as(base + ": " + what + " " + answer.raw()).isIn(401, 403));
        }
        assertThat(runtime.createProcessInstanceQuery().processInstanceIds(new java.util.HashSet<>(instancesB)).suspended().count())
                .isZero();
        assertThat(runtime.createProcessInstanceQuery().processInstanceBusinessKey(letterB).count()).isEqualTo(1);
        assertCentreBsWorkUntouched();
    }

    /** The engine's own APIs: /engine-rest (HTTP Basic) and the webapps' (Tasklist, Cockpit) behind their session. */
    @Test
    void theEnginesApisShowCentreAsStaffNothingOfCentreB() {
        List<String> reads = new ArrayList<>(List.of("/task", "/task/count", "/process-instance", "/history/process-instance",
                "/history/task", "/history/variable-instance", "/history/activity-instance", "/history/detail", "/variable-instance",
                "/execution", "/job", "/incident", "/history/identity-link-log", "/history/user-operation"));
        for (String instance : instancesB) {
            reads.add("/task?processInstanceId=" + instance);
            reads.add("/process-instance?processInstanceIds=" + instance);
            reads.add("/process-instance/" + instance);
            reads.add("/process-instance/" + instance + "/variables");
            reads.add("/process-instance/" + instance + "/activity-instances");
            reads.add("/variable-instance?processInstanceIdIn=" + instance);
            reads.add("/history/process-instance/" + instance);
            reads.add("/history/process-instance?processInstanceId=" + instance);
            reads.add("/history/task?processInstanceId=" + instance);
            reads.add("/history/variable-instance?processInstanceId=" + instance);
            reads.add("/history/activity-instance?processInstanceId=" + instance);
            reads.add("/history/detail?processInstanceId=" + instance);
            reads.add("/job?processInstanceId=" + instance);
            reads.add("/execution?processInstanceId=" + instance);
        }
        for (String caseId : casesB) {
            reads.add("/task?processInstanceBusinessKey=" + caseId);
            reads.add("/process-instance?businessKey=" + caseId);
            reads.add("/history/process-instance?processInstanceBusinessKey=" + caseId);
        }
        for (String task : tasksB) {
            reads.add("/task/" + task);
            reads.add("/task/" + task + "/variables");
            reads.add("/task/" + task + "/form-variables");
            reads.add("/task/" + task + "/identity-links");
            reads.add("/task/" + task + "/comment");
            reads.add("/history/task?taskId=" + task);
        }
        Api.WebappSession tasklist = api.webappSession(staffA);
        List<String> leaks = new ArrayList<>();
        int answered = 0;
        for (String listed : reads) {
            // The engine answers a list only with a bound on its length (queryMaxResultsLimit).
            String read = listed + (listed.contains("?") ? "&" : "?") + "maxResults=100";
            for (Api.Response response : List.of(api.get(staffA, "/engine-rest" + read),
                    api.exchange(staffA, HttpMethod.GET, "/camunda/api/engine/engine/default" + read, null, tasklist.headers()))) {
                String raw = response.raw();
                // A refusal may name the id it was asked about; an answer may not hold anything of B's.
                boolean leaked = raw.contains(marker) || response.status() >= 500 || (response.is2xx()
                        && (instancesB.stream().anyMatch(raw::contains) || tasksB.stream().anyMatch(raw::contains)
                        || casesB.stream().anyMatch(raw::contains)));
                if (leaked) {
                    leaks.add(read + " -> " + response.status() + " " + abbreviated(raw));
                }
                if (response.is2xx()) {
                    answered++;
                } else if (listed.contains("?") || !listed.substring(1).contains("/") || listed.startsWith("/history/") && listed.indexOf('/', 9) < 0) {
                    // A list must answer (empty): a refused query would prove nothing.
                    leaks.add("not answered: " + read + " -> " + response.status() + " " + abbreviated(raw));
                }
            }
        }
        // Work on B's tasks through the engine is refused as well.
        for (String task : tasksB) {
            for (String action : List.of("/claim", "/complete", "/assignee")) {
                Object body = action.equals("/claim") || action.equals("/assignee") ? Map.of("userId", staffA) : Map.of();
                Api.Response rest = api.post(staffA, "/engine-rest/task/" + task + action, body);
                Api.Response webapp = api.exchange(staffA, HttpMethod.POST, "/camunda/api/engine/engine/default/task/" + task + action,
                        body, tasklist.headers());
                for (Api.Response response : List.of(rest, webapp)) {
                    if (response.is2xx()) {
                        leaks.add("POST " + task + action + " -> " + response.status());
                    }
                }
            }
        }
        // Cockpit's dashboard counts running instances per process: none of centre A's, none for its staff.
        assertThat(instancesOfCaseProcesses(api.get(staffA, "/engine-rest/process-definition/statistics"))).isZero();
        assertThat(instancesOfCaseProcesses(api.exchange(staffA, HttpMethod.GET,
                "/camunda/api/engine/engine/default/process-definition/statistics", null, tasklist.headers()))).isZero();
        assertThat(instancesOfCaseProcesses(api.get("staff", "/engine-rest/process-definition/statistics"))).isPositive();
        // The lists did answer (empty), the engine did not just turn the queries away.
        assertThat(answered).isGreaterThan(reads.size() / 2);
        assertThat(leaks).isEmpty();
        assertCentreBsWorkUntouched();
    }

    /** Running instances of Opora's four processes in the engine's statistics the user sees; every one of them has a case. */
    private static long instancesOfCaseProcesses(Api.Response statistics) {
        assertThat(statistics.status()).as(statistics.raw()).isEqualTo(200);
        long instances = 0;
        for (var entry : statistics.json()) {
            if (Set.of("grant-application", "grant-competition", "correspondence", "volunteer-matching")
                    .contains(entry.path("definition").path("key").asText())) {
                instances += entry.path("instances").asLong();
            }
        }
        return instances;
    }

    /** The same calls find B's work for B's own staff: the seeds are there, and the checks above can fail. */
    @Test
    void centreBsOwnStaffSeeTheirWork() {
        assertThat(api.get("staff", "/api/tasks?size=100&caseId=" + applicationB).raw()).contains(applicationB);
        assertThat(api.get("staff", "/api/search?q=" + seek).raw()).contains(marker);
        assertThat(api.get("staff", "/api/letters/" + letterB).raw()).contains(marker);
        assertThat(api.get("staff", "/api/documents/" + documentB).raw()).contains(marker);
        assertThat(api.get("staff", "/api/volunteering/requests/" + requestB).raw()).contains(marker);
        assertThat(api.get("staff", "/api/grants/applications/" + applicationB).raw()).contains(marker);
        assertThat(api.get("staff", "/engine-rest/task?maxResults=10&processInstanceBusinessKey=" + applicationB).json()).isNotEmpty();
        assertThat(api.get("staff", "/engine-rest/history/process-instance?maxResults=10&processInstanceBusinessKey=" + letterB).raw()).contains(instancesB.get(0));
        assertThat(api.get("staff", "/today/CheckAdmission.csv").raw()).contains(applicationB);
    }

    @Test
    void staffPutOnlyTheirOwnCentresExpertsIntoTheirPool() {
        Map<String, Object> profile = Map.of("sector", "BUSINESS", "regions", List.of(), "topics", List.of("children"),
                "tiedOrganisations", List.of(), "active", true);
        Api.Response taken = api.put("staff", "/api/grants/experts/" + expertA, profile);
        assertThat(taken.status()).as(taken.raw()).isEqualTo(400);
        assertThat(taken.json().path("errors").findValuesAsText("field")).containsExactly("userId");
        assertThat(api.put(staffA, "/api/grants/experts/" + expertA, profile).status()).isEqualTo(200);
        assertThat(api.get("staff", "/api/grants/experts").raw()).doesNotContain(expertA);
    }

    /** A centre's new task is news to its own staff only: one staff group, but no e-mail across centres. */
    @Test
    void centreAsStaffAreNotEMailedAboutCentreBsTasks() {
        String addressA = staffA + "@opora.test";
        assertThat(jdbc.sql("SELECT COUNT(*) FROM mail_outbox WHERE recipient = ?").param(addressA).query(Long.class).single()).isZero();
        // B's own staff were told (fixtures' "staff" is IMMEDIATE): the mails exist, just not for A.
        assertThat(tasksB.stream().mapToLong(task -> jdbc.sql("SELECT COUNT(*) FROM mail_outbox WHERE recipient = ? AND idempotency_key LIKE ?")
                .params("staff@opora.test", "%:" + task + ":staff").query(Long.class).single()).sum()).isPositive();
    }

}
