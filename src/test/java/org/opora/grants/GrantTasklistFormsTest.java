package org.opora.grants;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.camunda.bpm.engine.task.Task;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.opora.support.Api;
import org.opora.support.OporaIntegrationTest;
import org.opora.support.TestSmtp;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationContext;
import org.springframework.http.HttpMethod;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.icegreen.greenmail.junit5.GreenMailExtension;

/**
 * The grant forms' lists completed the way Tasklist completes them: through the engine's REST API, each
 * list a variable holding JSON text (typed {@code Json}, or typed like the JSON value the task was prefilled
 * with), checked by the same form contract as Opora's API. A bad row is refused naming its path, in the
 * reader's language, and changes nothing.
 */
@OporaIntegrationTest
class GrantTasklistFormsTest {

    private static final String TASKLIST = "/camunda/api/engine/engine/default";
    private static final ObjectMapper JSON = new ObjectMapper();

    @RegisterExtension
    static GreenMailExtension smtp = TestSmtp.server();

    @Autowired
    ApplicationContext context;

    GrantScenario grants;
    List<String> pool;

    @BeforeEach
    void aCommitteeAndTwoExperts() {
        grants = new GrantScenario(context);
        grants.staffOnCommittee();
        GrantScenario.setClock(LocalDate.of(2026, 3, 2));
        pool = List.of(grants.expert("CSO", GrantScenario.TVER), grants.expert("GOVERNMENT", null));
    }

    @Test
    void theCommitteeDecidesInTasklistRowByRow() throws Exception {
        String competition = grants.createCompetition(grants.competition(pool, Map.of()));
        String id = scored(competition, "Foster family weekends", 400_000);
        grants.endReviewPeriod(competition, LocalDate.of(2026, 4, 21));
        Task decide = grants.tasks(competition, "DecideGrants").get(0);
        // Tasklist's form starts with a row per ranked application, its rank filled in.
        assertThat(grants.taskService.getVariableLocal(decide.getId(), "decisions")).isEqualTo(List.of(Map.of("rank", 1)));
        Api.WebappSession session = grants.api.webappSession("staff");
        String submit = TASKLIST + "/task/" + decide.getId() + "/submit-form";

        Map<String, String> russian = new HashMap<>(session.headers());
        russian.put("Accept-Language", "ru");
        Api.Response notANumber = grants.api.exchange("staff", HttpMethod.POST, submit, variables("decisions",
                json(List.of(Map.of("rank", 1, "decision", "APPROVE", "amount", "много")))), russian);
        assertThat(notANumber.status()).as(notANumber.raw()).isEqualTo(400);
        assertThat(notANumber.json().path("errors").get(0).path("field").asText()).isEqualTo("decisions[0].amount");
        assertThat(notANumber.json().path("errors").get(0).path("message").asText()).isEqualTo("должно быть числом");
        assertThat(notANumber.json().path("message").asText()).contains("decisions[0].amount");

        Api.Response unknownField = grants.api.exchange("staff", HttpMethod.POST, submit, variables("decisions",
                json(List.of(Map.of("rank", 1, "decision", "APPROVE", "note", "x")))), session.headers());
        assertThat(unknownField.status()).as(unknownField.raw()).isEqualTo(400);
        assertThat(unknownField.json().path("errors").findValuesAsText("field")).containsExactly("decisions[0].note");
        Api.Response notRows = grants.api.exchange("staff", HttpMethod.POST, submit, variables("decisions",
                json(List.of("1: approve"))), session.headers());
        assertThat(notRows.json().path("errors").findValuesAsText("field")).containsExactly("decisions");

        Api.Response moreThanAsked = grants.api.exchange("staff", HttpMethod.POST, submit, variables("decisions",
                objectValue(List.of(Map.of("rank", 1, "decision", "APPROVE", "amount", 500_000)))), session.headers());
        assertThat(moreThanAsked.status()).as(moreThanAsked.raw()).isEqualTo(400);
        assertThat(moreThanAsked.json().path("errors").get(0).path("field").asText()).isEqualTo("decisions[0].amount");
        assertThat(grants.state(id)).isEqualTo("SCORED");
        assertThat(grants.tasks(competition, "DecideGrants")).hasSize(1);

        Api.Response decided = grants.api.exchange("staff", HttpMethod.POST, submit, variables("decisions",
                objectValue(List.of(Map.of("rank", 1, "decision", "APPROVE", "amount", 300_000)))), session.headers());
        assertThat(decided.status()).as(decided.raw()).isEqualTo(204);
        grants.runDueJobs(id);
        assertThat(grants.state(id)).isEqualTo("APPROVED");
        assertThat(grants.application("staff", id).path("approvedAmount").decimalValue()).isEqualByComparingTo("300000");
    }

