package org.opora.system;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;

import org.junit.jupiter.api.Test;
import org.opora.support.Api;
import org.opora.support.OporaIntegrationTest;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.availability.AvailabilityChangeEvent;
import org.springframework.boot.availability.ReadinessState;
import org.springframework.context.ApplicationContext;
import org.springframework.http.HttpMethod;

/** Until the start-up work is done, Opora says so; the demo's time travel exists only in the demo. */
@OporaIntegrationTest
class StartupGateTest {

    @Autowired
    Api api;
    @Autowired
    ApplicationContext context;

    @Test
    void beforeTheApplicationIsReadyEveryPageButTheProbesAsksToWait() {
        assertThat(api.get(null, "/actuator/health/readiness").status()).isEqualTo(200);
        AvailabilityChangeEvent.publish(context, ReadinessState.REFUSING_TRAFFIC);
        try {
            Api.Response login = api.get(null, "/login");
            assertThat(login.status()).isEqualTo(503);
            assertThat(login.headers().getFirst("Retry-After")).isNotBlank();
            // In the reader's language: a page's (Russian unless chosen), the API's by Accept-Language.
            assertThat(api.exchange(null, HttpMethod.GET, "/login", null, Map.of("Accept-Language", "en")).json()
                    .path("detail").asText()).isEqualTo("Опора запускается; попробуйте через несколько секунд");
            assertThat(api.exchange("staff", HttpMethod.GET, "/api/me", null, Map.of("Accept-Language", "ru")).json()
                    .path("title").asText()).isEqualTo("Пока недоступно");
            assertThat(api.exchange("staff", HttpMethod.GET, "/api/me", null, Map.of("Accept-Language", "en")).json()
                    .path("detail").asText()).isEqualTo("Opora is starting; try again in a few seconds");
            assertThat(api.get("staff", "/api/me").status()).isEqualTo(503);
            assertThat(api.get(null, "/actuator/health/readiness").status()).isEqualTo(503);
            assertThat(api.get(null, "/actuator/health/liveness").status()).isEqualTo(200);
        } finally {
            AvailabilityChangeEvent.publish(context, ReadinessState.ACCEPTING_TRAFFIC);
        }
        assertThat(api.get(null, "/login").status()).isEqualTo(200);
    }

    @Test
    void thereIsNoTimeTravelOutsideTheDemo() {
        assertThat(api.post("admin", "/api/admin/demo/clock", Map.of("days", 30)).status()).isEqualTo(404);
    }
}
