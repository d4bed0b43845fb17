package org.opora.correspondence;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.opora.support.Api;
import org.opora.support.OporaIntegrationTest;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;

import com.fasterxml.jackson.databind.JsonNode;

@OporaIntegrationTest
class PublicBodyRegistryTest {

    @Autowired
    Api api;
    @Autowired
    PublicBodyRegistry registry;

    @Test
    void aComplaintGoesToTheSuperiorBodyElseToTheFirstProsecutorsOfficeOfTheRegion() {
        String run = UUID.randomUUID().toString().substring(0, 8);
        String region = "Область " + run;
        String otherRegion = "Край " + run;
        String laterOffice = create(null, "Прокуратура Б " + run, "PROSECUTOR", region);
        String firstOffice = create(null, "Прокуратура А " + run, "PROSECUTOR", region);
        create(null, "Прокуратура 0 " + run, "PROSECUTOR", otherRegion);
        String ministry = create(null, "Министерство " + run, "MINISTRY", region);
        String department = create(ministry, "Департамент " + run, "DEPARTMENT", region);
        String administration = create(null, "Администрация " + run, "ADMINISTRATION", region);

        PublicBodyRegistry.Complained aboutDepartment = registry.complaintAddressee(UUID.fromString(department)).orElseThrow();
        assertThat(aboutDepartment.body().id()).hasToString(department);
        assertThat(aboutDepartment.addressee().orElseThrow().id()).hasToString(ministry);
        assertThat(registry.complaintAddressee(UUID.fromString(administration)).orElseThrow().addressee().orElseThrow().id())
                .as("the first by name of its own region").hasToString(firstOffice).isNotEqualTo(laterOffice);
        assertThat(registry.complaintAddressee(UUID.randomUUID())).isEmpty();
    }

    private String create(String parentId, String name, String kind, String region) {
        Map<String, Object> body = body(parentId, name, kind, List.of());
        body.put("region", region);
        Api.Response created = api.post("staff", "/api/public-bodies", body);
        assertThat(created.status()).as(created.raw()).isEqualTo(201);
        return created.json().path("id").asText();
    }

    @Test
    void staffKeepTheRegistryAndEveryoneSignedInReadsIt() {
        String run = UUID.randomUUID().toString().substring(0, 8);
        Api.Response ministry = api.post("staff", "/api/public-bodies", body(null, "Ministry " + run, "MINISTRY",
                List.of("schools", "kindergartens")));
        assertThat(ministry.status()).as(ministry.raw()).isEqualTo(201);
        String ministryId = ministry.json().path("id").asText();
        Api.Response department = api.post("staff", "/api/public-bodies", body(ministryId, "Schools department " + run,
                "DEPARTMENT", List.of("schools")));
        assertThat(department.status()).isEqualTo(201);

        JsonNode found = api.get("cso-a", "/api/public-bodies?text=" + run).json();
        assertThat(found).hasSize(2);
        JsonNode details = api.get("cso-a", "/api/public-bodies/" + ministryId).json();
        assertThat(details.path("children").get(0).path("name").asText()).isEqualTo("Schools department " + run);
        assertThat(details.path("body").path("topics").toString()).contains("kindergartens");

        assertThat(api.post("cso-a", "/api/public-bodies", body(null, "Intruder " + run, "OTHER", List.of())).status())
                .isEqualTo(403);
        assertThat(api.post("expert", "/api/public-bodies", body(null, "Intruder " + run, "OTHER", List.of())).status())
                .isEqualTo(403);
    }

    @Test
    void anOfficialWhoLeavesKeepsTheirHistory() {
        String bodyId = api.post("staff", "/api/public-bodies", body(null, "Administration " + UUID.randomUUID(),
                "ADMINISTRATION", List.of())).json().path("id").asText();
        String officialId = api.post("staff", "/api/public-bodies/" + bodyId + "/officials",
                Map.of("fullName", "Сидоров Пётр", "position", "Глава", "from", "2020-01-15")).json().path("id").asText();
        api.post("staff", "/api/public-bodies/" + bodyId + "/officials",
                Map.of("fullName", "Кузнецова Анна", "position", "Глава", "from", "2026-03-01"));

        Api.Response early = api.post("staff", "/api/public-bodies/officials/" + officialId + "/departure", Map.of("until", "2019-01-01"));
        assertThat(early.status()).isEqualTo(400);
        assertThat(early.json().path("errors").get(0).path("field").asText()).isEqualTo("until");
        assertThat(api.post("staff", "/api/public-bodies/officials/" + officialId + "/departure", Map.of("until", "2026-02-28"))
                .status()).isEqualTo(200);

        JsonNode officials = api.get("cso-a", "/api/public-bodies/" + bodyId).json().path("officials");
        assertThat(officials).hasSize(2);
        assertThat(officials.get(1).path("fullName").asText()).isEqualTo("Сидоров Пётр");
        assertThat(officials.get(1).path("heldUntil").asText()).isEqualTo("2026-02-28");
        assertThat(officials.get(0).has("heldUntil")).isFalse();
    }

