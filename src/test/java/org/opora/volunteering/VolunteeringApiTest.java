package org.opora.volunteering;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDateTime;
import java.util.List;
import java.util.Map;

import org.camunda.bpm.engine.ManagementService;
import org.camunda.bpm.engine.TaskService;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.opora.mail.MailDispatcher;
import org.opora.support.Api;
import org.opora.support.OporaIntegrationTest;
import org.opora.support.TestSmtp;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.core.env.Environment;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.jdbc.core.simple.JdbcClient;

import com.icegreen.greenmail.junit5.GreenMailExtension;

/** The public sign-up, profiles behind links, and who may see what of volunteering. */
@OporaIntegrationTest
class VolunteeringApiTest {

    @RegisterExtension
    static GreenMailExtension smtp = TestSmtp.server();

    @Autowired
    Api api;
    @Autowired
    TaskService taskService;
    @Autowired
    ManagementService managementService;
    @Autowired
    MailDispatcher dispatcher;
    @Autowired
    JdbcClient jdbc;
    @Autowired
    Environment environment;

    VolunteeringTestSupport t;

    @BeforeEach
    void aMondayBeforeTheSaturday() {
        t = new VolunteeringTestSupport(api, taskService, managementService, dispatcher, jdbc, smtp);
        t.drain();
        VolunteeringTestSupport.setClock(LocalDateTime.of(2027, 3, 1, 10, 0));
    }

    @Test
    @ExtendWith(OutputCaptureExtension.class)
    void aSignUpIsMatchedOnlyOnceItsAddressIsConfirmedByLink(CapturedOutput log) {
        Api.Response form = api.get(null, "/volunteer/signup?lang=en");
        assertThat(form.status()).isEqualTo(200);
        assertThat(form.raw()).contains("Become a volunteer", "name=\"_csrf\"");
        assertThat(form.headers().getFirst("Referrer-Policy")).isEqualTo("no-referrer");
        assertThat(form.headers().getFirst(HttpHeaders.CACHE_CONTROL)).contains("no-store");
        String email = t.email("Sofia Signup");
        // Skills are the vocabulary's boxes (named) plus free tags, one a field; an empty field is no tag.
        assertThat(form.raw()).contains("value=\"first aid\"", ">first aid<", "value=\"it\"", ">computers and IT<");
        // The week is a box per day with optional hours; Saturday is week[5].
        Map<String, Object> fields = new java.util.HashMap<>(Map.of("name", "Sofia Signup", "email", email, "language", "en",
                "district", "Central", "city", "Moscow",
                "skills", List.of("first aid", " " + t.skill.toUpperCase() + " ", "", "sewing, knitting"),
                "maxPerMonth", "3", "consent", "true"));
        fields.putAll(Map.of("week[5].available", "true", "week[5].from", "09:00", "week[5].to", "15:00"));
        String encoded = "name=Sofia&email=" + java.net.URLEncoder.encode(email, java.nio.charset.StandardCharsets.UTF_8)
                + "&maxPerMonth=3&consent=true";
        assertThat(api.exchange(null, HttpMethod.POST, "/volunteer/signup", encoded, Map.of()).status())
                .as("no CSRF token").isEqualTo(403);
        VolunteeringTestSupport.Page page = new VolunteeringTestSupport.Page(200, form.raw(),
                form.cookies().stream().map(c -> c.split(";")[0]).reduce((a, b) -> a + "; " + b).orElse(""),
                csrf(form.raw()), form.headers());
        Api.Response missingConsent = t.post("/volunteer/signup", page, Map.of("name", "X", "email", t.email("X"),
                "maxPerMonth", "2"));
        assertThat(missingConsent.status()).isEqualTo(400);
        assertThat(missingConsent.raw()).contains("consent");
        // The page names the refused fields by their labels in the page's language, not by their codes.
        assertThat(missingConsent.raw()).contains("Please check: I agree that the resource centre processes")
                .doesNotContain("Please check: consent");

        Api.Response signedUp = t.post("/volunteer/signup", page, fields);

        assertThat(signedUp.status()).as(signedUp.raw()).isEqualTo(200);
        assertThat(signedUp.raw()).contains("Check your inbox");
        String requestId = t.request(1, Map.of());
        assertThat(matchedNames(requestId)).isEmpty();
        VolunteeringTestSupport.Mail confirm = t.mail(email, "Confirm your e-mail");
        String token = confirm.tokens().get(0);
        assertThat(t.open(token).html()).contains("Confirm your e-mail", email);
        assertThat(matchedNames(requestId)).as("the GET changed nothing").isEmpty();

        assertThat(t.confirm(token, Map.of("action", "confirm")).raw()).contains("Your e-mail is confirmed");

        assertThat(matchedNames(requestId)).hasSize(1);
        assertThat(jdbc.sql("SELECT skills FROM volunteer WHERE email = ?").param(email).query(String.class).single())
                .as("each field one tag, a comma part of it").isEqualTo("[\"first aid\",\"" + t.skill + "\",\"sewing, knitting\"]");
        assertThat(t.open(token).status()).isEqualTo(410);
        // Links are credentials: no log line carries one, and there is no access log to carry the URL.
        assertThat(log.getAll()).doesNotContain(token);
        assertThat(environment.getProperty("server.tomcat.accesslog.enabled", Boolean.class, false)).isFalse();
        // Signing up again with a known address tells the page nothing, and mails the profile link to its owner.
        assertThat(t.post("/volunteer/signup", page, fields).raw()).contains("Check your inbox");
        assertThat(t.mail(email, "Your volunteer profile").tokens()).hasSize(1);
    }

