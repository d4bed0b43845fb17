package org.opora.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.ProcessEngineException;
import org.camunda.bpm.engine.RepositoryService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.variable.Variables;
import org.camunda.bpm.engine.variable.Variables.SerializationDataFormats;
import org.junit.jupiter.api.Test;
import org.opora.cases.CaseRecord;
import org.opora.support.Api;
import org.opora.support.OporaIntegrationTest;
import org.opora.support.TestFixtures;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;

/** The engine and the web layer run with the hardening settings on, and they take effect. */
@OporaIntegrationTest
class EngineHardeningTest {

    @Autowired
    ProcessEngineConfigurationImpl engine;
    @Autowired
    TaskService taskService;
    @Autowired
    RuntimeService runtimeService;
    @Autowired
    IdentityService identityService;
    @Autowired
    TestFixtures fixtures;
    @Autowired
    Api api;

    @Test
    void theEngineIsConfiguredHardened() {
        assertThat(engine.isAuthorizationEnabled()).isTrue();
        assertThat(engine.isEnableExpressionsInAdhocQueries()).isFalse();
        assertThat(engine.isEnableExpressionsInStoredQueries()).isFalse();
        assertThat(engine.isJavaSerializationFormatEnabled()).isFalse();
        assertThat(engine.isConfigureScriptEngineHostAccess()).isFalse();
        assertThat(engine.isEnableScriptEngineLoadExternalResources()).isFalse();
        assertThat(engine.isEnableXxeProcessing()).isFalse();
        assertThat(engine.getQueryMaxResultsLimit()).isEqualTo(2000);
    }

    @Test
    void smtpGivesUpLongBeforeTheEngineWouldConsiderAJobLost(
            @Autowired org.springframework.boot.autoconfigure.mail.MailProperties mail,
            @Autowired org.camunda.bpm.spring.boot.starter.property.CamundaBpmProperties camunda) {
        long lockTime = camunda.getJobExecution().getLockTimeInMillis();
        for (String timeout : List.of("mail.smtp.connectiontimeout", "mail.smtp.timeout", "mail.smtp.writetimeout")) {
            assertThat(Long.parseLong(mail.getProperties().get(timeout))).as(timeout).isPositive().isLessThan(lockTime / 10);
        }
    }

    @Test
    void anExpressionInAQueryIsRefused() {
        identityService.setAuthentication("staff", List.of(Role.STAFF.groupId()), List.of(fixtures.centre().tenantId()));
        try {
            assertThatThrownBy(() -> taskService.createTaskQuery().dueBeforeExpression("${now()}").list())
                    .isInstanceOf(ProcessEngineException.class);
        } finally {
            identityService.clearAuthentication();
        }
    }

    @Test
    void javaSerializedVariablesAreRefused() {
        CaseRecord record = fixtures.openCase(fixtures.organisationA(), "Serialization");
        // Serialized Java objects from outside are the classic deserialization attack.
        assertThatThrownBy(() -> runtimeService.setVariable(record.processInstanceId(), "payload",
                Variables.serializedObjectValue("rO0ABXQAAXg=").serializationDataFormat(SerializationDataFormats.JAVA)
                        .objectTypeName("java.lang.String").create()))
                .isInstanceOf(ProcessEngineException.class)
                .hasMessageContaining("serialization");
    }

    @Test
    void anUnboundedQueryThroughTheEngineApiIsRefused() {
        Api.Response unbounded = api.get("staff", "/engine-rest/task");
        assertThat(unbounded.status()).as(unbounded.raw()).isEqualTo(400);
        assertThat(api.get("staff", "/engine-rest/task?maxResults=2001").status()).isEqualTo(400);
        assertThat(api.get("staff", "/engine-rest/task?maxResults=10").status()).isEqualTo(200);
    }

    @Test
    void theAdminSetupPageIsClosed() {
        String body = "{\"profile\":{\"id\":\"intruder\"},\"credentials\":{\"password\":\"x\"}}";
        Map<String, String> json = Map.of(HttpHeaders.CONTENT_TYPE, "application/json");
        assertThat(api.exchange(null, HttpMethod.POST, "/camunda/api/admin/setup/default/user/create", body, json).is2xx()).isFalse();
        assertThat(api.exchange("admin", HttpMethod.POST, "/camunda/api/admin/setup/default/user/create", body, json).status())
                .isEqualTo(403);
        assertThat(identityService.createUserQuery().userId("intruder").count()).isZero();
    }

