package org.opora.grants;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Date;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.camunda.bpm.engine.HistoryService;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.ManagementService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.camunda.bpm.engine.runtime.Job;
import org.camunda.bpm.engine.task.Task;
import org.opora.mail.MailDispatcher;
import org.opora.security.Role;
import org.opora.support.Api;
import org.opora.support.TestDocuments;
import org.opora.support.TestFixtures;
import org.opora.users.NotificationMode;
import org.opora.grants.committee.CommitteeGroup;
import org.springframework.context.ApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * A competition as the tests run it: through the REST API users call, with timers fired by moving
 * the engine clock. Every scenario gets its own competition and expert pool, so tests do not meet.
 */
class GrantScenario {

    static final ZoneId MOSCOW = ZoneId.of("Europe/Moscow");
    static final String TVER = "Тверская область";

    final Api api;
    final TestFixtures fixtures;
    final TaskService taskService;
    final ManagementService managementService;
    final HistoryService historyService;
    final IdentityService identityService;
    final MailDispatcher dispatcher;
    final JdbcClient jdbc;

    GrantScenario(ApplicationContext context) {
        this.api = context.getBean(Api.class);
        this.fixtures = context.getBean(TestFixtures.class);
        this.taskService = context.getBean(TaskService.class);
        this.managementService = context.getBean(ManagementService.class);
        this.historyService = context.getBean(HistoryService.class);
        this.identityService = context.getBean(IdentityService.class);
        this.dispatcher = context.getBean(MailDispatcher.class);
        this.jdbc = context.getBean(JdbcClient.class);
    }

    /**
     * The set-up of the tests that take a competition to the committee: a new scenario on 2 March 2026, while the
     * competition below takes applications, with "staff" on the grant committee.
     */
    static GrantScenario withCommitteeInMarch(ApplicationContext context) {
        GrantScenario grants = new GrantScenario(context);
        grants.staffOnCommittee();
        setClock(LocalDate.of(2026, 3, 2));
        return grants;
    }

    /** Noon in Moscow on the day: the competition below takes applications in March 2026. */
    static void setClock(LocalDate day) {
        ClockUtil.setCurrentTime(Date.from(day.atTime(12, 0).atZone(MOSCOW).toInstant()));
    }

    /** The committee's decisions as its form's rows: the first for rank 1, and so on ("APPROVE", "REJECT", "WAITLIST"). */
    static List<Map<String, Object>> decisions(String... decisions) {
        List<Map<String, Object>> rows = new ArrayList<>();
        for (int i = 0; i < decisions.length; i++) {
            rows.add(Map.of("rank", i + 1, "decision", decisions[i]));
        }
        return rows;
    }

    /** "staff" sits on the grant committee. */
    void staffOnCommittee() {
        if (identityService.createUserQuery().memberOfGroup(CommitteeGroup.GROUP_ID).userId("staff").count() == 0) {
            identityService.createMembership("staff", CommitteeGroup.GROUP_ID);
        }
    }

    /** A fresh expert in the pool of the test centre. */
    String expert(String sector, String region, String... tiedTo) {
        String id = fixtures.newUser(Role.EXPERT, "expert-" + sector.toLowerCase(), NotificationMode.NONE, null);
        Map<String, Object> profile = new HashMap<>();
        profile.put("sector", sector);
        profile.put("regions", region == null ? List.of() : List.of(region));
        profile.put("topics", List.of("children"));
        profile.put("tiedOrganisations", List.of(tiedTo));
        profile.put("active", true);
        Api.Response saved = api.put("staff", "/api/grants/experts/" + id, profile);
        assertThat(saved.status()).as(saved.raw()).isEqualTo(200);
        return id;
    }

    /** The competition most tests use; {@code changes} override its fields. */
    Map<String, Object> competition(List<String> pool, Map<String, Object> changes) {
        Map<String, Object> body = new HashMap<>();
        body.put("title", "Small grants " + UUID.randomUUID().toString().substring(0, 6));
        body.put("description", "Support for projects with children and families");
        body.put("opensAt", "2026-03-01T00:00:00+03:00");
        body.put("closesAt", "2026-03-31T00:00:00+03:00");
        body.put("reviewDue", "2026-04-20");
        body.put("budgetPool", 1_000_000);
        body.put("minGrant", 100_000);
        body.put("maxGrant", 600_000);
        body.put("maxMonths", 12);
        body.put("requiredDocuments", List.of("charter"));
        body.put("trancheShares", List.of(50, 50));
        body.put("expertPool", pool);
        body.put("criteria", List.of(
                Map.of("name", "Relevance", "description", "Is the problem real and important?", "weight", 2, "maxScore", 10),
                Map.of("name", "Budget", "description", "Is the budget realistic?", "weight", 1, "maxScore", 10)));
        body.put("passMarks", List.of(Map.of("amountFrom", 0, "passMark", 60), Map.of("amountFrom", 500_000, "passMark", 70)));
        body.putAll(changes);
        return body;
    }