    @Test
    void aVolunteerUpdatesTheirProfileAndPausesThroughTheLinkInAnyEmail() {
        String requestId = t.request(1, Map.of());
        t.volunteer("Timur Profile", Map.of("skills", List.of("cooking")));
        String profile = t.mail(t.email("Timur Profile"), "Welcome to the volunteer pool").tokens().get(0);
        assertThat(matchedNames(requestId)).isEmpty();

        VolunteeringTestSupport.Page page = t.open(profile);
        assertThat(page.html()).contains("Timur Profile", ">cooking<").containsPattern("value=\"cooking\"\\s+checked");
        Map<String, Object> edited = new java.util.HashMap<>(Map.of("action", "save", "name", "Timur P.", "language", "en",
                "district", "Central", "city", "Moscow", "skills", List.of("cooking", t.skill, ""), "interests",
                List.of("elderly", "music"), "maxPerMonth", "2"));
        edited.putAll(Map.of("week[5].available", "true", "week[5].from", "08:00", "week[5].to", "16:00"));
        Api.Response saved = t.post("/v/" + profile, page, edited);
        assertThat(saved.raw()).contains("Your profile is up to date");
        assertThat(matchedNames(requestId)).hasSize(1);
        // The free tags come back in their own fields, the vocabulary's as ticked boxes.
        assertThat(t.open(profile).html()).contains("value=\"" + t.skill + "\"", "value=\"music\"")
                .containsPattern("value=\"elderly\"\\s+checked");

        assertThat(t.post("/v/" + profile, t.open(profile), Map.of("action", "pause")).raw()).contains("Paused");
        assertThat(matchedNames(requestId)).isEmpty();
        assertThat(t.post("/v/" + profile, t.open(profile), Map.of("action", "resume")).raw()).contains("Welcome back");
        assertThat(matchedNames(requestId)).hasSize(1);
    }

    @Test
    void membersSeeOnlyTheirOrganisationsRequestsAndStaffSeeThePool() {
        t.volunteer("Uliana Stats", Map.of("district", "Stats district " + t.skill));
        String requestId = t.request(2, Map.of());

        assertThat(api.get(null, "/api/volunteering/requests").status()).isEqualTo(401);
        assertThat(api.get(null, "/api/volunteering/statistics").status()).isEqualTo(401);
        assertThat(api.get("cso-b", "/api/volunteering/requests/" + requestId).status()).isEqualTo(404);
        assertThat(api.get("cso-b", "/api/volunteering/requests").raw()).doesNotContain(requestId);
        assertThat(api.get("cso-a", "/api/volunteering/requests").raw()).contains(requestId);
        assertThat(api.get("cso-a", "/api/volunteering/statistics").status()).isEqualTo(403);
        assertThat(api.get("cso-a", "/api/volunteering/requests/" + requestId + "/matches").status()).isEqualTo(403);
        assertThat(api.post("cso-a", "/api/volunteering/volunteers", Map.of("name", "Nobody", "email", "n@x.test",
                "language", "en", "maxPerMonth", 1)).status()).isEqualTo(403);
        assertThat(api.post("staff", "/api/volunteering/requests", Map.of()).status()).isEqualTo(400);
        Api.Response invalid = api.post("cso-a", "/api/volunteering/requests", Map.of("title", "x", "what", "x", "why", "x",
                "place", "x", "firstDate", "2027-03-06", "startTime", "14:00", "endTime", "10:00", "needed", 1,
                "contactName", "x", "contactEmail", "x@x.test"));
        assertThat(invalid.json().path("errors").get(0).path("field").asText()).isEqualTo("endTime");
        Api.Response past = api.post("cso-a", "/api/volunteering/requests", Map.of("title", "x", "what", "x", "why", "x",
                "place", "x", "firstDate", "2027-02-27", "startTime", "10:00", "endTime", "14:00", "needed", 1,
                "contactName", "x", "contactEmail", "x@x.test"));
        assertThat(past.json().path("errors").get(0).path("field").asText()).isEqualTo("firstDate");

        Api.Response statistics = api.get("staff", "/api/volunteering/statistics");
        assertThat(statistics.status()).isEqualTo(200);
        assertThat(statistics.json().path("activeByDistrict").toString()).contains("Stats district " + t.skill);
        assertThat(statistics.json().path("activeBySkill").toString()).contains(t.skill);
        Api.Response csv = api.get("staff", "/api/volunteering/hours.csv");
        assertThat(csv.status()).isEqualTo(200);
        assertThat(csv.raw()).startsWith("date,organisation,request,volunteer_id,volunteer,attended,hours");
        assertThat(api.get("staff", "/api/volunteering/requests?state=VETTING").raw()).contains(requestId);
    }