    @Test
    void onlyBasicCredentialsExcuseARequestFromTheCsrfToken() {
        Api.Response bearer = api.exchange(null, HttpMethod.POST, "/api/me/settings", null,
                Map.of(HttpHeaders.AUTHORIZATION, "Bearer anything"));
        assertThat(bearer.status()).isEqualTo(403);
    }

    @Test
    void theSessionCookieIsSecureHttpOnlyAndSameSite() {
        Api.Response loginPage = api.get(null, "/login");
        String sessionCookie = cookie(loginPage.cookies(), "JSESSIONID");
        Matcher csrf = Pattern.compile("name=\"_csrf\" value=\"([^\"]+)\"").matcher(loginPage.raw());
        assertThat(csrf.find()).as("the login form carries a CSRF token").isTrue();

        Api.Response login = api.exchange(null, HttpMethod.POST, "/login",
                "username=staff&password=" + TestFixtures.PASSWORD + "&_csrf=" + csrf.group(1),
                Map.of(HttpHeaders.COOKIE, sessionCookie.split(";")[0]));

        assertThat(login.status()).isEqualTo(302);
        assertThat(login.headers().getLocation().getPath()).isEqualTo("/");
        String session = cookie(login.cookies(), "JSESSIONID");
        assertThat(session).contains("Secure").contains("HttpOnly").contains("SameSite=Lax");

        // The same session opens Opora's start page and, through single sign-on, the webapps.
        Map<String, String> withSession = Map.of(HttpHeaders.COOKIE, session.split(";")[0]);
        assertThat(api.exchange(null, HttpMethod.GET, "/", null, withSession).raw()).contains("Tasklist");
        assertThat(api.exchange(null, HttpMethod.GET, "/camunda/app/tasklist/default/", null, withSession).status())
                .isEqualTo(200);
        Api.Response webappUser = api.exchange(null, HttpMethod.GET, "/camunda/api/admin/auth/user/default", null, withSession);
        assertThat(webappUser.status()).isEqualTo(200);
        assertThat(webappUser.json().path("userId").asText()).isEqualTo("staff");
    }

    @Test
    void aLoginWithoutCsrfTokenIsRefused() {
        Api.Response login = api.post(null, "/login", "username=staff&password=" + TestFixtures.PASSWORD);
        assertThat(login.status()).isEqualTo(403);
    }

    @Test
    void aModelWithAnExternalEntityIsRefusedAndReadsNothing(@Autowired RepositoryService repositoryService) {
        String xxe = """
                <?xml version="1.0" encoding="UTF-8"?>
                <!DOCTYPE definitions [ <!ENTITY secret SYSTEM "file:///etc/hostname"> ]>
                <bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL"
                    xmlns:camunda="http://camunda.org/schema/1.0/bpmn" id="Xxe" targetNamespace="urn:opora:test">
                  <bpmn:process id="XxeProbe" name="&secret;" isExecutable="true" camunda:historyTimeToLive="P1D">
                    <bpmn:startEvent id="Start" name="Start"/>
                  </bpmn:process>
                </bpmn:definitions>
                """;
        assertThatThrownBy(() -> repositoryService.createDeployment().name("xxe").addString("xxe.bpmn", xxe).deploy())
                .isInstanceOf(ProcessEngineException.class);
        assertThat(repositoryService.createProcessDefinitionQuery().processDefinitionKey("XxeProbe").count()).isZero();
    }

    @Test
    void aScriptInAModelCannotReachTheHost(@Autowired RepositoryService repositoryService) throws Exception {
        java.nio.file.Path marker = java.nio.file.Files.createTempFile("opora-script", ".txt");
        java.nio.file.Files.delete(marker);
        String script = """
                <?xml version="1.0" encoding="UTF-8"?>
                <bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL"
                    xmlns:camunda="http://camunda.org/schema/1.0/bpmn" id="Script" targetNamespace="urn:opora:test">
                  <bpmn:process id="ScriptProbe" name="Script probe" isExecutable="true" camunda:historyTimeToLive="P1D">
                    <bpmn:startEvent id="Start" name="Start"/>
                    <bpmn:sequenceFlow id="ToScript" sourceRef="Start" targetRef="Touch"/>
                    <bpmn:scriptTask id="Touch" name="Touch a file" scriptFormat="javascript">
                      <bpmn:script>java.nio.file.Files.createFile(java.nio.file.Path.of("%s"))</bpmn:script>
                    </bpmn:scriptTask>
                  </bpmn:process>
                </bpmn:definitions>
                """.formatted(marker);
        var deployment = repositoryService.createDeployment().name("script").addString("script.bpmn", script).deploy();
        try {
            assertThatThrownBy(() -> runtimeService.startProcessInstanceByKey("ScriptProbe"))
                    .isInstanceOf(ProcessEngineException.class);
            assertThat(marker).doesNotExist();
        } finally {
            repositoryService.deleteDeployment(deployment.getId(), true);
        }
    }

