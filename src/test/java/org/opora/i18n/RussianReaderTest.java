package org.opora.i18n;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Date;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.camunda.bpm.engine.HistoryService;
import org.camunda.bpm.engine.ManagementService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.camunda.bpm.engine.task.Task;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.opora.security.Role;
import org.opora.support.Api;
import org.opora.support.LatinWords;
import org.opora.support.OporaIntegrationTest;
import org.opora.support.OutboxMail;
import org.opora.support.TestFixtures;
import org.opora.tasks.TaskReminders;
import org.opora.users.NotificationMode;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.HttpMethod;
import org.springframework.jdbc.core.simple.JdbcClient;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * A Russian-language member and staff member walk the processes: every task name they are shown,
 * every e-mail they get (subject and body) and every warning, advice and explanation is Russian.
 * What they typed or the registry holds (names, subjects, numbers) is data and may be in any
 * script; everything else may not contain a word in Latin letters.
 */
@OporaIntegrationTest
class RussianReaderTest {

    private static final ZoneId MOSCOW = ZoneId.of("Europe/Moscow");

    @Autowired
    Api api;
    @Autowired
    OutboxMail outboxMail;
    @Autowired
    TestFixtures fixtures;
    @Autowired
    TaskService taskService;
    @Autowired
    ManagementService managementService;
    @Autowired
    HistoryService historyService;
    @Autowired
    TaskReminders reminders;
    @Autowired
    JdbcClient jdbc;

    String member;
    String staff;
    String run;
    /** What is data in this test: it may be written in any script. */
    final List<String> data = new ArrayList<>(List.of("Test organisation A", "Test CSO A", "Test resource centre",
            "Test region", "Test", "opora.test", "7707083893", "1027700132195"));

    @BeforeEach
    void aRussianMemberAndARussianStaffMember() {
        member = fixtures.newUser(Role.CSO, "ru-member", NotificationMode.IMMEDIATE, fixtures.organisationA());
        fixtures.setMode(member, NotificationMode.IMMEDIATE, "ru");
        staff = fixtures.newUser(Role.STAFF, "ru-staff", NotificationMode.IMMEDIATE, null);
        fixtures.setMode(staff, NotificationMode.IMMEDIATE, "ru");
        run = String.valueOf(System.nanoTime() % 1_000_000);
        data.addAll(List.of(member, staff, run, "ru-member", "ru-staff"));
    }