    @Test
    void aVolunteersWeekIsAListOfSlotsAndARefusalNamesTheSlotsFieldInTheReadersLanguage() {
        String id = t.volunteer("Vera Week", Map.of("availability", List.of(Map.of("day", "SAT", "from", "09:00", "to", "15:00"),
                Map.of("day", "SUN"), Map.of("day", "FRI", "from", "18:00", "to", "00:00"))));
        String column = jdbc.sql("SELECT availability FROM volunteer WHERE id = ?").param(java.util.UUID.fromString(id))
                .query(String.class).single();
        assertThat(column).as("stored as the JSON array it came as").isEqualTo("[{\"day\":\"SAT\",\"from\":\"09:00\",\"to\":\"15:00\"},"
                + "{\"day\":\"SUN\"},{\"day\":\"FRI\",\"from\":\"18:00\",\"to\":\"00:00\"}]");
        // The volunteer view answers with the list as sent: a day without hours is the whole day.
        Api.Response view = api.post("staff", "/api/volunteering/volunteers", Map.of("name", "Vera Twin", "email",
                t.email("Vera Twin"), "language", "en", "maxPerMonth", 2, "availability",
                List.of(Map.of("day", "WED", "from", "10:30", "to", "12:00"), Map.of("day", "THU"))));
        assertThat(view.status()).as(view.raw()).isEqualTo(201);
        assertThat(view.json().path("availability").get(0).path("day").asText()).isEqualTo("WED");
        assertThat(view.json().path("availability").get(0).path("from").asText()).isEqualTo("10:30");
        assertThat(view.json().path("availability").get(0).path("to").asText()).isEqualTo("12:00");
        assertThat(view.json().path("availability").get(1).path("day").asText()).isEqualTo("THU");
        assertThat(view.json().path("availability").get(1).hasNonNull("from")).as("no hours: the whole day").isFalse();

        assertRefused(List.of(Map.of("day", "SAT"), Map.of("day", "MON", "from", "14:00", "to", "10:00")), "availability[1].to",
                "должно быть позже from");
        assertRefused(List.of(Map.of("day", "MON", "from", "14:00")), "availability[0].to", "обязательно вместе с from");
        assertRefused(List.of(Map.of("day", "MON", "to", "14:00")), "availability[0].from", "обязательно вместе с to");
        assertRefused(List.of(Map.of("from", "10:00", "to", "14:00")), "availability[0].day", "не должно");
        assertRefused(List.of(Map.of("day", "SAT"), Map.of("day", "Saturday")), "availability[1].day", "неверный тип или формат");
        assertRefused(List.of(Map.of("day", "SAT", "from", "10", "to", "14:00")), "availability[0].from", "неверный тип или формат");
        assertThat(jdbc.sql("SELECT COUNT(*) FROM volunteer WHERE email = ?").param(t.email("Vera Refused")).query(Long.class)
                .single()).as("a refusal changes nothing").isZero();
    }

    private void assertRefused(List<Map<String, String>> availability, String field, String russian) {
        Api.Response refused = api.exchange("staff", HttpMethod.POST, "/api/volunteering/volunteers", Map.of("name", "Vera Refused",
                "email", t.email("Vera Refused"), "language", "ru", "maxPerMonth", 2, "availability", availability),
                Map.of("Accept-Language", "ru"));
        assertThat(refused.status()).as(refused.raw()).isEqualTo(400);
        assertThat(refused.headers().getContentType()).hasToString("application/problem+json");
        assertThat(refused.json().path("errors")).hasSize(1);
        assertThat(refused.json().path("errors").get(0).path("field").asText()).isEqualTo(field);
        assertThat(refused.json().path("errors").get(0).toString()).contains(russian);
    }

    private List<String> matchedNames(String requestId) {
        Api.Response response = api.get("staff", "/api/volunteering/requests/" + requestId + "/matches");
        assertThat(response.status()).as(response.raw()).isEqualTo(200);
        return response.json().findValuesAsText("volunteerId");
    }

    private static String csrf(String html) {
        java.util.regex.Matcher matcher = java.util.regex.Pattern.compile("name=\"_csrf\" value=\"([^\"]+)\"").matcher(html);
        return matcher.find() ? matcher.group(1) : null;
    }
}
