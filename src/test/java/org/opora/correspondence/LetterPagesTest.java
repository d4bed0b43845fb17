package org.opora.correspondence;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.Date;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;

import org.camunda.bpm.engine.HistoryService;
import org.camunda.bpm.engine.ManagementService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.camunda.bpm.engine.task.Task;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.opora.support.Api;
import org.opora.support.OporaIntegrationTest;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * The letters' pages beyond writing one: the list by urgency with the days left in the reader's
 * plural forms and the calendar feed, the drafted complaint edited and sent from the letter's page,
 * and the staff's page of how bodies answer. Events are recorded through the pages' own forms.
 */
@OporaIntegrationTest
class LetterPagesTest {

    private static final ZoneId MOSCOW = ZoneId.of("Europe/Moscow");

    @Autowired
    Api api;
    @Autowired
    TaskService taskService;
    @Autowired
    ManagementService managementService;
    @Autowired
    HistoryService historyService;

    String region;
    String ministryId;
    String departmentId;

    @BeforeEach
    void aDepartmentUnderAMinistry() {
        region = "Region " + UUID.randomUUID();
        ministryId = createBody(null, "Ministry " + UUID.randomUUID(), "MINISTRY");
        departmentId = createBody(ministryId, "Department " + UUID.randomUUID(), "DEPARTMENT");
    }

    @Test
    void theListPutsWhatWaitsOnTheBodyFirstAndCountsTheDaysLeftInRussianPlurals() {
        setClock(LocalDate.of(2026, 3, 2));
        String waiting = writeLetter("Awaiting " + UUID.randomUUID());
        String unsent = writeLetter("Unsent " + UUID.randomUUID());
        sendAndRegister(waiting, "2026-03-02", "Вх-42", "2026-03-05");
        // Registered on 5 March: the answer is due on Monday 6 April (30 days on the working-day calendar).
        assertThat(api.get("cso-a", "/letters/" + waiting).raw()).contains("id=\"answer-due\">6 апреля 2026");

        for (Object[] day : new Object[][] {{5, "осталось 1 день"}, {4, "осталось 2 дня"}, {1, "осталось 5 дней"}}) {
            setClock(LocalDate.of(2026, 4, (int) day[0]));
            String list = api.get("cso-a", "/letters").raw();
            String row = rowOf(list, waiting);
            assertThat(row).as("on %s April", day[0]).contains((String) day[1], "ждём ответа", "6 апреля 2026");
        }
        String list = api.get("cso-a", "/letters").raw();
        assertThat(list.indexOf(waiting)).as("awaiting an answer before what is still to send")
                .isLessThan(list.indexOf(unsent));
        assertThat(list).contains("id=\"ics-link\" href=\"/api/letters/calendar.ics\"", "Осталось дней");

        setClock(LocalDate.of(2026, 4, 8));
        String overdue = rowOf(api.get("cso-a", "/letters").raw(), waiting);
        assertThat(overdue).contains("table-danger", "просрочено на 2 дня");
        assertThat(api.get("cso-a", "/letters?lang=en").raw()).contains("2 days overdue", "Days left");
        // The feed the link gives: the answer due date as an all-day event.
        assertThat(api.get("cso-a", "/api/letters/calendar.ics").raw()).contains("UID:letter-" + waiting,
                "DTSTART;VALUE=DATE:20260406");
    }

    @Test
    void theDraftedComplaintIsReadEditedAndMadeALetterFromTheLetterPage() {
        setClock(LocalDate.of(2026, 3, 2));
        String letterId = writeLetter("Ramp " + UUID.randomUUID());
        sendAndRegister(letterId, "2026-03-02", "Вх-7", "2026-03-05");
        assertThat(api.get("cso-a", "/letters/" + letterId).raw()).doesNotContain("id=\"complaint\"");

        setClock(LocalDate.of(2026, 4, 7));
        managementService.executeJob(managementService.createJobQuery().processInstanceId(instanceOf(letterId)).timers()
                .activityId("AnswerOverdue").singleResult().getId());

        String page = api.get("cso-a", "/letters/" + letterId).raw();
        assertThat(page).contains("id=\"complaint\"", "<label class=\"form-label\" for=\"complaintText\">Текст жалобы</label>",
                "ЖАЛОБА", "Вх-7", "id=\"send-complaint\"");
        assertThat(api.get("staff", "/letters/" + letterId).raw()).as("staff read it, the organisation sends it")
                .contains("ЖАЛОБА").doesNotContain("id=\"send-complaint\"");
        assertThat(api.post("cso-b", "/letters/" + letterId + "/complaint", form(Map.of("complaintText", "x"))).status())
                .isEqualTo(404);

        // Too long a text is refused beside the field, with what was typed kept.
        String tooLong = "Очень длинная жалоба. ".repeat(1000);
        Api.Response refused = api.post("cso-a", "/letters/" + letterId + "/complaint", form(Map.of("complaintText", tooLong)));
        assertThat(refused.status()).isEqualTo(400);
        assertThat(refused.raw()).contains("id=\"error-complaintText\"", "Очень длинная жалоба. Очень длинная жалоба.");
        assertThat(task(letterId, "ReviewComplaint")).as("nothing was made").isNotNull();

        String edited = "В Министерство\nЖАЛОБА\nОтвет на обращение Вх-7 не получен. Просим принять меры.";
        Api.Response made = api.post("cso-a", "/letters/" + letterId + "/complaint", form(Map.of("complaintText", edited)));
        assertThat(made.status()).as(made.raw()).isEqualTo(302);
        String complaintPath = made.headers().getLocation().getPath();
        String complaintId = complaintPath.substring(complaintPath.lastIndexOf('/') + 1);
        var complaint = api.get("cso-a", "/api/letters/" + complaintId).json();
        assertThat(complaint.path("kind").asText()).isEqualTo("COMPLAINT");
        assertThat(complaint.path("bodyId").asText()).isEqualTo(ministryId);
        assertThat(complaint.path("parentLetterId").asText()).isEqualTo(letterId);
        assertThat(task(letterId, "ReviewComplaint")).as("the complaint task is done").isNull();
        assertThat(task(complaintId, "SendLetter")).as("its sending is recorded like any letter's").isNotNull();
        assertThat(api.get("cso-a", complaintPath).raw()).contains("Ответ на обращение Вх-7 не получен. Просим принять меры.");
        assertThat(api.get("cso-a", "/letters/" + letterId).raw()).contains("id=\"complaint-letter\" href=\"/letters/" + complaintId)
                .doesNotContain("id=\"send-complaint\"");
        assertThat(api.post("cso-a", "/letters/" + letterId + "/complaint", form(Map.of("complaintText", edited))).status())
                .as("one complaint per overdue answer").isEqualTo(409);
    }

