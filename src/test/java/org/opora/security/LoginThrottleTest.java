package org.opora.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Date;
import java.util.Map;
import java.util.UUID;

import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.junit.jupiter.api.Test;
import org.opora.support.Api;
import org.opora.support.OporaIntegrationTest;
import org.opora.support.TestFixtures;
import org.opora.users.NotificationMode;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;

/**
 * Guessing passwords is throttled per account and per client address: 429 with Retry-After, even for
 * the right password, until the window has passed. Time moves with the engine clock, which the throttle
 * reads; each test starts a day ahead, so its failures never count against the other tests' logins.
 */
@OporaIntegrationTest
class LoginThrottleTest {

    @Autowired
    Api api;
    @Autowired
    TestFixtures fixtures;
    @Autowired
    LoginThrottle.Limits limits;

    @Test
    void anAccountIsRefusedAfterTooManyFailuresAndAcceptedAgainAfterTheWindow() {
        Instant start = moveClockTo(Instant.now().plus(Duration.ofDays(1)));
        String user = fixtures.newUser(Role.STAFF, "guessed", NotificationMode.NONE, null);

        for (int attempt = 0; attempt < limits.accountFailures(); attempt++) {
            assertThat(basic(user, "wrong-" + attempt).status()).isEqualTo(401);
        }
        Api.Response throttled = basic(user, TestFixtures.PASSWORD);
        assertThat(throttled.status()).isEqualTo(429);
        assertThat(throttled.json().path("type").asText()).isEqualTo("urn:opora:problem:too-many-requests");
        long retryAfter = Long.parseLong(throttled.headers().getFirst(HttpHeaders.RETRY_AFTER));
        assertThat(retryAfter).isPositive().isLessThanOrEqualTo(limits.window().toSeconds() + 1);
        // The engine's API and the webapps count the same failures.
        assertThat(api.get(user, "/engine-rest/task?maxResults=1").status()).isEqualTo(429);

        moveClockTo(start.plus(limits.window()).plusSeconds(retryAfter));
        assertThat(api.get(user, "/api/tasks").status()).isEqualTo(200);
    }

    @Test
    void oneClientAddressIsRefusedAfterTooManyFailuresWhateverTheAccount() {
        Instant start = moveClockTo(Instant.now().plus(Duration.ofDays(2)));
        for (int attempt = 0; attempt < limits.addressFailures(); attempt++) {
            assertThat(basic("nobody-" + UUID.randomUUID(), "wrong").status()).isEqualTo(401);
        }
        assertThat(api.get("staff", "/api/tasks").status()).isEqualTo(429);

        moveClockTo(start.plus(limits.window()).plusSeconds(1));
        assertThat(api.get("staff", "/api/tasks").status()).isEqualTo(200);
    }

    @Test
    void aThrottledFormLoginSaysSoOnTheLoginPage() {
        moveClockTo(Instant.now().plus(Duration.ofDays(3)));
        String user = fixtures.newUser(Role.STAFF, "formguess", NotificationMode.NONE, null);
        for (int attempt = 0; attempt < limits.accountFailures(); attempt++) {
            basic(user, "wrong-" + attempt);
        }
        Api.Response loginPage = api.get(null, "/login");
        String session = loginPage.cookies().stream().filter(cookie -> cookie.startsWith("JSESSIONID=")).findFirst()
                .orElseThrow().split(";")[0];
        String csrf = loginPage.raw().replaceAll("(?s).*name=\"_csrf\" value=\"([^\"]+)\".*", "$1");
        Api.Response login = api.exchange(null, HttpMethod.POST, "/login",
                "username=" + user + "&password=" + TestFixtures.PASSWORD + "&_csrf=" + csrf, Map.of(HttpHeaders.COOKIE, session));
        assertThat(login.headers().getLocation().toString()).endsWith("/login?throttled");
    }

    private Api.Response basic(String user, String password) {
        return api.exchange(null, HttpMethod.GET, "/api/tasks", null, Map.of(HttpHeaders.AUTHORIZATION,
                "Basic " + Base64.getEncoder().encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8))));
    }

    private static Instant moveClockTo(Instant instant) {
        ClockUtil.setCurrentTime(Date.from(instant));
        return instant;
    }
}