    @Test
    void aLetterFromDraftToComplaintSpeaksRussian() {
        setClock(LocalDate.of(2026, 3, 2));
        String region = "Тестовая область " + run;
        String ministry = body(null, "Министерство социальной политики " + run, "MINISTRY", region, "социальная поддержка");
        String department = body(ministry, "Отдел поддержки семей " + run, "DEPARTMENT", region, "социальная поддержка");
        String governor = body(null, "Правительство области " + run, "ADMINISTRATION", region, "общие вопросы");

        Map<String, Object> letter = new HashMap<>();
        letter.put("bodyId", department);
        letter.put("subject", "Автобус для экскурсии " + run);
        letter.put("topic", "социальная поддержка");
        letter.put("text", "Просим выделить автобус.");
        letter.put("requestKind", "MONEY");
        letter.put("neededBy", "2026-03-10");
        letter.put("region", region);
        Api.Response drafted = russian(HttpMethod.POST, "/api/letters", letter);
        assertThat(drafted.status()).as(drafted.raw()).isEqualTo(201);
        JsonNode timing = drafted.json().path("timing");
        assertThat(timing.path("warnings")).isNotEmpty();
        assertRussian(timing.path("warnings"), timing.path("suggestions"), timing.path("explanation"));
        assertRussian(drafted.json().path("letter").path("stateName"));
        String letterId = drafted.json().path("letter").path("id").asText();

        JsonNode routing = russian(HttpMethod.GET, "/api/letters/routing?topic=социальная поддержка&region=" + region
                + "&bodyId=" + governor, null).json();
        assertThat(routing.path("warnings")).isNotEmpty();
        assertRussian(routing.path("reason"), routing.path("warnings"));
        assertRussian(russian(HttpMethod.GET, "/api/calendar/deadline?from=2026-01-05&rule=answer", null).json()
                .path("explanation"));

        complete(letterId, "SendLetter", Map.of("channel", "POST", "sentOn", "2026-03-02"));
        setClock(LocalDate.of(2026, 3, 12));
        complete(letterId, "RecordRegistration", Map.of("registrationNumber", "Вх-" + run, "registeredOn", "2026-03-12"));
        // A day before the answer is due: the reminder.
        setClock(LocalDate.of(2026, 4, 13));
        reminders.sendReminders();
        setClock(LocalDate.of(2026, 4, 14));
        managementService.executeJob(managementService.createJobQuery().processInstanceId(instanceOf(letterId)).timers()
                .activityId("AnswerOverdue").singleResult().getId());

        JsonNode tasks = russian(HttpMethod.GET, "/api/tasks?caseId=" + letterId, null).json();
        assertThat(tasks.path("items")).hasSize(2);
        assertRussian(tasks.path("items").findValues("name").toArray(JsonNode[]::new));
        JsonNode overdue = russian(HttpMethod.GET, "/api/letters/" + letterId, null).json();
        assertRussian(overdue.path("stateName"), overdue.path("complaintDraft"));
        JsonNode caseView = russian(HttpMethod.GET, "/api/cases/" + letterId, null).json();
        assertRussian(caseView.path("openTasks").findValues("name").toArray(JsonNode[]::new));
        // The diagram's events and steps in the timeline and its timers among the deadlines.
        List<JsonNode> steps = new ArrayList<>();
        caseView.path("timeline").forEach(entry -> {
            if ("process".equals(entry.path("source").asText())) {
                steps.add(entry.path("title"));
            }
        });
        assertThat(steps).extracting(JsonNode::asText).contains("Письмо составлено", "Запустить отсчёт срока ответа",
                "Срок ответа истёк", "Подготовить жалобу");
        assertRussian(steps.toArray(JsonNode[]::new));
        // Opora's own events: a code and a sentence in the reader's language (ADR 0025).
        List<JsonNode> events = new ArrayList<>();
        caseView.path("timeline").forEach(entry -> {
            if ("case".equals(entry.path("source").asText())) {
                events.add(entry);
            }
        });
        assertThat(events).extracting(event -> event.path("kind").asText()).contains("letter-sent", "letter-registered",
                "complaint-drafted");
        assertThat(events).extracting(event -> event.path("title").asText()).contains("Письмо отправлено почтой 02.03.2026",
                "Зарегистрировано под № Вх-" + run + " от 12.03.2026; ответ до 13.04.2026");
        assertRussian(events.stream().map(event -> event.path("title")).toArray(JsonNode[]::new));
        assertRussian(caseView.path("deadlines").findValues("name").toArray(JsonNode[]::new));
        JsonNode englishView = api.exchange(member, HttpMethod.GET, "/api/cases/" + letterId, null,
                Map.of("Accept-Language", "en")).json();
        List<String> englishSteps = new ArrayList<>();
        englishView.path("timeline").forEach(entry -> {
            if ("process".equals(entry.path("source").asText())) {
                englishSteps.add(entry.path("title").asText());
            }
        });
        assertThat(englishSteps).as("an English reader gets the steps in English").contains("Letter drafted", "Answer overdue")
                .noneMatch(title -> title.matches(".*\\p{IsCyrillic}.*"));
        List<String> englishEvents = new ArrayList<>();
        englishView.path("timeline").forEach(entry -> {
            if ("case".equals(entry.path("source").asText())) {
                englishEvents.add(entry.path("title").asText());
            }
        });
        assertThat(englishEvents).as("and Opora's events in English").contains("Letter sent by post on 2026-03-02");

        Api.Response refused = russian(HttpMethod.POST, "/api/tasks/" + task(letterId, "RecordAnswer").getId() + "/complete",
                Map.of("outcome", "answered", "answeredOn", "2030-01-01", "rating", "SATISFACTORY"));
        assertThat(refused.status()).isEqualTo(400);
        assertThat(refused.json().path("errors").get(0).path("field").asText()).isEqualTo("answeredOn");
        data.add("answeredOn"); // a field's name is stable, in every language
        assertRussian(refused.json().path("title"), refused.json().path("detail"),
                refused.json().path("errors").get(0).path("message"));

        List<Map<String, Object>> mails = mailsTo(member);
        assertThat(mails).extracting(mail -> (String) mail.get("subject")).contains("Новая задача: Отправить письмо",
                "Новая задача: Внести регистрацию письма", "Новая задача: Внести ответ или продление срока",
                "Скоро срок: Внести ответ или продление срока", "Новая задача: Проверить и отправить жалобу");
        for (Map<String, Object> mail : mails) {
            assertRussianText((String) mail.get("subject"));
            assertRussianText((String) mail.get("body"));
        }
    }