    @Test
    void howBodiesAnswerIsAChartForStaffFromTheApisFigures() {
        Api.Response page = api.get("staff", "/letters/statistics");
        assertThat(page.status()).as(page.headers().getLocation() + " " + page.raw()).isEqualTo(200);
        assertThat(page.raw()).contains("<h1>Как органы отвечают</h1>", "data-source=\"/api/letters/statistics\"",
                "id=\"chart-on-time\" role=\"img\"", "/js/letter-statistics.js", "Доля в срок")
                .containsPattern("src=\"/webjars/echarts/[0-9.]+/dist/echarts.min.js\"|src=\"/webjars/echarts/dist/echarts.min.js\"")
                .doesNotContainPattern("<script(?![^>]*\\bsrc=)[^>]*>").doesNotContainPattern("\\sstyle=");
        assertThat(api.get("staff", "/letters/statistics?lang=en").raw()).contains("How public bodies answer", "Share on time");
        assertThat(api.get("staff", "/letters").raw()).contains("id=\"statistics-link\"", "id=\"registry-link\"");
        assertThat(api.get("cso-a", "/letters").raw()).doesNotContain("id=\"statistics-link\"");
        assertThat(api.get("cso-a", "/letters/statistics").status()).isEqualTo(403);
        assertThat(api.get("expert", "/letters/statistics").status()).isEqualTo(403);
        assertThat(api.get("staff", "/js/letter-statistics.js").status()).isEqualTo(200);
        assertThat(api.get(null, "/webjars/echarts/dist/echarts.min.js").status()).isEqualTo(200);
    }

    private void sendAndRegister(String letterId, String sentOn, String number, String registeredOn) {
        assertThat(api.post("cso-a", "/tasks/" + task(letterId, "SendLetter").getId(),
                form(Map.of("channel", "POST", "sentOn", sentOn))).status()).isEqualTo(302);
        setClock(LocalDate.parse(registeredOn));
        assertThat(api.post("cso-a", "/tasks/" + task(letterId, "RecordRegistration").getId(),
                form(Map.of("registrationNumber", number, "registeredOn", registeredOn))).status()).isEqualTo(302);
    }

    private String writeLetter(String subject) {
        Api.Response created = api.post("cso-a", "/letters", form(Map.of("bodyId", departmentId, "topic", "social support",
                "requestKind", "IN_KIND", "subject", subject, "action", "write")));
        assertThat(created.status()).as(created.raw()).isEqualTo(302);
        String path = created.headers().getLocation().getPath();
        return path.substring(path.lastIndexOf('/') + 1);
    }

    /** The table row of one letter in the list. */
    private static String rowOf(String list, String letterId) {
        int link = list.indexOf("/letters/" + letterId);
        assertThat(link).as("the letter is listed").isPositive();
        int start = list.lastIndexOf("<tr", link);
        return list.substring(start, list.indexOf("</tr>", link));
    }

    private Task task(String letterId, String key) {
        return taskService.createTaskQuery().processInstanceBusinessKey(letterId).taskDefinitionKey(key).singleResult();
    }

    private String instanceOf(String letterId) {
        return historyService.createHistoricProcessInstanceQuery().processInstanceBusinessKey(letterId).singleResult().getId();
    }

    private String createBody(String parentId, String name, String kind) {
        Map<String, Object> body = new HashMap<>();
        body.put("parentId", parentId);
        body.put("name", name);
        body.put("kind", kind);
        body.put("level", "REGIONAL");
        body.put("region", region);
        body.put("topics", List.of("social support"));
        return api.post("staff", "/api/public-bodies", body).json().path("id").asText();
    }

    /** Noon of a day in Moscow: the letters' clock and the engine's timers follow it. */
    private static void setClock(LocalDate day) {
        ClockUtil.setCurrentTime(Date.from(day.atTime(12, 0).atZone(MOSCOW).toInstant()));
    }

    private static String form(Map<String, String> fields) {
        return fields.entrySet().stream().map(e -> e.getKey() + "=" + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8))
                .collect(Collectors.joining("&"));
    }
}
