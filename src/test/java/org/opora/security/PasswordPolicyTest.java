package org.opora.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import java.util.UUID;

import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.ProcessEngineException;
import org.camunda.bpm.engine.identity.User;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;
import org.opora.support.Api;
import org.opora.support.OporaIntegrationTest;
import org.opora.support.TestFixtures;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.HttpMethod;

/** One password policy, in the engine, wherever a password is set; the error says what it asks. */
@OporaIntegrationTest
class PasswordPolicyTest {

    @Autowired
    Api api;
    @Autowired
    TestFixtures fixtures;
    @Autowired
    IdentityService identityService;

    @ParameterizedTest
    @ValueSource(strings = {"aaaaaaaaaa", "1234567890", "password12", "qwertyuiop", "short1!", "iloveyou2024"})
    void weakPasswordsAreRefusedNamingTheFieldAndThePolicy(String weak) {
        String userId = "weak-" + UUID.randomUUID().toString().substring(0, 8);
        Api.Response response = api.post("admin", "/api/admin/users", newUser(userId, weak));

        assertThat(response.status()).as(response.raw()).isEqualTo(400);
        assertThat(response.json().path("errors").get(0).path("field").asText()).isEqualTo("password");
        assertThat(response.json().path("errors").get(0).path("message").asText())
                .contains("at least 10").contains("common or easily guessed");
        assertThat(identityService.createUserQuery().userId(userId).count()).isZero();
    }

    @Test
    void aPasswordThatIsHardToGuessIsAccepted() {
        String userId = "strong-" + UUID.randomUUID().toString().substring(0, 8);
        Api.Response response = api.post("admin", "/api/admin/users", newUser(userId, "river-Kolomna-teapot-41"));

        assertThat(response.status()).as(response.raw()).isEqualTo(201);
        assertThat(identityService.checkPassword(userId, "river-Kolomna-teapot-41")).isTrue();
    }

    @Test
    void theEngineHoldsToThePolicyForCamundaAdminAndItsApiToo() {
        User user = identityService.newUser("engine-" + UUID.randomUUID().toString().substring(0, 8));
        user.setPassword("password12");
        assertThatThrownBy(() -> identityService.saveUser(user)).isInstanceOf(ProcessEngineException.class)
                .hasMessageContaining("policy");

        String userId = "admin-app-" + UUID.randomUUID().toString().substring(0, 8);
        Api.WebappSession session = api.webappSession("admin");
        Api.Response created = api.exchange("admin", HttpMethod.POST, "/camunda/api/engine/engine/default/user/create",
                Map.of("profile", Map.of("id", userId, "firstName", "A", "lastName", "B", "email", userId + "@opora.test"),
                        "credentials", Map.of("password", "1234567890")), session.headers());
        assertThat(created.is2xx()).as(created.raw()).isFalse();
        assertThat(identityService.createUserQuery().userId(userId).count()).isZero();
        Api.Response policy = api.exchange("admin", HttpMethod.GET, "/camunda/api/engine/engine/default/identity/password-policy",
                null, session.headers());
        assertThat(policy.raw()).contains("PASSWORD_POLICY_LENGTH").contains("OPORA_PASSWORD_NOT_GUESSABLE");
    }

    private Map<String, Object> newUser(String userId, String password) {
        return Map.of("id", userId, "password", password, "firstName", "Иван", "lastName", "Иванов",
                "email", userId + "@opora.test", "role", "STAFF", "centreId", fixtures.centre().id().toString(), "language", "ru");
    }
}