    @Test
    void aVolunteerRequestAndAGrantApplicationSpeakRussian() {
        Map<String, Object> request = new HashMap<>(Map.of("title", "Помощь пожилым " + run, "what", "Привезти продукты",
                "why", "Они не выходят из дома", "place", "ул. Ленина, 1", "district", "Центральный", "city", "Тверь",
                "firstDate", LocalDate.now(MOSCOW).plusDays(20).toString(), "startTime", "10:00", "endTime", "14:00", "needed", 1));
        request.put("cause", "elderly");
        request.put("contactName", "Анна Контактова");
        request.put("contactEmail", "contact-" + run + "@cso.test");
        Api.Response posted = api.exchange(member, HttpMethod.POST, "/api/volunteering/requests", request,
                Map.of("Accept-Language", "ru"));
        assertThat(posted.status()).as(posted.raw()).isEqualTo(201);
        String requestId = posted.json().path("id").asText();
        data.addAll(List.of("Анна Контактова", "cso.test", "contact"));
        Api.Response refused = api.exchange(staff, HttpMethod.POST, "/api/tasks/" + task(requestId, "VetRequest").getId()
                + "/complete", Map.of("decision", "refuse", "reason", "Сбор денег на личную карту"), Map.of("Accept-Language", "ru"));
        assertThat(refused.status()).as(refused.raw()).isEqualTo(204);
        managementService.createJobQuery().processInstanceId(instanceOf(requestId)).executable().list()
                .forEach(job -> managementService.executeJob(job.getId()));

        assertThat(russian(HttpMethod.GET, "/api/volunteering/requests/" + requestId, null).json().path("stateName").asText())
                .isEqualTo("Отклонён");
        assertThat(mailsTo(staff)).extracting(mail -> (String) mail.get("subject")).contains("Новая задача: Проверить запрос");
        for (Map<String, Object> mail : mailsTo(staff)) {
            assertRussianText((String) mail.get("subject"));
            assertRussianText((String) mail.get("body"));
        }
        List<OutboxMail.Mail> contact = outboxMail.to("contact-" + run + "@cso.test");
        assertThat(contact).isNotEmpty();
        for (OutboxMail.Mail mail : contact) {
            assertRussianText(mail.subject());
            assertRussianText(mail.body());
        }

        // A grant application: the applicant's task and its e-mail.
        Map<String, Object> competition = new HashMap<>();
        competition.put("title", "Малые гранты " + run);
        competition.put("opensAt", LocalDate.now(MOSCOW).minusDays(1) + "T00:00:00+03:00");
        competition.put("closesAt", LocalDate.now(MOSCOW).plusDays(30) + "T00:00:00+03:00");
        competition.put("reviewDue", LocalDate.now(MOSCOW).plusDays(60).toString());
        competition.put("budgetPool", 1_000_000);
        competition.put("minGrant", 100_000);
        competition.put("maxGrant", 600_000);
        competition.put("maxMonths", 12);
        competition.put("criteria", List.of(Map.of("name", "Актуальность", "description", "Насколько важна проблема",
                "weight", 1, "maxScore", 10)));
        Api.Response announced = api.post("staff", "/api/grants/competitions", competition);
        assertThat(announced.status()).as(announced.raw()).isEqualTo(201);
        Api.Response started = api.exchange(member, HttpMethod.POST, "/api/grants/applications",
                Map.of("competitionId", announced.json().path("id").asText()), Map.of("Accept-Language", "ru"));
        assertThat(started.status()).as(started.raw()).isEqualTo(201);
        JsonNode tasks = russian(HttpMethod.GET, "/api/tasks?caseId=" + started.json().path("id").asText(), null).json();
        assertThat(tasks.path("items").get(0).path("name").asText()).isEqualTo("Подать заявку");
        assertThat(russian(HttpMethod.GET, "/api/grants/applications/" + started.json().path("id").asText(), null).json()
                .path("stateName").asText()).isEqualTo("Черновик");
        assertThat(api.get(member, "/api/grants/applications/" + started.json().path("id").asText()).json()
                .path("stateName").asText()).as("in English on request").isEqualTo("Draft");
        assertThat(mailsTo(member)).extracting(mail -> (String) mail.get("subject")).contains("Новая задача: Подать заявку");
        for (Map<String, Object> mail : mailsTo(member)) {
            assertRussianText((String) mail.get("subject"));
            assertRussianText((String) mail.get("body"));
        }
    }