    @Test
    void staffConfirmThePanelInTasklistsChecklist() throws Exception {
        String competition = grants.createCompetition(grants.competition(pool, Map.of()));
        String id = grants.submit(competition, grants.application("Foster family weekends", 400_000));
        grants.complete("staff", id, "CheckAdmission", Map.of("verdict", "admit"));
        Task confirm = grants.tasks(id, "ConfirmPanel").get(0);
        @SuppressWarnings("unchecked")
        List<String> proposed = (List<String>) grants.taskService.getVariableLocal(confirm.getId(), "experts");
        assertThat(proposed).containsExactlyInAnyOrderElementsOf(pool);
        Api.WebappSession session = grants.api.webappSession("staff");
        String submit = TASKLIST + "/task/" + confirm.getId() + "/submit-form";

        Api.Response notAList = grants.api.exchange("staff", HttpMethod.POST, submit, variables("experts",
                json(Map.of("expert", pool.get(0)))), session.headers());
        assertThat(notAList.status()).as(notAList.raw()).isEqualTo(400);
        assertThat(notAList.json().path("errors").get(0).path("field").asText()).isEqualTo("experts");
        Api.Response stranger = grants.api.exchange("staff", HttpMethod.POST, submit, variables("experts",
                objectValue(List.of(pool.get(0), "nobody-at-all"))), session.headers());
        assertThat(stranger.status()).as(stranger.raw()).isEqualTo(400);
        assertThat(stranger.json().path("errors").get(0).path("field").asText()).isEqualTo("experts");
        assertThat(grants.tasks(id, "ConfirmPanel")).hasSize(1);

        Api.Response confirmed = grants.api.exchange("staff", HttpMethod.POST, submit, variables("experts",
                objectValue(proposed)), session.headers());
        assertThat(confirmed.status()).as(confirmed.raw()).isEqualTo(204);
        assertThat(grants.panel(id)).containsExactlyInAnyOrderElementsOf(pool);
    }