    @Test
    void oporasPagesAndApiSendAStrictContentSecurityPolicyAndKeepTheirAddressesToThemselves() {
        for (String path : List.of("/login", "/api/tasks")) {
            String policy = api.get(path.equals("/login") ? null : "staff", path).headers().getFirst("Content-Security-Policy");
            assertThat(policy).as(path).contains("default-src 'self'").contains("script-src 'self'")
                    .contains("frame-ancestors 'none'").doesNotContain("unsafe-inline").doesNotContain("unsafe-eval");
            assertThat(api.get(path.equals("/login") ? null : "staff", path).headers().getFirst("Referrer-Policy")).as(path)
                    .isEqualTo("same-origin");
        }
    }

    @Test
    void errorsOutsideTheApiAreProblemsToo() {
        Api.Response direct = api.get(null, "/error");
        assertThat(direct.status()).isEqualTo(404);
        assertThat(direct.headers().getContentType().toString()).startsWith("application/problem+json");
        assertThat(direct.json().path("type").asText()).isEqualTo("urn:opora:problem:not-found");

        Api.Response page = api.exchange(null, HttpMethod.GET, "/error", null, Map.of(HttpHeaders.ACCEPT, "text/html"));
        assertThat(page.status()).isEqualTo(404);

        // The webapp's CSRF filter refuses with sendError, which reaches /error.
        Api.Response forged = api.exchange("staff", HttpMethod.POST, "/camunda/api/admin/auth/user/default/logout", null, Map.of());
        assertThat(forged.status()).isEqualTo(403);
        assertThat(forged.json().path("type").asText()).isEqualTo("urn:opora:problem:forbidden");
    }

    @Test
    void aJavaSerializedVariableThroughTheEngineApiIsABadRequest() {
        CaseRecord record = fixtures.openCase(fixtures.organisationA(), "Serialized through REST");
        Api.Response response = api.put("staff", "/engine-rest/process-instance/" + record.processInstanceId() + "/variables/payload",
                Map.of("value", "rO0ABXQAAXg=", "type", "Object", "valueInfo", Map.of(
                        "serializationDataFormat", "application/x-java-serialized-object", "objectTypeName", "java.lang.String")));

        assertThat(response.status()).as(response.raw()).isEqualTo(400);
        assertThat(response.json().path("errors").get(0).path("field").asText()).isEqualTo("valueInfo.serializationDataFormat");
        assertThat(runtimeService.getVariables(record.processInstanceId())).doesNotContainKey("payload");
    }

    @Test
    void nobodyChecksPasswordsThroughTheEngineApiPastTheLoginThrottle() {
        Api.Response verify = api.post("admin", "/engine-rest/identity/verify", Map.of("username", "staff", "password", "x"));
        assertThat(verify.status()).isEqualTo(403);
    }

    @Test
    void theEngineNeverLocksAnAccountForGoodAndInstantiatesOnlyAllowedTypes() {
        // Opora's throttle limits guessing; a permanent engine lock would let anyone lock out anyone.
        assertThat(engine.getLoginMaxAttempts()).isGreaterThan(1_000_000);
        assertThat(engine.isDeserializationTypeValidationEnabled()).isTrue();
    }

    @Test
    void everyCookieOfTheWebappsCarriesSameSiteOnce() {
        Api.Response response = api.get("staff", "/camunda/api/admin/auth/user/default");
        assertThat(response.cookies()).isNotEmpty();
        for (String cookie : response.cookies()) {
            assertThat(cookie.split("SameSite=", -1)).as(cookie).hasSize(2);
            assertThat(cookie.split("Secure", -1)).as(cookie).hasSize(2);
        }
    }

    private static String cookie(List<String> cookies, String name) {
        return cookies.stream().filter(cookie -> cookie.startsWith(name + "=")).findFirst()
                .orElseThrow(() -> new AssertionError("no " + name + " cookie in " + cookies));
    }
}
