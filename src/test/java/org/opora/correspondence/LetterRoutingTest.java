package org.opora.correspondence;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.opora.support.Api;
import org.opora.support.OporaIntegrationTest;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.HttpMethod;

import com.fasterxml.jackson.databind.JsonNode;

/** Writing to the governor about a school is why letters arrive late: routing points to the right desk. */
@OporaIntegrationTest
class LetterRoutingTest {

    @Autowired
    Api api;

    String region;
    String governmentId;
    String departmentId;
    String cityId;

    @BeforeEach
    void aRegionWithAGovernmentAMinistryItsDepartmentAndACity() {
        region = "Region " + UUID.randomUUID();
        governmentId = body(null, "Government", "ADMINISTRATION", "REGIONAL", List.of("общие вопросы"));
        String ministry = body(governmentId, "Ministry of education", "MINISTRY", "REGIONAL", List.of("школы", "детские сады"));
        departmentId = body(ministry, "General education department", "DEPARTMENT", "REGIONAL", List.of("школы"));
        cityId = body(null, "City administration", "MUNICIPALITY", "MUNICIPAL", List.of("дворы", "муниципальные школы"));
    }

    @Test
    void aSchoolLetterGoesToTheEducationDepartmentNotTheGovernor() {
        JsonNode suggestion = routing("школы", governmentId);

        assertThat(suggestion.path("body").path("id").asText()).isEqualTo(departmentId);
        assertThat(suggestion.path("level").asText()).isEqualTo("REGIONAL");
        assertThat(suggestion.path("reason").asText()).contains("ministry of education's business").doesNotContain("''");
        assertThat(suggestion.path("warnings").get(0).asText()).contains("not the competent body", "General education department");
    }

    @Test
    void aRussianReaderGetsTheSuggestionAndItsWarningsInRussian() {
        Api.Response response = api.exchange("cso-a", HttpMethod.GET, "/api/letters/routing?topic=школы&region=" + region
                + "&bodyId=" + governmentId, null, Map.of("Accept-Language", "ru"));
        assertThat(response.json().path("reason").asText()).contains("образован");
        assertThat(response.json().path("warnings").get(0).asText()).contains("не ведает вопросом «школы»", "ст. 8 59-ФЗ",
                "General education department").doesNotContain("competent");
        Api.Response prisons = api.exchange("cso-a", HttpMethod.GET, "/api/letters/routing?topic=колония&region=" + region, null,
                Map.of("Accept-Language", "ru"));
        assertThat(prisons.json().path("warnings").get(0).asText()).contains("нет органа федерального уровня");
    }

    @Test
    void aYardIsTheMunicipalitysBusiness() {
        JsonNode suggestion = routing("Благоустройство двора", null);

        assertThat(suggestion.path("body").path("id").asText()).isEqualTo(cityId);
        assertThat(suggestion.path("kind").asText()).isEqualTo("MUNICIPALITY");
        assertThat(suggestion.path("warnings")).isEmpty();
    }

    @Test
    void writingToTheCompetentBodyGivesNoWarningAndAMissingBodyIsSaid() {
        assertThat(routing("школы", departmentId).path("warnings")).isEmpty();
        JsonNode prisons = routing("колония", null);
        assertThat(prisons.path("level").asText()).isEqualTo("FEDERAL");
        assertThat(prisons.path("warnings").get(0).asText()).contains("no federal body");
    }

    private JsonNode routing(String topic, String bodyId) {
        Api.Response response = api.get("cso-a", "/api/letters/routing?topic=" + topic + "&region=" + region
                + (bodyId == null ? "" : "&bodyId=" + bodyId));
        assertThat(response.status()).as(response.raw()).isEqualTo(200);
        return response.json();
    }

    private String body(String parentId, String name, String kind, String level, List<String> topics) {
        Map<String, Object> body = new HashMap<>();
        body.put("parentId", parentId);
        body.put("name", name + " " + region);
        body.put("kind", kind);
        body.put("level", level);
        body.put("region", region);
        body.put("topics", topics);
        return api.post("staff", "/api/public-bodies", body).json().path("id").asText();
    }
}