    @Test
    void anApplicationsBudgetAndAReportsSpendingAreRowsThroughTheEngineApi() throws Exception {
        String competition = grants.createCompetition(grants.competition(pool, Map.of()));
        Map<String, Object> application = grants.application("Foster family weekends", 400_000);
        String id = grants.draft("cso-a", competition, application);
        Task submitTask = grants.tasks(id, "SubmitApplication").get(0);
        Map<String, Object> fields = new HashMap<>();
        fields.put("projectTitle", Map.of("value", "Foster family weekends", "type", "String"));
        fields.put("summary", Map.of("value", "Weekend workshops", "type", "String"));
        fields.put("region", Map.of("value", GrantScenario.TVER, "type", "String"));
        fields.put("targetGroup", Map.of("value", "Foster families", "type", "String"));
        fields.put("beneficiaries", Map.of("value", 40, "type", "Long"));
        fields.put("requestedAmount", Map.of("value", 400_000, "type", "Long"));
        fields.put("durationMonths", Map.of("value", 10, "type", "Long"));
        fields.put("attachments", json(application.get("attachments")));
        fields.put("budgetLines", json(List.of(Map.of("item", "Materials", "amount", 200_000), Map.of("amount", 200_000))));
        String submitPath = "/engine-rest/task/" + submitTask.getId() + "/complete";

        Api.Response noItem = grants.api.post("staff", submitPath, Map.of("variables", fields));
        assertThat(noItem.status()).as(noItem.raw()).isEqualTo(400);
        assertThat(noItem.json().path("errors").findValuesAsText("field")).containsExactly("budgetLines[1].item");
        assertThat(grants.state(id)).isEqualTo("DRAFT");

        fields.put("budgetLines", objectValue(List.of(Map.of("item", "Materials", "amount", 200_000),
                Map.of("item", "Transport", "amount", 200_000))));
        Api.Response submitted = grants.api.post("staff", submitPath, Map.of("variables", fields));
        assertThat(submitted.status()).as(submitted.raw()).isEqualTo(204);
        JsonNode saved = grants.application("staff", id);
        assertThat(saved.path("state").asText()).isEqualTo("SUBMITTED");
        assertThat(saved.path("details").path("budgetLines").findValuesAsText("item")).containsExactly("Materials", "Transport");
        assertThat(saved.path("details").path("attachments").get(0).path("kind").asText()).isEqualTo("charter");

        for (String expert : grants.admitWithProposedPanel(id)) {
            grants.review(expert, id, 9, 8);
        }
        grants.endReviewPeriod(competition, LocalDate.of(2026, 4, 21));
        grants.complete("staff", competition, "DecideGrants", Map.of("decisions", GrantScenario.decisions("APPROVE")));
        grants.runDueJobs(id);
        grants.complete("cso-a", id, "SignAgreement", Map.of("bankAccount", "40703810900000000001", "bankBik", "044525225",
                "signatory", "Anna Petrova, director", "signed", true));
        Task report = grants.tasks(id, "SubmitReport").get(0);
        // Tasklist's form shows a row per budget line, named.
        assertThat(grants.taskService.getVariableLocal(report.getId(), "spending")).asList().hasSize(2);
        String reportPath = "/engine-rest/task/" + report.getId() + "/complete";
        Map<String, Object> reportFields = new HashMap<>();
        reportFields.put("narrative", Map.of("value", "Half done", "type", "String"));
        reportFields.put("beneficiariesReached", Map.of("value", 20, "type", "Long"));
        reportFields.put("spending", objectValue(List.of(Map.of("item", "Materials", "spent", 100_000),
                Map.of("item", "Transport", "spent", "a lot"))));

        Api.Response badRow = grants.api.post("staff", reportPath, Map.of("variables", reportFields));
        assertThat(badRow.status()).as(badRow.raw()).isEqualTo(400);
        assertThat(badRow.json().path("errors").findValuesAsText("field")).containsExactly("spending[1].spent");
        assertThat(grants.tasks(id, "SubmitReport")).hasSize(1);

        reportFields.put("spending", json(List.of(Map.of("item", "Materials", "spent", 100_000),
                Map.of("item", "Transport", "spent", 90_000.5))));
        Api.Response done = grants.api.post("staff", reportPath, Map.of("variables", reportFields));
        assertThat(done.status()).as(done.raw()).isEqualTo(204);
        JsonNode funding = grants.api.get("staff", "/api/grants/applications/" + id + "/funding").json();
        assertThat(funding.path("reports").get(0).path("state").asText()).isEqualTo("SUBMITTED");
        assertThat(funding.path("reports").get(0).path("spending").get(1).decimalValue()).isEqualByComparingTo("90000.5");
    }

    /** Scored by both experts of the proposed panel. */
    private String scored(String competition, String title, long amount) {
        String id = grants.submit(competition, grants.application(title, amount));
        for (String expert : grants.admitWithProposedPanel(id)) {
            grants.review(expert, id, 9, 8);
        }
        assertThat(grants.state(id)).isEqualTo("SCORED");
        return id;
    }

    private static Map<String, Object> variables(String name, Map<String, Object> variable) {
        return Map.of("variables", Map.of(name, variable));
    }

    /** What Tasklist sends for a list no variable of the task held before: {@code Json}. */
    private static Map<String, Object> json(Object value) throws Exception {
        return Map.of("type", "Json", "value", JSON.writeValueAsString(value));
    }

    /** What Tasklist sends for a list the task was prefilled with: typed like that JSON object value. */
    private static Map<String, Object> objectValue(Object value) throws Exception {
        return Map.of("type", "Object", "value", JSON.writeValueAsString(value), "valueInfo",
                Map.of("serializationDataFormat", "application/json", "objectTypeName", "java.util.List"));
    }
}
