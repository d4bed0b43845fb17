package org.opora.grants;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.opora.support.Api;
import org.opora.support.OporaIntegrationTest;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationContext;
import org.springframework.http.HttpMethod;

/**
 * Each field of an application is checked in one place: the same rule refuses a bad value from the API's
 * draft, the portal's draft page and the completion of "Submit the application", with the same sentence
 * in the reader's language and the field named as the API names it.
 */
@OporaIntegrationTest
class GrantFieldRulesTest {

    private static final String AMOUNT_RU = "больше 0, в рублях и копейках, не больше 9999999999999.99";
    private static final String AMOUNT_EN = "must be more than 0, in roubles and kopecks, at most 9999999999999.99";
    /** A page says a field's problem on its own, starting with a capital letter. */
    private static final String AMOUNT_RU_ON_PAGE = "Больше 0, в рублях и копейках, не больше 9999999999999.99";
    private static final String AMOUNT_EN_ON_PAGE = "Must be more than 0, in roubles and kopecks, at most 9999999999999.99";

    @Autowired
    ApplicationContext context;

    GrantScenario grants;
    String competition;

    @BeforeEach
    void aCompetitionTakingApplications() {
        grants = new GrantScenario(context);
        GrantScenario.setClock(LocalDate.of(2026, 3, 2));
        competition = grants.createCompetition(grants.competition(List.of(grants.expert("CSO", null)), Map.of()));
    }

    @Test
    void theApiRefusesABadAmountNamingTheFieldInTheReadersLanguage() {
        String id = grants.draft("cso-a", competition, grants.application("Foster family weekends", 400_000));
        Map<String, Object> body = grants.application("Foster family weekends", 400_000);
        body.put("requestedAmount", -5);
        body.put("budgetLines", List.of(Map.of("item", "Materials", "amount", 1000), Map.of("item", "Transport", "amount", 0)));

        Api.Response russian = grants.api.exchange("cso-a", HttpMethod.PUT, "/api/grants/applications/" + id, body,
                Map.of("Accept-Language", "ru"));
        assertThat(russian.status()).isEqualTo(400);
        assertThat(messages(russian.json())).containsEntry("requestedAmount", AMOUNT_RU)
                .containsEntry("budgetLines[1].amount", AMOUNT_RU).hasSize(2);

        Api.Response english = grants.api.put("cso-a", "/api/grants/applications/" + id, body);
        assertThat(messages(english.json())).containsEntry("requestedAmount", AMOUNT_EN);
        // Nothing was saved.
        assertThat(grants.application("cso-a", id).path("details").path("requestedAmount").asInt()).isEqualTo(400_000);
    }

    @Test
    void theDraftPageRefusesItBesideTheFieldWithTheInputKept() {
        String id = grants.draft("cso-a", competition, grants.application("Foster family weekends", 400_000));
        Map<String, String> fields = new LinkedHashMap<>();
        fields.put("projectTitle", "Foster family weekends");
        fields.put("requestedAmount", "-5");
        fields.put("lineItem", "Materials");
        fields.put("lineAmount", "1000");

        Api.Response refused = grants.api.post("cso-a", "/grants/applications/" + id + "/edit", form(fields));
        assertThat(refused.status()).isEqualTo(400);
        assertThat(refused.raw()).contains("id=\"error-requestedAmount\">" + AMOUNT_RU_ON_PAGE + "<", "value=\"-5\"",
                "value=\"Foster family weekends\"");

        Api.Response english = grants.api.post("cso-a", "/grants/applications/" + id + "/edit?lang=en", form(fields));
        assertThat(english.raw()).contains("id=\"error-requestedAmount\">" + AMOUNT_EN_ON_PAGE + "<");
        assertThat(grants.application("cso-a", id).path("details").path("requestedAmount").asInt()).isEqualTo(400_000);
    }

    @Test
    void completingTheTaskRefusesItByTheSameRule() {
        String id = grants.draft("cso-a", competition, grants.application("Foster family weekends", 400_000));
        Map<String, Object> fields = new HashMap<>();
        fields.put("projectTitle", "Foster family weekends");
        fields.put("summary", "Weekend workshops for children from foster families");
        fields.put("region", GrantScenario.TVER);
        fields.put("targetGroup", "Children from foster families");
        fields.put("beneficiaries", 40);
        fields.put("requestedAmount", 0);
        fields.put("durationMonths", 10);
        fields.put("budgetLines", List.of(Map.of("item", "Materials", "amount", 400000)));

        Api.Response refused = grants.tryComplete("cso-a", id, "SubmitApplication", fields);
        assertThat(refused.status()).as(refused.raw()).isEqualTo(400);
        assertThat(messages(refused.json())).containsEntry("requestedAmount", AMOUNT_EN);
        assertThat(grants.tasks(id, "SubmitApplication")).hasSize(1);
    }

    private static Map<String, String> messages(JsonNode problem) {
        Map<String, String> messages = new LinkedHashMap<>();
        problem.path("errors").forEach(error -> messages.put(error.path("field").asText(), error.path("message").asText()));
        return messages;
    }

    private static String form(Map<String, String> fields) {
        return fields.entrySet().stream().map(e -> e.getKey() + "=" + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8))
                .collect(Collectors.joining("&"));
    }
}
