package org.opora.correspondence;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.opora.support.Api;
import org.opora.support.OporaIntegrationTest;
import org.springframework.beans.factory.annotation.Autowired;

import com.fasterxml.jackson.databind.JsonNode;

/** Before writing, a CSO learns when the answer can come by law, and whether that is too late. */
@OporaIntegrationTest
class LetterTimingTest {

    @Autowired
    Api api;

    @Test
    void aLateRequestForMoneyByPostIsWarnedTwice() {
        String ministry = ministryWithBudgetCycle("08-01");

        JsonNode advice = timing(ministry, "requestKind=MONEY&channel=POST&sendOn=2026-11-23&neededBy=2026-12-01");

        assertThat(advice.path("arrivesBy").asText()).isEqualTo("2026-11-30");
        assertThat(advice.path("registrationDue").asText()).isEqualTo("2026-12-03");
        // 30 days from 3 December end on Saturday 2 January 2027, in the New Year holidays: Monday 11 January.
        assertThat(advice.path("answerDue").asText()).isEqualTo("2027-01-11");
        assertThat(advice.path("tooLate").asBoolean()).isTrue();
        assertThat(advice.path("provisional").asBoolean()).as("2027 awaits its decree").isTrue();
        assertThat(advice.path("warnings").toString()).contains("2027-01-11", "budget");
        assertThat(advice.path("suggestions").toString()).contains("meeting", "in kind", "official site");
    }

    @Test
    void anEarlyOnlineRequestGetsNoWarning() {
        String ministry = ministryWithBudgetCycle("08-01");

        JsonNode advice = timing(ministry, "requestKind=INFORMATION&channel=ONLINE&sendOn=2026-03-02&neededBy=2026-06-01");

        assertThat(advice.path("answerDue").asText()).isEqualTo("2026-04-06");
        assertThat(advice.path("tooLate").asBoolean()).isFalse();
        assertThat(advice.path("warnings")).isEmpty();
        assertThat(advice.path("provisional").asBoolean()).isFalse();
    }

    @Test
    void anUnknownRequestKindIsAProblemNamingIt() {
        Api.Response response = api.get("cso-a", "/api/public-bodies/" + ministryWithBudgetCycle(null)
                + "/letter-timing?requestKind=BRIBE");
        assertThat(response.status()).isEqualTo(400);
        assertThat(response.json().path("errors").get(0).path("field").asText()).isEqualTo("requestKind");
    }

    private JsonNode timing(String bodyId, String query) {
        Api.Response response = api.get("cso-a", "/api/public-bodies/" + bodyId + "/letter-timing?" + query);
        assertThat(response.status()).as(response.raw()).isEqualTo(200);
        return response.json();
    }

    private String ministryWithBudgetCycle(String budgetRequestsUntil) {
        Map<String, Object> body = new HashMap<>();
        body.put("name", "Ministry " + UUID.randomUUID());
        body.put("kind", "MINISTRY");
        body.put("level", "REGIONAL");
        body.put("topics", List.of("social support"));
        body.put("budgetRequestsUntil", budgetRequestsUntil);
        return api.post("staff", "/api/public-bodies", body).json().path("id").asText();
    }
}