    @Test
    void aWrongVolunteerLinkIsRussianUnlessTheBrowserAsksForEnglish() {
        Api.Response wrong = api.exchange(null, HttpMethod.GET, "/v/" + "x".repeat(43), null, Map.of("Accept-Language", "*"));
        assertThat(wrong.status()).isEqualTo(404);
        assertRussianText(wrong.raw().replaceAll("(?s)<head>.*?</head>", ""));
        Api.Response english = api.exchange(null, HttpMethod.GET, "/v/" + "x".repeat(43), null,
                Map.of("Accept-Language", "en-GB,en;q=0.8"));
        assertThat(english.raw()).containsPattern("[A-Za-z]{4,} [A-Za-z]{4,}");
    }

    private void assertRussian(JsonNode... nodes) {
        for (JsonNode node : nodes) {
            if (node.isArray()) {
                node.forEach(item -> assertRussianText(item.asText()));
            } else {
                assertThat(node.isMissingNode() || node.isNull()).as("a text is there").isFalse();
                assertRussianText(node.asText());
            }
        }
    }

    /** No word in Latin letters once data, links, addresses and markup are taken out. */
    private void assertRussianText(String text) {
        assertThat(LatinWords.in(text, data)).as("Latin words in: %s", text).isEmpty();
    }

    /**
     * The e-mails about this test's cases (their titles carry the run's number): the reminders also
     * reach the member about other tests' tasks of the organisation, whose titles are other data.
     */
    private List<Map<String, Object>> mailsTo(String userId) {
        return outboxMail.to(userId + "@opora.test").stream().map(mail -> Map.<String, Object>of("subject", mail.subject(), "body", mail.body()))
                .filter(mail -> ((String) mail.get("body")).contains(run)).toList();
    }

    /** H2 answers column labels in upper case, PostgreSQL in lower case. */
    private static Object value(Map<String, Object> row, String column) {
        return row.containsKey(column) ? row.get(column) : row.get(column.toUpperCase());
    }

    private Api.Response russian(HttpMethod method, String path, Object body) {
        return api.exchange(member, method, path, body, Map.of("Accept-Language", "ru"));
    }

    private void complete(String businessKey, String taskKey, Map<String, Object> fields) {
        Api.Response response = russian(HttpMethod.POST, "/api/tasks/" + task(businessKey, taskKey).getId() + "/complete", fields);
        assertThat(response.status()).as(response.raw()).isEqualTo(204);
    }

    private Task task(String businessKey, String taskKey) {
        Task task = taskService.createTaskQuery().processInstanceBusinessKey(businessKey).taskDefinitionKey(taskKey).singleResult();
        assertThat(task).as("open task " + taskKey).isNotNull();
        return task;
    }

    private String instanceOf(String businessKey) {
        return historyService.createHistoricProcessInstanceQuery().processInstanceBusinessKey(businessKey).singleResult().getId();
    }

    private String body(String parentId, String name, String kind, String region, String topic) {
        Map<String, Object> body = new HashMap<>();
        body.put("parentId", parentId);
        body.put("name", name);
        body.put("kind", kind);
        body.put("level", "REGIONAL");
        body.put("region", region);
        body.put("topics", List.of(topic));
        body.put("budgetRequestsUntil", "02-01");
        Api.Response created = api.post("staff", "/api/public-bodies", body);
        assertThat(created.status()).as(created.raw()).isEqualTo(201);
        return created.json().path("id").asText();
    }

    private static void setClock(LocalDate day) {
        ClockUtil.setCurrentTime(Date.from(day.atTime(12, 0).atZone(MOSCOW).toInstant()));
    }
}
