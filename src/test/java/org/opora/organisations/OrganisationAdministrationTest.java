package org.opora.organisations;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.camunda.bpm.engine.IdentityService;
import org.junit.jupiter.api.Test;
import org.opora.support.Api;
import org.opora.support.OporaIntegrationTest;
import org.springframework.beans.factory.annotation.Autowired;

/** An installation without demo data is set up through the API: centre, organisation, members. */
@OporaIntegrationTest
class OrganisationAdministrationTest {

    @Autowired
    Api api;
    @Autowired
    IdentityService identityService;

    @Test
    void anAdministratorRegistersACentreAnOrganisationAndItsMember() {
        Api.Response centre = api.post("admin", "/api/admin/centres", Map.of("name", "Centre " + UUID.randomUUID(),
                "region", "Тверская область"));
        assertThat(centre.status()).isEqualTo(201);
        String centreId = centre.json().path("id").asText();
        assertThat(api.get("admin", "/api/admin/centres").raw()).contains(centreId);

        Api.Response organisation = api.post("admin", "/api/admin/organisations", registered(centreId, "7707083893", "1027700132195"));
        assertThat(organisation.status()).isEqualTo(201);
        String organisationId = organisation.json().path("id").asText();
        String groupId = organisation.json().path("groupId").asText();
        assertThat(identityService.createGroupQuery().groupId(groupId).groupType(Organisation.GROUP_TYPE).count()).isEqualTo(1);

        String userId = "member-" + UUID.randomUUID().toString().substring(0, 8);
        Api.Response user = api.post("admin", "/api/admin/users", Map.of("id", userId, "password", "long enough secret",
                "firstName", "Вера", "lastName", "Членова", "email", userId + "@opora.test", "role", "CSO",
                "centreId", centreId, "organisationId", organisationId, "language", "ru"));
        assertThat(user.status()).as(user.raw()).isEqualTo(201);
        assertThat(user.raw()).doesNotContain("long enough secret");

        assertThat(identityService.checkPassword(userId, "long enough secret")).isTrue();
        assertThat(identityService.createUserQuery().memberOfGroup(groupId).userId(userId).count()).isEqualTo(1);
    }

    @Test
    void wrongRegistryNumbersAreRefusedNamingTheFields() {
        String centreId = api.post("admin", "/api/admin/centres", Map.of("name", "Centre " + UUID.randomUUID(),
                "region", "Test")).json().path("id").asText();

        Api.Response response = api.post("admin", "/api/admin/organisations", registered(centreId, "7707083894", "123"));

        assertThat(response.status()).isEqualTo(400);
        assertThat(fields(response)).containsExactlyInAnyOrder("inn", "ogrn");
        Map<String, Object> group = registered(centreId, "7707083893", null);
        group.put("kind", "INITIATIVE_GROUP");
        group.remove("ogrn");
        assertThat(fields(api.post("admin", "/api/admin/organisations", group))).containsExactly("inn");
    }

    @Test
    void aCsoMemberNeedsAnOrganisationOfTheirCentreAndOnlyAdministratorsCreateUsers() {
        String centreId = api.post("admin", "/api/admin/centres", Map.of("name", "Centre " + UUID.randomUUID(),
                "region", "Test")).json().path("id").asText();
        Map<String, Object> member = new HashMap<>(Map.of("id", "nobody-" + UUID.randomUUID().toString().substring(0, 8),
                "password", "long enough secret", "firstName", "N", "lastName", "N", "email", "n@opora.test",
                "role", "CSO", "centreId", centreId, "language", "en"));

        assertThat(fields(api.post("admin", "/api/admin/users", member))).containsExactly("organisationId");
        member.put("organisationId", UUID.randomUUID().toString());
        assertThat(fields(api.post("admin", "/api/admin/users", member))).containsExactly("organisationId");
        assertThat(api.post("staff", "/api/admin/users", member).status()).isEqualTo(403);
        assertThat(api.post("staff", "/api/admin/centres", Map.of("name", "x", "region", "y")).status()).isEqualTo(403);
    }

    private static Map<String, Object> registered(String centreId, String inn, String ogrn) {
        Map<String, Object> organisation = new HashMap<>();
        organisation.put("centreId", centreId);
        organisation.put("name", "АНО «Тест»");
        organisation.put("shortName", "Тест " + UUID.randomUUID().toString().substring(0, 6));
        organisation.put("kind", "REGISTERED");
        organisation.put("inn", inn);
        organisation.put("ogrn", ogrn);
        organisation.put("registeredOn", "2019-05-01");
        organisation.put("region", "Тверская область");
        return organisation;
    }

    private static List<String> fields(Api.Response response) {
        List<String> fields = new ArrayList<>();
        response.json().path("errors").forEach(error -> fields.add(error.path("field").asText()));
        return fields;
    }
}
