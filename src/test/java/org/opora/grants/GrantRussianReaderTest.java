package org.opora.grants;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.opora.security.Role;
import org.opora.support.Api;
import org.opora.support.LatinWords;
import org.opora.support.OporaIntegrationTest;
import org.opora.support.OutboxMail;
import org.opora.tasks.TaskReminders;
import org.opora.users.NotificationMode;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationContext;
import org.springframework.http.HttpMethod;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * A Russian-language applicant and Russian-language experts follow one application from its
 * submission to the final report: every task name they are shown, every e-mail they get, the
 * state names and the case's timeline and deadlines are Russian (what they typed is data).
 */
@OporaIntegrationTest
class GrantRussianReaderTest {

    @Autowired
    ApplicationContext context;
    @Autowired
    OutboxMail outboxMail;
    @Autowired
    TaskReminders reminders;

    GrantScenario grants;
    String member;
    String run;
    final List<String> data = new ArrayList<>(List.of("Test organisation A", "Test CSO A", "Test resource centre",
            "Test region", "Test", "opora.test", "7707083893", "1027700132195", "40703810900000000001", "044525225"));

    @BeforeEach
    void aRussianApplicantAndRussianExperts() {
        grants = new GrantScenario(context);
        grants.staffOnCommittee();
        GrantScenario.setClock(LocalDate.of(2026, 3, 2));
        member = grants.fixtures.newUser(Role.CSO, "ru-applicant", NotificationMode.IMMEDIATE, grants.fixtures.organisationA());
        grants.fixtures.setMode(member, NotificationMode.IMMEDIATE, "ru");
        run = String.valueOf(System.nanoTime() % 1_000_000);
        // "charter": the document kind staff typed as the competition's required document, data as entered.
        data.addAll(List.of(member, "ru-applicant", run, "устав.pdf", "charter"));
    }

