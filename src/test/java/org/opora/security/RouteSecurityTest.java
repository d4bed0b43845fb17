package org.opora.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;
import org.opora.support.Api;
import org.opora.support.OporaIntegrationTest;
import org.opora.support.TestFixtures;
import org.opora.users.NotificationMode;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.web.bind.annotation.RequestMethod;
import org.springframework.web.servlet.mvc.method.RequestMappingInfo;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerMapping;

/** Every route needs a login, except the few that must not. */
@OporaIntegrationTest
class RouteSecurityTest {

    /**
     * The only routes a stranger may reach: the login page, errors, the volunteer's sign-up and signed links (ADR 7),
     * and a centre's public page (ADR 22).
     */
    private static final Set<String> PUBLIC = Set.of("/login", "/error", "/volunteer/signup", "/v/{token}", "/public/{centreId}");

    @Autowired
    Api api;
    @Autowired
    TestFixtures fixtures;
    @Autowired
    @Qualifier("requestMappingHandlerMapping")
    RequestMappingHandlerMapping handlerMappings;

    @Test
    void noHandlerAnswersSuccessfullyWithoutALogin() {
        // Writes carry a valid CSRF token of an anonymous session, so that CSRF cannot be what turns them away.
        Map<String, String> anonymousSession = anonymousSessionWithCsrfToken();
        List<String> open = new ArrayList<>();
        int checked = 0;
        for (RequestMappingInfo info : handlerMappings.getHandlerMethods().keySet()) {
            Set<RequestMethod> methods = info.getMethodsCondition().getMethods();
            for (String pattern : info.getPatternValues()) {
                if (PUBLIC.contains(pattern)) {
                    continue;
                }
                String path = pattern.replaceAll("\\{[^}]+}", "00000000-0000-0000-0000-000000000000")
                        .replace("/**", "/anything");
                for (RequestMethod method : methods.isEmpty() ? Set.of(RequestMethod.GET) : methods) {
                    Api.Response response = api.exchange(null, HttpMethod.valueOf(method.name()), path, null,
                            method == RequestMethod.GET ? Map.of() : anonymousSession);
                    checked++;
                    // Turned away for want of a login, exactly: 401 for the API, the login page for pages.
                    boolean turnedAway = response.status() == 401
                            || (response.status() == 302 && String.valueOf(response.headers().getLocation()).endsWith("/login"));
                    if (!turnedAway) {
                        open.add(method + " " + path + " -> " + response.status());
                    }
                }
            }
        }
        assertThat(checked).isGreaterThan(10);
        assertThat(open).isEmpty();
    }

    /** Hostile bodies: broken, empty, of the wrong shape, deeply nested, with control characters, enormous numbers. */
    private static final List<String> MALFORMED = List.of("{", "", "[]", "null", "\"text\"", "{\"id\": {\"$gt\": 1}}",
            "[".repeat(5000) + "]".repeat(5000), "{\"name\": \"\u0000\\ud800\", \"amount\": 1e999999, \"days\": -99999999999}",
            "{\"decisions\": [{\"rank\": \"x\"}], \"entries\": {}, \"fields\": [1]}");

    @Test
    void noRouteAnswersAServerErrorToAMalformedBodyWhateverTheRole() {
        List<String> failing = new ArrayList<>();
        int sent = 0;
        for (String user : List.of("admin", "staff", "expert", "cso-a")) {
            for (RequestMappingInfo info : handlerMappings.getHandlerMethods().keySet()) {
                for (String pattern : info.getPatternValues()) {
                    if (!pattern.startsWith("/api/")) {
                        continue;
                    }
                    String path = pattern.replaceAll("\\{[^}]+}", "00000000-0000-0000-0000-000000000000");
                    for (RequestMethod method : info.getMethodsCondition().getMethods()) {
                        if (method == RequestMethod.GET || method == RequestMethod.DELETE) {
                            continue;
                        }
                        for (String body : MALFORMED) {
                            Api.Response response = api.exchange(user, HttpMethod.valueOf(method.name()), path, body,
                                    Map.of(HttpHeaders.CONTENT_TYPE, "application/json"));
                            sent++;
                            if (response.status() >= 500) {
                                failing.add(user + " " + method + " " + path + " " + body.substring(0, Math.min(40, body.length()))
                                        + " -> " + response.status() + " " + response.raw());
                            }
                        }
                    }
                }
            }
        }
        assertThat(sent).isGreaterThan(100);
        assertThat(failing).isEmpty();
    }

