package org.opora.bench;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.io.ByteArrayOutputStream;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.ManagementService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.runtime.Job;
import org.camunda.bpm.engine.task.Task;
import org.opora.cases.CaseAccess;
import org.opora.documents.DocumentService;
import org.opora.grants.GrantSteps;
import org.opora.grants.application.ApplicationService;
import org.opora.grants.application.ApplicationSubmission;
import org.opora.grants.application.GrantApplication;
import org.opora.grants.committee.CommitteeGroup;
import org.opora.grants.committee.CommitteeService;
import org.opora.grants.competition.CompetitionService;
import org.opora.organisations.Organisation;
import org.opora.organisations.OrganisationService;
import org.opora.organisations.ResourceCentre;
import org.opora.security.OporaUser;
import org.opora.security.OporaUserLoader;
import org.opora.security.Role;
import org.opora.support.TestDocuments;
import org.opora.tasks.TaskItem;
import org.opora.tasks.TaskListQuery;
import org.opora.tasks.UserTaskService;
import org.opora.users.NotificationMode;
import org.opora.users.UserAdministration;
import org.opora.users.UserSettings;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.io.ByteArrayResource;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.core.context.SecurityContextHolder;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * Section 1 and 2 for grant applications (issue 14): each application through its happy path up to its scores
 * (draft, save, the charter uploaded, submitted, the admission table, staff's admission check and panel, two
 * experts' declarations and reviews), then once per competition the committee's decision (the review period's
 * timer, "Decide the grants" for every ranked application, and each application's asynchronous "Tell the
 * result"), until every application of the pass has ended. Driven two ways in the same run: through Opora's
 * service beans in-process, as the controllers call them, as the CSO member, staff and experts (the figure
 * against the bare engine, which is driven in-process too), and through the HTTP API with Basic credentials.
 */
final class GrantThroughput {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String REGION = "Тверская область";
    private static final int EXPERTS = 8;
    private static final int WORKERS = 4;
    private static final int ROUNDS = 3;

    interface Passes {
        OporaBenchmark.Pass run(int threads, OporaBenchmark.Work work) throws Exception;
    }

    interface Commits {
        long of(String database) throws Exception;
    }

    private final ConfigurableApplicationContext app;
    private final BenchReport report;
    private final BenchHttp http;
    private final String password;
    private final Passes passes;
    private final Commits commits;
    private final String database;
    private final String bareUrl;
    private final String dbUser;
    private final String dbPassword;
    private final HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
    private final String base;
    private final JdbcClient jdbc;
    private final OporaUserLoader loader;
    private final IdentityService identity;
    private final TaskService engineTasks;
    private final UserTaskService tasks;
    private final ApplicationService applications;
    private final ApplicationSubmission submission;
    private final DocumentService documents;
    private final CommitteeService committee;
    private final CompetitionService competitions;
    private final CaseAccess access;
    private final byte[] charter = TestDocuments.pdf("Charter of the foundation");
    /** Signed in once, as a browser's session is: the per-request Basic check is the HTTP pass's. */
    private final Map<String, OporaUser> sessions = new ConcurrentHashMap<>();

    GrantThroughput(ConfigurableApplicationContext app, BenchReport report, BenchHttp http, int httpPort, String password,
            Passes passes, Commits commits, String database, String bareUrl, String dbUser, String dbPassword) {
        this.app = app;
        this.report = report;
        this.http = http;
        this.password = password;
        this.passes = passes;
        this.commits = commits;
        this.database = database;
        this.bareUrl = bareUrl;
        this.dbUser = dbUser;
        this.dbPassword = dbPassword;
        this.base = "http://127.0.0.1:" + httpPort;
        this.jdbc = app.getBean(JdbcClient.class);
        this.loader = app.getBean(OporaUserLoader.class);
        this.identity = app.getBean(IdentityService.class);
        this.engineTasks = app.getBean(TaskService.class);
        this.tasks = app.getBean(UserTaskService.class);
        this.applications = app.getBean(ApplicationService.class);
        this.submission = app.getBean(ApplicationSubmission.class);
        this.documents = app.getBean(DocumentService.class);
        this.committee = app.getBean(CommitteeService.class);
        this.competitions = app.getBean(CompetitionService.class);
        this.access = app.getBean(CaseAccess.class);
    }

    // ---- the form contract's fields, shared with the bare engine ----

    static Map<String, Object> applicationFields(String title) {
        Map<String, Object> fields = new HashMap<>();
        fields.put("projectTitle", "Мастерские выходного дня " + title.substring(0, Math.min(8, title.length())));
        fields.put("summary", "Занятия для детей из приёмных семей по выходным");
        fields.put("region", REGION);
        fields.put("topic", "дети");
        fields.put("targetGroup", "Дети из приёмных семей");
        fields.put("beneficiaries", 40);
        fields.put("requestedAmount", 300_000);
        fields.put("durationMonths", 10);
        fields.put("budgetLines", List.of(Map.of("item", "Материалы", "amount", 150_000), Map.of("item", "Транспорт", "amount", 150_000)));
        fields.put("attachments", List.of(Map.of("kind", "charter", "name", "charter.pdf")));
        return fields;
    }

    static Map<String, Object> reviewFields() {
        return Map.of("score1", 8, "comment1", "Актуально: 8", "score2", 8, "comment2", "Смета реалистична: 8");
    }

    /** The committee's decisions as its form's rows, one per rank: all not funded, so that every process ends. */
    static String rejectAll(int ranked) {
        List<Map<String, Object>> rows = new ArrayList<>();
        for (int rank = 1; rank <= ranked; rank++) {
            rows.add(Map.of("rank", rank, "decision", "REJECT"));
        }
        try {
            return JSON.writeValueAsString(rows);
        } catch (com.fasterxml.jackson.core.JsonProcessingException ex) {
            throw new IllegalStateException(ex);
        }
    }

    private static GrantApplication.Details details(String title) {
        return new GrantApplication.Details(null, null, null, "Мастерские выходного дня " + title.substring(0, 8),
                "Занятия для детей из приёмных семей по выходным", REGION, "дети", "Дети из приёмных семей", 40,
                new BigDecimal(300_000), 10,
                List.of(new GrantApplication.BudgetLine("Материалы", new BigDecimal(150_000)),
                        new GrantApplication.BudgetLine("Транспорт", new BigDecimal(150_000))),
                List.of(new GrantApplication.Attachment("charter", "charter.pdf")));
    }

    // ---- set-up, not timed ----

    private void setUp() {
        OrganisationService organisations = app.getBean(OrganisationService.class);
        UserAdministration users = app.getBean(UserAdministration.class);
        ResourceCentre centre = organisations.registerCentre("Грантовый центр", REGION);
        UserSettings quiet = new UserSettings("ru", NotificationMode.IMMEDIATE);
        for (int i = 1; i <= WORKERS; i++) {
            Organisation organisation = organisations.register(centre.id(), "Фонд помощи семьям " + i, "Фонд " + i,
                    Organisation.Kind.REGISTERED, null, null, LocalDate.of(2010, 5, 1), REGION, null);
            users.create(new UserAdministration.NewUser(applicant(i - 1), password, "Заявитель", "Фонда " + i,
                    applicant(i - 1) + "@bench.test", Role.CSO, centre.id(), organisation, quiet));
            users.create(new UserAdministration.NewUser(staff(i - 1), password, "Сотрудник", "Центра " + i,
                    staff(i - 1) + "@bench.test", Role.STAFF, centre.id(), null, quiet));
        }
        identity.createMembership(staff(0), CommitteeGroup.GROUP_ID);
        String[] sectors = {"CSO", "GOVERNMENT", "BUSINESS"};
        for (int i = 1; i <= EXPERTS; i++) {
            String id = "grant-expert-" + i;
            users.create(new UserAdministration.NewUser(id, password, "Эксперт", "Номер " + i, id + "@bench.test", Role.EXPERT,
                    centre.id(), null, quiet));
            put(staff(0), "/api/grants/experts/" + id, Map.of("sector", sectors[i % 3], "regions", List.of(REGION),
                    "topics", List.of("дети"), "tiedOrganisations", List.of(), "active", true));
        }
    }

    private static String applicant(int worker) {
        return "grant-applicant-" + (worker + 1);
    }

    private static String staff(int worker) {
        return "grant-staff-" + (worker + 1);
    }

    private String competition(List<String> pool) {
        OffsetDateTime now = OffsetDateTime.now();
        Map<String, Object> body = new HashMap<>();
        body.put("title", "Малые гранты " + UUID.randomUUID().toString().substring(0, 6));
        body.put("description", "Поддержка проектов для детей и семей");
        body.put("opensAt", now.minusDays(1).toString());
        body.put("closesAt", now.plusDays(30).toString());
        body.put("reviewDue", LocalDate.now().plusDays(60).toString());
        body.put("budgetPool", 100_000_000);
        body.put("minGrant", 100_000);
        body.put("maxGrant", 600_000);
        body.put("maxMonths", 12);
        body.put("requiredDocuments", List.of("charter"));
        body.put("trancheShares", List.of(50, 50));
        body.put("expertPool", pool);
        body.put("criteria", List.of(
                Map.of("name", "Актуальность", "description", "Насколько важна проблема?", "weight", 2, "maxScore", 10),
                Map.of("name", "Бюджет", "description", "Реалистична ли смета?", "weight", 1, "maxScore", 10)));
        body.put("passMarks", List.of(Map.of("amountFrom", 0, "passMark", 60)));
        return http.post(staff(0), "/api/grants/competitions", body, 201).path("id").asText();
    }

    private List<String> pool() {
        List<String> pool = new ArrayList<>();
        for (int i = 1; i <= EXPERTS; i++) {
            pool.add("grant-expert-" + i);
        }
        return pool;
    }

    // ---- in-process: the services the controllers call, as the signed-in user ----

    private interface Step {
        void run();
    }

    /** As the request filters leave it: the user in Spring Security's context and in the engine's. */
    private void as(String userId, Step step) {
        OporaUser user = sessions.computeIfAbsent(userId, loader::load);
        SecurityContextHolder.getContext().setAuthentication(UsernamePasswordAuthenticationToken.authenticated(user, null,
                user.roles().stream().map(role -> new SimpleGrantedAuthority(role.authority())).toList()));
        identity.setAuthentication(user.id(), user.groupIds(), user.tenantIds());
        try {
            step.run();
        } finally {
            identity.clearAuthentication();
            SecurityContextHolder.clearContext();
        }
    }

    private void applicationInProcess(String competitionId, int worker) {
        UUID competition = UUID.fromString(competitionId);
        UUID[] id = new UUID[1];
        as(applicant(worker), () -> {
            OporaUser user = sessions.get(applicant(worker));
            id[0] = applications.start(competition, user.organisationId(), user.id(), null).id();
            submission.saveDraft(id[0], details(id[0].toString()));
            documents.addToCase(id[0], null, "charter", new DocumentService.Upload("charter.pdf", charter.length,
                    new ByteArrayResource(charter)));
            submission.submit(id[0], null);
        });
        completeInProcess(staff(worker), id[0], "CheckAdmission", Map.of("verdict", "admit"));
        completeInProcess(staff(worker), id[0], "ConfirmPanel", Map.of());
        for (String expert : panel(id[0])) {
            completeInProcess(expert, id[0], "DeclareConflicts", Map.of("conflict", "no"));
            completeInProcess(expert, id[0], "ReviewApplication", reviewFields());
        }
    }

    /** The user's task list for the case (GET /api/tasks?caseId=), then the task completed (POST .../complete). */
    private void completeInProcess(String user, UUID caseId, String taskKey, Map<String, Object> fields) {
        as(user, () -> {
            TaskItem task = tasks.list(new TaskListQuery(null, caseId, null, false, 0, 20)).items().stream()
                    .filter(item -> taskKey.equals(item.taskKey())).findFirst()
                    .orElseThrow(() -> new IllegalStateException(user + " has no task " + taskKey + " of " + caseId));
            tasks.complete(task.id(), fields);
        });
    }

    /** Who the panel's experts are: their e-mail tells them; here the engine's assignees of the declarations. */
    private List<String> panel(UUID applicationId) {
        return engineTasks.createTaskQuery().processInstanceBusinessKey(applicationId.toString())
                .taskDefinitionKey("DeclareConflicts").list().stream().map(Task::getAssignee).toList();
    }

    private void decideInProcess(String competitionId, int ranked) {
        as(staff(0), () -> {
            OporaUser user = GrantSteps.requireStaff();
            UUID id = UUID.fromString(competitionId);
            competitions.visible(id, access.scopeOf(user), null);
            List<CommitteeService.Decision> decisions = new ArrayList<>();
            for (int rank = 1; rank <= ranked; rank++) {
                decisions.add(new CommitteeService.Decision(rank, GrantApplication.Decision.REJECT, null));
            }
            committee.decideAndComplete(id, decisions, user.id());
        });
    }

    // ---- through the HTTP API, as users do ----

    private void applicationOverHttp(String competitionId, int worker) {
        String user = applicant(worker);
        String id = http.post(user, "/api/grants/applications", Map.of("competitionId", competitionId), 201).path("id").asText();
        put(user, "/api/grants/applications/" + id, applicationFields(id));
        upload(user, "/api/cases/" + id + "/documents", "charter", "charter.pdf", charter);
        http.post(user, "/api/grants/applications/" + id + "/submit", null, 204);
        completeOverHttp(staff(worker), id, "CheckAdmission", Map.of("verdict", "admit"));
        completeOverHttp(staff(worker), id, "ConfirmPanel", Map.of());
        for (String expert : panel(UUID.fromString(id))) {
            completeOverHttp(expert, id, "DeclareConflicts", Map.of("conflict", "no"));
            completeOverHttp(expert, id, "ReviewApplication", reviewFields());
        }
    }

    private void completeOverHttp(String user, String caseId, String taskKey, Map<String, Object> fields) {
        for (JsonNode item : http.get(user, "/api/tasks?caseId=" + caseId).path("items")) {
            if (taskKey.equals(item.path("taskKey").asText())) {
                http.post(user, "/api/tasks/" + item.path("id").asText() + "/complete", fields, 204);
                return;
            }
        }
        throw new IllegalStateException(user + " has no task " + taskKey + " of " + caseId);
    }

    private void decideOverHttp(String competitionId, int ranked) {
        List<Map<String, Object>> decisions = new ArrayList<>();
        for (int rank = 1; rank <= ranked; rank++) {
            decisions.add(Map.of("rank", rank, "decision", "REJECT"));
        }
        http.post(staff(0), "/api/grants/competitions/" + competitionId + "/decisions", Map.of("decisions", decisions), 204);
    }

    private void put(String user, String path, Object body) {
        try {
            send(user, HttpRequest.newBuilder(URI.create(base + path)).header("Content-Type", "application/json")
                    .PUT(HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(body))), 200);
        } catch (com.fasterxml.jackson.core.JsonProcessingException ex) {
            throw new IllegalArgumentException(ex);
        }
    }

    private void upload(String user, String path, String kind, String name, byte[] content) {
        String boundary = "bench" + UUID.randomUUID();
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        body.writeBytes(("--" + boundary + "\r\nContent-Disposition: form-data; name=\"kind\"\r\n\r\n" + kind + "\r\n--" + boundary
                + "\r\nContent-Disposition: form-data; name=\"file\"; filename=\"" + name + "\"\r\nContent-Type: application/pdf\r\n\r\n")
                .getBytes(StandardCharsets.UTF_8));
        body.writeBytes(content);
        body.writeBytes(("\r\n--" + boundary + "--\r\n").getBytes(StandardCharsets.UTF_8));
        send(user, HttpRequest.newBuilder(URI.create(base + path)).header("Content-Type", "multipart/form-data; boundary=" + boundary)
                .POST(HttpRequest.BodyPublishers.ofByteArray(body.toByteArray())), 201);
    }

    private void send(String user, HttpRequest.Builder request, int expected) {
        String credentials = Base64.getEncoder().encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
        try {
            HttpResponse<String> response = client.send(request.header("Authorization", "Basic " + credentials)
                    .header("Accept", "application/json").timeout(Duration.ofMinutes(5)).build(), HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() != expected) {
                throw new IllegalStateException(request.build().uri() + " as " + user + ": " + response.statusCode() + " " + response.body());
            }
        } catch (java.io.IOException ex) {
            throw new IllegalStateException(ex);
        } catch (InterruptedException ex) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(ex);
        }
    }

    // ---- the committee, once per competition, and the wait for every result ----

    /** The review period ends now: the competition's timer, run as the job executor would run it when due. */
    private void endReviewPeriod(String competitionId) {
        ManagementService management = app.getBean(ManagementService.class);
        String instance = app.getBean(org.camunda.bpm.engine.RuntimeService.class).createProcessInstanceQuery()
                .processInstanceBusinessKey(competitionId).processDefinitionKey(CompetitionService.PROCESS_KEY).singleResult().getId();
        Job timer = management.createJobQuery().processInstanceId(instance).timers().activityId("ReviewPeriodEnds").singleResult();
        management.executeJob(timer.getId());
    }

    private long unfinished(String competitionId) {
        return jdbc.sql("SELECT COUNT(*) FROM grant_application a JOIN opora_case c ON c.id = a.id"
                + " JOIN ACT_RU_EXECUTION e ON e.ID_ = c.process_instance_id WHERE a.competition_id = ?")
                .param(UUID.fromString(competitionId)).query(Long.class).single();
    }

    private static void await(String what, java.util.function.LongSupplier unfinished) throws InterruptedException {
        long deadline = System.currentTimeMillis() + 10 * 60_000L;
        while (unfinished.getAsLong() > 0) {
            if (System.currentTimeMillis() > deadline) {
                throw new IllegalStateException(what + ": " + unfinished.getAsLong() + " applications unfinished after 10 minutes");
            }
            Thread.sleep(20);
        }
    }

    record Run(int applications, int errors, double passSeconds, double decisionSeconds, long commits) {
        double perSecond() {
            return applications / (passSeconds + decisionSeconds);
        }

        double commitsPerApplication() {
            return (double) commits / Math.max(1, applications);
        }

        String describe(String unit) {
            return BenchReport.f(perSecond()) + " " + unit + "/s (" + applications + " in " + BenchReport.f(passSeconds) + " s + decision "
                    + BenchReport.f(decisionSeconds) + " s; " + errors + " errors)";
        }
    }

    /**
     * An application takes a second or more: one pass of the letters' length completes a handful, so each figure
     * is three passes back to back (the same competition), and the committee decides once after them.
     */
    private OporaBenchmark.Pass rounds(int threads, OporaBenchmark.Work work) throws Exception {
        int done = 0;
        int errors = 0;
        double seconds = 0;
        for (int round = 0; round < ROUNDS; round++) {
            OporaBenchmark.Pass pass = passes.run(threads, work);
            done += pass.done();
            errors += pass.errors();
            seconds += pass.seconds();
        }
        return new OporaBenchmark.Pass(done, errors, seconds);
    }

    private Run opora(int threads, boolean overHttp) throws Exception {
        String competitionId = competition(pool());
        long before = commits.of(database);
        OporaBenchmark.Pass pass = rounds(threads, worker -> {
            if (overHttp) {
                applicationOverHttp(competitionId, worker);
            } else {
                applicationInProcess(competitionId, worker);
            }
        });
        long start = System.nanoTime();
        endReviewPeriod(competitionId);
        int ranked = committee.ranking(UUID.fromString(competitionId)).size();
        if (overHttp) {
            decideOverHttp(competitionId, ranked);
        } else {
            decideInProcess(competitionId, ranked);
        }
        await("Opora", () -> unfinished(competitionId));
        double decision = (System.nanoTime() - start) / 1e9;
        return new Run(pass.done(), pass.errors(), pass.seconds(), decision, commits.of(database) - before);
    }

    private Run bare(BareGrantEngine bare, int threads, String bareDatabase) throws Exception {
        String competition = bare.competition(UUID.randomUUID().toString());
        long before = commits.of(bareDatabase);
        OporaBenchmark.Pass pass = rounds(threads, worker -> bare.oneApplication(competition, UUID.randomUUID().toString()));
        long start = System.nanoTime();
        bare.decide(competition, pass.done());
        await("bare engine", () -> bare.unfinished(competition));
        double decision = (System.nanoTime() - start) / 1e9;
        return new Run(pass.done(), pass.errors(), pass.seconds(), decision, commits.of(bareDatabase) - before);
    }

    void run(double pgbenchTps) throws Exception {
        setUp();
        String bareDatabase = bareUrl.substring(bareUrl.lastIndexOf('/') + 1);
        try (BareGrantEngine bare = new BareGrantEngine(bareUrl, dbUser, dbPassword, 10)) {
            // Warm-up: one competition of two applications each way, decided, in both engines.
            String warm = competition(pool());
            applicationInProcess(warm, 0);
            applicationOverHttp(warm, 1);
            endReviewPeriod(warm);
            decideInProcess(warm, committee.ranking(UUID.fromString(warm)).size());
            await("warm-up", () -> unfinished(warm));
            String bareWarm = bare.competition("warm-up");
            bare.oneApplication(bareWarm, "warm-up-1");
            bare.decide(bareWarm, 1);
            await("bare warm-up", () -> bare.unfinished(bareWarm));
            for (int threads : new int[] {1, 2, 4}) {
                Run inProcess = opora(threads, false);
                Run overHttp = opora(threads, true);
                Run reference = bare(bare, threads, bareDatabase);
                double ratio = inProcess.perSecond() / reference.perSecond();
                double httpRatio = overHttp.perSecond() / reference.perSecond();
                report.row("1", "Grant applications (draft, upload, submit, admission, staff check, panel, 2 declarations and reviews;"
                                + " then the committee's decision and each result told) through Opora's services in-process, " + threads
                                + " thread(s)",
                        inProcess.describe("applications") + ": " + BenchReport.f(100 * ratio) + "% of bare",
                        ">= 80% of bare", "bare engine " + reference.describe("instances"), BenchReport.verdict(ratio >= 0.8));
                report.row("1", "Grant applications, the same through the HTTP API (Basic credentials, 16 requests an application and"
                                + " one for the decision), " + threads + " thread(s)",
                        overHttp.describe("applications") + ": " + BenchReport.f(100 * httpRatio) + "% of bare",
                        "-", "bare engine " + BenchReport.f(reference.perSecond()) + " instances/s", "");
                report.row("2", "Commits per grant application, " + threads + " thread(s): in-process / HTTP",
                        BenchReport.f(inProcess.commitsPerApplication()) + " / " + BenchReport.f(overHttp.commitsPerApplication())
                                + " commits/application; commit rate " + BenchReport.f(inProcess.commits() / (inProcess.passSeconds()
                                + inProcess.decisionSeconds())) + " / " + BenchReport.f(overHttp.commits() / (overHttp.passSeconds()
                                + overHttp.decisionSeconds())) + " commits/s",
                        "-", "bare " + BenchReport.f(reference.commitsPerApplication()) + " commits/instance; pgbench "
                                + BenchReport.f(pgbenchTps) + " tps", "");
            }
        }
        report.context("Grant passes: load average after them " + java.nio.file.Files.readString(java.nio.file.Path.of("/proc/loadavg")).trim());
    }
}