    @Test
    void anApplicationFromSubmissionToTheFinalReportSpeaksRussian() {
        List<String> pool = new ArrayList<>();
        for (String sector : List.of("CSO", "GOVERNMENT")) {
            String expert = grants.expert(sector, GrantScenario.TVER);
            grants.fixtures.setMode(expert, NotificationMode.IMMEDIATE, "ru");
            pool.add(expert);
            data.addAll(List.of(expert, "expert-" + sector.toLowerCase()));
        }
        Map<String, Object> rules = grants.competition(pool, Map.of("title", "Малые гранты " + run,
                "description", "Проекты для детей и семей", "requiredDocuments", List.of("charter"),
                "criteria", List.of(Map.of("name", "Актуальность", "description", "Насколько важна проблема", "weight", 2, "maxScore", 10),
                        Map.of("name", "Бюджет", "description", "Реалистичен ли бюджет", "weight", 1, "maxScore", 10))));
        String competition = grants.createCompetition(rules);
        Map<String, Object> application = new HashMap<>(grants.application("Выходные для приёмных семей " + run, 400_000));
        application.put("summary", "Мастерские по выходным для детей из приёмных семей");
        application.put("topic", "дети");
        application.put("targetGroup", "Дети из приёмных семей");
        application.put("budgetLines", List.of(Map.of("item", "Материалы", "amount", 200_000),
                Map.of("item", "Транспорт", "amount", 200_000)));
        application.put("attachments", List.of(Map.of("kind", "charter", "name", "устав.pdf")));
        String id = grants.submitAs(member, competition, application);

        tasksInRussian(id);
        grants.admitWithProposedPanel(id);
        tasksInRussian(id);
        List<String> panel = grants.panel(id);
        assertThat(panel).hasSize(2);
        for (String expert : panel) {
            grants.complete(expert, id, "DeclareConflicts", Map.of("conflict", "no"));
            sheetInRussian(id, "ReviewApplication", "applicationText");
            grants.complete(expert, id, "ReviewApplication", Map.of("score1", 9, "comment1", "Важная тема", "score2", 8,
                    "comment2", "Смета понятна"));
        }
        grants.endReviewPeriod(competition, LocalDate.of(2026, 4, 21));
        sheetInRussian(competition, "DecideGrants", "ranking");
        grants.complete("staff", competition, "DecideGrants", Map.of("decisions", GrantScenario.decisions("APPROVE")));
        grants.runDueJobs(id);
        assertThat(grants.state(id)).isEqualTo("APPROVED");
        tasksInRussian(id);
        reminders.sendReminders();
        grants.complete(member, id, "SignAgreement", Map.of("bankAccount", "40703810900000000001", "bankBik", "044525225",
                "signatory", "Анна Петрова, директор", "signed", true));
        tasksInRussian(id);
        sheetInRussian(id, "SubmitReport", "reportInfo");
        grants.complete(member, id, "SubmitReport", Map.of("narrative", "Проведены пять выходных", "beneficiariesReached", 25,
                "spending", List.of(Map.of("spent", 100000), Map.of("spent", 90000))));
        sheetInRussian(id, "ReviewReport", "reportSummary");
        grants.complete("staff", id, "ReviewReport", Map.of("verdict", "accept"));
        grants.complete(member, id, "SubmitReport", Map.of("narrative", "Проведены все десять выходных", "beneficiariesReached", 42,
                "spending", List.of(Map.of("spent", 200000), Map.of("spent", 200000))));
        grants.complete("staff", id, "ReviewReport", Map.of("verdict", "accept"));
        assertThat(grants.state(id)).isEqualTo("CLOSED");

        JsonNode closed = russian(member, "/api/grants/applications/" + id);
        assertThat(closed.path("stateName").asText()).isNotBlank();
        russianText(closed.path("stateName").asText());
        JsonNode caseView = russian(member, "/api/cases/" + id);
        List<String> steps = new ArrayList<>();
        caseView.path("timeline").forEach(entry -> {
            if ("process".equals(entry.path("source").asText())) {
                steps.add(entry.path("title").asText());
            }
        });
        assertThat(steps).contains("Заявка начата", "Проверить условия допуска", "Перечислить следующий транш", "Грант закрыт");
        steps.forEach(this::russianText);
        // Opora's own events: a code and a sentence in the reader's language (ADR 0025), typed text as typed.
        Map<String, String> events = new java.util.LinkedHashMap<>();
        caseView.path("timeline").forEach(entry -> {
            if ("case".equals(entry.path("source").asText())) {
                events.putIfAbsent(entry.path("kind").asText(), entry.path("title").asText());
            }
        });
        assertThat(events).containsKeys("grant-submitted", "grant-admission-checked", "grant-panel-proposed", "grant-decided",
                "grant-agreement-prepared", "grant-tranche-released", "grant-report-submitted", "task-completed", "grant-closed");
        assertThat(events.get("grant-panel-proposed")).isEqualTo("Предложен состав экспертов: НКО, Государство");
        assertThat(events.get("grant-tranche-released")).matches("Перечислен транш \\d: \\d+; (промежуточный|итоговый) отчёт до \\d\\d\\.\\d\\d\\.\\d{4}");
        assertThat(events.get("grant-submitted")).isEqualTo("Заявка подана — Выходные для приёмных семей " + run);
        events.values().forEach(this::russianText);
        JsonNode english = grants.api.exchange(member, HttpMethod.GET, "/api/cases/" + id, null, Map.of("Accept-Language", "en"))
                .json();
        List<String> englishEvents = new ArrayList<>();
        english.path("timeline").forEach(entry -> {
            if ("case".equals(entry.path("source").asText())) {
                englishEvents.add(entry.path("title").asText());
            }
        });
        assertThat(englishEvents).contains("Expert panel proposed: Non-profit, Government", "Grant closed");
        // The English reader meets no Russian but what people typed (the project's title, the signatory).
        englishEvents.stream().map(title -> title.replace("устав.pdf", "").replace("Анна Петрова, директор", ""))
                .filter(title -> !title.contains(run))
                .forEach(title -> assertThat(title).as("an English reader's event").doesNotContainPattern("\\p{IsCyrillic}"));

        List<String> recipients = new ArrayList<>(panel);
        recipients.add(member);
        int mails = 0;
        for (String recipient : recipients) {
            for (OutboxMail.Mail mail : outboxMail.to(recipient + "@opora.test")) {
                String body = mail.body();
                if (body.contains(run)) {
                    mails++;
                    russianText(mail.subject());
                    russianText(body);
                }
            }
        }
        assertThat(mails).as("the applicant's and the experts' e-mails about this application").isGreaterThan(5);
    }

    private void tasksInRussian(String caseId) {
        for (String user : List.of(member, "staff")) {
            JsonNode tasks = grants.api.exchange(user, HttpMethod.GET, "/api/tasks?caseId=" + caseId, null,
                    Map.of("Accept-Language", "ru")).json();
            tasks.path("items").findValues("name").forEach(name -> russianText(name.asText()));
        }
    }

    /** What Tasklist shows above a task's form (the application, the ranking, the report), in Russian. */
    private void sheetInRussian(String businessKey, String taskKey, String variable) {
        List<org.camunda.bpm.engine.task.Task> open = grants.tasks(businessKey, taskKey);
        assertThat(open).as(taskKey).isNotEmpty();
        Object sheet = context.getBean(org.camunda.bpm.engine.TaskService.class).getVariableLocal(open.get(0).getId(), variable);
        assertThat(sheet).as(variable).isInstanceOf(String.class);
        assertThat((String) sheet).as(variable).isNotBlank();
        russianText((String) sheet);
    }

    private JsonNode russian(String user, String path) {
        Api.Response response = grants.api.exchange(user, HttpMethod.GET, path, null, Map.of("Accept-Language", "ru"));
        assertThat(response.status()).as(response.raw()).isEqualTo(200);
        return response.json();
    }

    private void russianText(String text) {
        assertThat(LatinWords.in(text, data)).as("Latin words in: %s", text).isEmpty();
    }

    /** H2 answers column labels in upper case, PostgreSQL in lower case. */
    private static Object value(Map<String, Object> row, String column) {
        return row.containsKey(column) ? row.get(column) : row.get(column.toUpperCase());
    }
}