    /** The session cookie and CSRF header of a visitor who opened the login page. */
    private Map<String, String> anonymousSessionWithCsrfToken() {
        Api.Response loginPage = api.get(null, "/login");
        String session = loginPage.cookies().stream().filter(cookie -> cookie.startsWith("JSESSIONID="))
                .findFirst().orElseThrow().split(";")[0];
        Matcher token = Pattern.compile("name=\"_csrf\" value=\"([^\"]+)\"").matcher(loginPage.raw());
        assertThat(token.find()).isTrue();
        return Map.of(HttpHeaders.COOKIE, session, "X-CSRF-TOKEN", token.group(1));
    }

    @Test
    void theEngineWebappsActuatorAndApiDocsNeedALoginToo() {
        for (String path : List.of("/engine-rest/engine", "/engine-rest/task", "/engine-rest/process-definition",
                "/engine-rest/user", "/engine-rest/history/process-instance", "/camunda/api/engine/engine/default/task",
                "/camunda/api/admin/auth/user/default", "/camunda/app/tasklist/default/", "/camunda/app/cockpit/default/",
                "/camunda/app/admin/default/", "/v3/api-docs", "/swagger-ui.html", "/swagger-ui/index.html",
                "/actuator", "/actuator/env", "/actuator/beans", "/", "/api/tasks", "/api/admin/outbox")) {
            Api.Response response = api.get(null, path);
            assertThat(response.is2xx()).as("%s answered %s without a login", path, response.status()).isFalse();
        }
    }

    @Test
    void theApiAsksForALoginWithAProblemAndNoBrowserChallenge() {
        Api.Response response = api.get(null, "/api/tasks");

        assertThat(response.status()).isEqualTo(401);
        assertThat(response.json().path("type").asText()).isEqualTo("urn:opora:problem:unauthenticated");
        assertThat(response.headers().get("WWW-Authenticate")).isNull();
        assertThat(api.get(null, "/").status()).isEqualTo(302);
    }

    @Test
    void healthAndTheLoginPageAreOpen() {
        assertThat(api.get(null, "/actuator/health").status()).isEqualTo(200);
        assertThat(api.get(null, "/login").status()).isEqualTo(200);
    }

    @Test
    void onlyStaffAndAdministratorsReachTheEngineRestApi() {
        assertThat(api.get("cso-a", "/engine-rest/process-definition").status()).isEqualTo(403);
        assertThat(api.get("expert", "/engine-rest/process-definition").status()).isEqualTo(403);
        assertThat(api.get("staff", "/engine-rest/process-definition?maxResults=10").status()).isEqualTo(200);
        assertThat(api.get("admin", "/engine-rest/process-definition?maxResults=10").status()).isEqualTo(200);
    }

    @Test
    void administrationIsForAdministrators() {
        assertThat(api.get("staff", "/api/admin/outbox").status()).isEqualTo(403);
        assertThat(api.get("staff", "/api/admin/outbox").json().path("type").asText()).isEqualTo("urn:opora:problem:forbidden");
        assertThat(api.get("admin", "/api/admin/outbox").status()).isEqualTo(200);
    }

    @Test
    void wrongPasswordsAreRefusedAndTheAccountIsBrieflyLockedAgainstGuessing() {
        String attacker = fixtures.newUser(Role.STAFF, "guessed", NotificationMode.NONE, null);
        Api.Response wrong = api.exchange(null, HttpMethod.GET, "/api/tasks", null, Map.of("Authorization",
                "Basic " + java.util.Base64.getEncoder().encodeToString((attacker + ":wrong").getBytes())));
        assertThat(wrong.status()).isEqualTo(401);
        // The engine delays the next attempt after a failure, even with the right password.
        assertThat(api.get(attacker, "/api/tasks").status()).isEqualTo(401);
    }
}