    String createCompetition(Map<String, Object> body) {
        Api.Response created = api.post("staff", "/api/grants/competitions", body);
        assertThat(created.status()).as(created.raw()).isEqualTo(201);
        return created.json().path("id").asText();
    }

    /** A complete application asking for {@code amount} roubles; for Test CSO A (registered 2010) admissible. */
    Map<String, Object> application(String title, long amount) {
        Map<String, Object> body = new HashMap<>();
        body.put("projectTitle", title);
        body.put("summary", "Weekend workshops for children from foster families");
        body.put("region", TVER);
        body.put("topic", "children");
        body.put("targetGroup", "Children from foster families");
        body.put("beneficiaries", 40);
        body.put("requestedAmount", amount);
        body.put("durationMonths", 10);
        body.put("budgetLines", List.of(Map.of("item", "Materials", "amount", amount / 2),
                Map.of("item", "Transport", "amount", amount - amount / 2)));
        body.put("attachments", List.of(Map.of("kind", "charter", "name", "charter.pdf")));
        return body;
    }

    /** Starts a draft as cso-a, saves the application and submits it. */
    String submit(String competitionId, Map<String, Object> application) {
        return submitAs("cso-a", competitionId, application);
    }

    String submitAs(String user, String competitionId, Map<String, Object> application) {
        String id = draft(user, competitionId, application);
        Api.Response submitted = api.post(user, "/api/grants/applications/" + id + "/submit", null);
        assertThat(submitted.status()).as(submitted.raw()).isEqualTo(204);
        return id;
    }

    String draft(String user, String competitionId, Map<String, Object> application) {
        Api.Response started = api.post(user, "/api/grants/applications", Map.of("competitionId", competitionId));
        assertThat(started.status()).as(started.raw()).isEqualTo(201);
        String id = started.json().path("id").asText();
        Api.Response saved = api.put(user, "/api/grants/applications/" + id, application);
        assertThat(saved.status()).as(saved.raw()).isEqualTo(200);
        uploadAttachments(user, id, application);
        return id;
    }

    /** The applicant uploads a real file for every attachment the application lists: admission reads the documents. */
    @SuppressWarnings("unchecked")
    void uploadAttachments(String user, String applicationId, Map<String, Object> application) {
        for (Map<String, Object> attachment : (List<Map<String, Object>>) application.getOrDefault("attachments", List.of())) {
            Api.Response uploaded = api.upload(user, "/api/cases/" + applicationId + "/documents", (String) attachment.get("name"),
                    TestDocuments.pdf("Attachment " + attachment.get("kind")),
                    Map.of("kind", (String) attachment.get("kind")));
            assertThat(uploaded.status()).as(uploaded.raw()).isEqualTo(201);
        }
    }

    /** Staff admit the application and confirm the proposed panel. */
    List<String> admitWithProposedPanel(String applicationId) {
        complete("staff", applicationId, "CheckAdmission", Map.of("verdict", "admit"));
        complete("staff", applicationId, "ConfirmPanel", Map.of());
        return panel(applicationId);
    }

    /** The experts of the application's open reviews, as the process assigned them. */
    List<String> panel(String applicationId) {
        List<String> experts = new ArrayList<>();
        for (Task task : tasks(applicationId, "DeclareConflicts")) {
            experts.add(task.getAssignee());
        }
        return experts;
    }

    /** The expert declares no conflict and scores: relevance and budget (each 0–10). */
    void review(String expert, String applicationId, int relevance, int budget) {
        complete(expert, applicationId, "DeclareConflicts", Map.of("conflict", "no"));
        complete(expert, applicationId, "ReviewApplication", Map.of("score1", relevance, "comment1", "Relevance: " + relevance,
                "score2", budget, "comment2", "Budget: " + budget));
    }

