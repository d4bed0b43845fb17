package org.opora.calendar;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.List;
import java.util.Map;

import org.camunda.bpm.engine.ManagementService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.runtime.Job;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.junit.jupiter.api.Test;
import org.opora.support.Api;
import org.opora.support.OporaIntegrationTest;
import org.springframework.beans.factory.annotation.Autowired;

import com.fasterxml.jackson.databind.JsonNode;

/** Deadlines on the shipped 2025-2027 calendars, through the API and in the engine's timers. */
@OporaIntegrationTest
class CalendarApiTest {

    @Autowired
    Api api;
    @Autowired
    RuntimeService runtimeService;
    @Autowired
    ManagementService managementService;

    @Test
    void aDeadlineInTheNewYearHolidaysMovesToTheFirstWorkingDay() {
        JsonNode deadline = deadline("from=2025-12-29&rule=registration");

        assertThat(deadline.path("due").asText()).isEqualTo("2026-01-12");
        assertThat(deadline.path("days").asInt()).isEqualTo(3);
        assertThat(deadline.path("legalSource").asText()).contains("59-ФЗ");
        assertThat(deadline.path("provisional").asBoolean()).isFalse();
        assertThat(deadline.path("explanation").toString()).contains("2026-01-09", "1466");
    }

    @Test
    void theDecreeOverridesTheDefaultRollOfAWeekendHoliday() {
        // 23 Feb 2025 was a Sunday, but its day off moved to 8 May: Monday 24 Feb was a working day.
        assertThat(deadline("from=2025-02-20&days=3&kind=calendar").path("due").asText()).isEqualTo("2025-02-24");
        assertThat(deadline("from=2025-03-05&days=3&kind=calendar").path("due").asText()).isEqualTo("2025-03-10");
        // Saturday 1 Nov 2025 was a working day.
        assertThat(deadline("from=2025-10-29&days=3&kind=calendar").path("due").asText()).isEqualTo("2025-11-01");
    }

    @Test
    void workingDaysSkipTheMayHolidays() {
        assertThat(deadline("from=2026-04-29&days=3&kind=working").path("due").asText()).isEqualTo("2026-05-05");
    }

    @Test
    void aDeadlineIn2027IsProvisionalUntilTheDecreeIsConfirmed() {
        JsonNode deadline = deadline("from=2026-12-15&rule=answer");
        assertThat(deadline.path("due").asText()).isEqualTo("2027-01-14");
        assertThat(deadline.path("provisional").asBoolean()).isTrue();
    }

    @Test
    void badParametersAreProblemsNamingTheField() {
        assertThat(firstField(api.get("cso-a", "/api/calendar/deadline?from=2026-01-01&rule=whenever"))).isEqualTo("rule");
        assertThat(firstField(api.get("cso-a", "/api/calendar/deadline?from=2026-01-01&days=3&kind=lunar"))).isEqualTo("kind");
        assertThat(firstField(api.get("cso-a", "/api/calendar/deadline?rule=answer"))).isEqualTo("from");
        assertThat(firstField(api.get("cso-a", "/api/calendar/deadline?from=yesterday&rule=answer"))).isEqualTo("from");
        assertThat(firstField(api.get("cso-a", "/api/calendar/deadline?from=2026-01-01&days=0"))).isEqualTo("days");
    }

    @Test
    void anAdministratorLoadsAYearAndDeadlinesFollowAtOnce() {
        // 2031: Saturday 15 Feb made a working day by a (made-up) decree.
        assertThat(deadline("from=2031-02-12&days=3&kind=calendar").path("due").asText()).isEqualTo("2031-02-17");
        Map<String, Object> year = Map.of("source", "Test decree", "provisional", false,
                "days", List.of(Map.of("day", "2031-02-15", "working", true, "note", "Working Saturday")));

        assertThat(api.put("staff", "/api/admin/calendar/years/2031", year).status()).isEqualTo(403);
        Api.Response saved = api.put("admin", "/api/admin/calendar/years/2031", year);

        assertThat(saved.status()).isEqualTo(200);
        assertThat(saved.json().path("exceptions").get(0).path("working").asBoolean()).isTrue();
        JsonNode deadline = deadline("from=2031-02-12&days=3&kind=calendar");
        assertThat(deadline.path("due").asText()).isEqualTo("2031-02-15");
        assertThat(deadline.path("provisional").asBoolean()).isFalse();

        Api.Response wrongYear = api.put("admin", "/api/admin/calendar/years/2031", Map.of("source", "x", "provisional", false,
                "days", List.of(Map.of("day", "2032-01-01", "working", false, "note", "x"))));
        assertThat(firstField(wrongYear)).isEqualTo("days[0].day");
    }

    @Test
    void anAdministratorAddsARegionalRuleWithoutARelease() {
        Map<String, Object> rule = Map.of("title", "Regional ombudsman's answer", "legalSource", "Regional law No. 1",
                "days", 10, "dayKind", "WORKING", "rollForward", true);
        assertThat(api.put("staff", "/api/admin/calendar/rules/regional-ombudsman", rule).status()).isEqualTo(403);
        assertThat(api.put("admin", "/api/admin/calendar/rules/regional-ombudsman", rule).status()).isEqualTo(200);

        JsonNode deadline = deadline("from=2026-04-29&rule=regional-ombudsman");
        // Ten working days after 29 April 2026 skip 1-3 May and 9-11 May: 15 May.
        assertThat(deadline.path("due").asText()).isEqualTo("2026-05-15");
        assertThat(deadline.path("legalSource").asText()).isEqualTo("Regional law No. 1");
        assertThat(firstField(api.put("admin", "/api/admin/calendar/rules/regional-ombudsman",
                Map.of("title", "x", "legalSource", "y", "days", 0, "dayKind", "WORKING", "rollForward", true)))).isEqualTo("days");
    }

    @Test
    void theEnginesTimerWaitsUntilTheSameDeadline() {
        ProcessInstance instance = runtimeService.startProcessInstanceByKey("deadline-check",
                Map.of("sentOn", "2025-12-29"));

        Job timer = managementService.createJobQuery().processInstanceId(instance.getId()).timers().singleResult();

        // Due on Monday 12 January 2026 (see above), so overdue from the start of 13 January, Moscow time.
        assertThat(timer.getDuedate().toInstant())
                .isEqualTo(ZonedDateTime.of(LocalDate.of(2026, 1, 13).atStartOfDay(), ZoneId.of("Europe/Moscow")).toInstant());
    }

    private JsonNode deadline(String query) {
        Api.Response response = api.get("cso-a", "/api/calendar/deadline?" + query);
        assertThat(response.status()).as(response.raw()).isEqualTo(200);
        return response.json();
    }

    private static String firstField(Api.Response response) {
        assertThat(response.status()).as(response.raw()).isEqualTo(400);
        return response.json().path("errors").get(0).path("field").asText();
    }
}