    @Test
    void aCsvImportCreatesThenUpdatesBodiesMatchedByName() {
        String run = UUID.randomUUID().toString().substring(0, 8);
        String csv = "name,parent,kind,level,region,topics,budget_requests_until\n"
                + "\"Ministry of health " + run + "\",,ministry,regional,Тверская область,health; hospitals,08-01\n"
                + "\"Hospitals department " + run + "\",\"Ministry of health " + run + "\",department,regional,Тверская область,hospitals,\n";

        JsonNode first = importCsv(csv);
        assertThat(first.path("created").asInt()).isEqualTo(2);
        JsonNode second = importCsv(csv.replace("hospitals,08-01", "hospitals; clinics,09-01"));
        assertThat(second.path("created").asInt()).isZero();
        assertThat(second.path("updated").asInt()).isEqualTo(2);

        JsonNode ministry = api.get("staff", "/api/public-bodies?text=Ministry of health " + run).json().get(0);
        assertThat(ministry.path("topics").toString()).contains("clinics");
        assertThat(ministry.path("budgetRequestsUntil").asText()).isEqualTo("09-01");
    }

    @Test
    void aCsvWithFaultsChangesNothingAndNamesEveryFaultyCell() {
        String run = UUID.randomUUID().toString().substring(0, 8);
        String csv = "name,parent,kind,level\n"
                + "\"Good body " + run + "\",,ministry,regional\n"
                + "\"Bad kind " + run + "\",,castle,regional\n"
                + "\"Orphan " + run + "\",\"Nowhere " + run + "\",department,moon\n";

        Api.Response response = api.exchange("staff", HttpMethod.POST, "/api/public-bodies/import", csv,
                Map.of(HttpHeaders.CONTENT_TYPE, "text/csv"));

        assertThat(response.status()).isEqualTo(400);
        List<String> fields = new ArrayList<>();
        response.json().path("errors").forEach(error -> fields.add(error.path("field").asText()));
        assertThat(fields).containsExactlyInAnyOrder("rows[2].kind", "rows[3].parent", "rows[3].level");
        assertThat(api.get("staff", "/api/public-bodies?text=" + run).json()).isEmpty();
    }

    @Test
    void anUnreadableCsvIsABadRequestNamingTheLine() {
        String run = UUID.randomUUID().toString().substring(0, 8);
        Api.Response emptyHeader = api.exchange("staff", HttpMethod.POST, "/api/public-bodies/import", "garbage,,,\nx,y,z,w\n",
                Map.of(HttpHeaders.CONTENT_TYPE, "text/csv"));
        assertThat(emptyHeader.status()).as(emptyHeader.raw()).isEqualTo(400);
        assertThat(emptyHeader.json().path("errors").get(0).path("field").asText()).isEqualTo("csv");
        assertThat(emptyHeader.json().path("errors").get(0).path("message").asText()).contains("1");

        Api.Response openQuote = api.exchange("staff", HttpMethod.POST, "/api/public-bodies/import",
                "name,kind,level\n\"Good " + run + "\",ministry,regional\n\"Unterminated " + run + ",ministry,regional\n",
                Map.of(HttpHeaders.CONTENT_TYPE, "text/csv"));
        assertThat(openQuote.status()).as(openQuote.raw()).isEqualTo(400);
        assertThat(openQuote.json().path("errors").get(0).path("field").asText()).isEqualTo("csv");
        assertThat(openQuote.json().path("errors").get(0).path("message").asText()).contains("3");
        assertThat(api.get("staff", "/api/public-bodies?text=" + run).json()).isEmpty();
    }

    private JsonNode importCsv(String csv) {
        Api.Response response = api.exchange("staff", HttpMethod.POST, "/api/public-bodies/import", csv,
                Map.of(HttpHeaders.CONTENT_TYPE, "text/csv"));
        assertThat(response.status()).as(response.raw()).isEqualTo(200);
        return response.json();
    }

    private static Map<String, Object> body(String parentId, String name, String kind, List<String> topics) {
        Map<String, Object> body = new HashMap<>();
        body.put("parentId", parentId);
        body.put("name", name);
        body.put("kind", kind);
        body.put("level", "REGIONAL");
        body.put("region", "Тверская область");
        body.put("topics", topics);
        body.put("acceptsInPerson", true);
        return body;
    }
}