    void complete(String user, String applicationId, String taskKey, Map<String, Object> fields) {
        Api.Response response = tryComplete(user, applicationId, taskKey, fields);
        assertThat(response.status()).as(taskKey + ": " + response.raw()).isEqualTo(204);
    }

    Api.Response tryComplete(String user, String businessKey, String taskKey, Map<String, Object> fields) {
        Task task = taskFor(user, businessKey, taskKey);
        assertThat(task).as("open task " + taskKey + " for " + user).isNotNull();
        return api.post(user, "/api/tasks/" + task.getId() + "/complete", fields);
    }

    /** The open task of that key the user may work on: theirs, or one of their groups'. */
    Task taskFor(String user, String businessKey, String taskKey) {
        List<Task> open = tasks(businessKey, taskKey);
        return open.stream().filter(task -> user.equals(task.getAssignee())).findFirst()
                .orElse(open.stream().filter(task -> task.getAssignee() == null).findFirst().orElse(null));
    }

    List<Task> tasks(String businessKey, String taskKey) {
        return taskService.createTaskQuery().processInstanceBusinessKey(businessKey).taskDefinitionKey(taskKey).list();
    }

    /** Ends the review period: the competition's timer fires and the committee's task opens. */
    void endReviewPeriod(String competitionId, LocalDate day) {
        setClock(day);
        runDueJobs(competitionId);
    }

    /** Runs every due job of the process with this business key, as the job executor would. */
    void runDueJobs(String businessKey) {
        // One at a time, looking again each time: a job may end the activity that another one belongs to.
        for (int round = 0; round < 50; round++) {
            List<Job> due = managementService.createJobQuery().processInstanceId(instanceOf(businessKey)).executable()
                    .orderByJobDuedate().asc().listPage(0, 1);
            if (due.isEmpty()) {
                return;
            }
            managementService.executeJob(due.get(0).getId());
        }
    }

    /** Runs the due jobs of each of these processes (the committee's decision continues each application asynchronously). */
    void runDueJobs(List<String> businessKeys) {
        businessKeys.forEach(this::runDueJobs);
    }

    Job timer(String businessKey, String activityId) {
        return managementService.createJobQuery().processInstanceId(instanceOf(businessKey)).timers().activityId(activityId)
                .singleResult();
    }

    String instanceOf(String businessKey) {
        return historyService.createHistoricProcessInstanceQuery().processInstanceBusinessKey(businessKey).singleResult().getId();
    }

    boolean ended(String businessKey) {
        return historyService.createHistoricProcessInstanceQuery().processInstanceBusinessKey(businessKey).singleResult()
                .getEndTime() != null;
    }

    JsonNode application(String user, String applicationId) {
        Api.Response response = api.get(user, "/api/grants/applications/" + applicationId);
        assertThat(response.status()).as(response.raw()).isEqualTo(200);
        return response.json();
    }

    String state(String applicationId) {
        return application("staff", applicationId).path("state").asText();
    }

    /**
     * The outbox's mails to the address about this application whose template starts with {@code templatePrefix}, oldest
     * first. Only this application's: the database may hold other tests' and earlier runs' mails to the same address.
     * An applicant's mail names the application in its key ({@code template:application:event:member}); an expert's
     * reminder names the review ({@code grant-review-reminder:review:due}), which is the application's.
     */
    List<String> outboxSubjects(String recipient, String templatePrefix, String applicationId) {
        return jdbc.sql("SELECT m.subject FROM mail_outbox m WHERE m.recipient = :recipient AND m.template LIKE :template"
                        + " AND (m.idempotency_key LIKE :applicantKey OR EXISTS (SELECT 1 FROM grant_review r"
                        + " WHERE r.application_id = :application"
                        + " AND m.idempotency_key LIKE 'grant-review-reminder:' || CAST(r.id AS VARCHAR(36)) || ':%'))"
                        + " ORDER BY m.created_at")
                .param("recipient", recipient).param("template", templatePrefix + "%")
                .param("applicantKey", templatePrefix + "%:" + applicationId + ":%")
                .param("application", UUID.fromString(applicationId))
                .query(String.class).list();
    }

    void drainOutbox() {
        while (dispatcher.dispatchDue() > 0) {
            // each round sends what is due
        }
    }
}
