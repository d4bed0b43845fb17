package org.opora.volunteering;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.LocalDateTime;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import org.camunda.bpm.engine.ManagementService;
import org.camunda.bpm.engine.TaskService;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.opora.mail.MailDispatcher;
import org.opora.support.Api;
import org.opora.support.OporaIntegrationTest;
import org.opora.support.TestDocuments;
import org.opora.support.TestSmtp;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.jdbc.core.simple.JdbcClient;

import com.fasterxml.jackson.databind.JsonNode;
import com.icegreen.greenmail.junit5.GreenMailExtension;

/**
 * The volunteering pages of CSO members and staff: posting a request (errors beside the fields, the
 * input kept, the vetting state after), the request's page with the attendance form and documents,
 * the ranking with its explanations and the overview for staff; each page for its role only.
 */
@OporaIntegrationTest
class VolunteeringPagesTest {

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

    VolunteeringTestSupport t;

    @BeforeEach
    void aMondayBeforeTheSaturday() {
        t = new VolunteeringTestSupport(api, taskService, managementService, dispatcher, jdbc, smtp);
        t.drain();
        VolunteeringTestSupport.setClock(LocalDateTime.of(2027, 3, 1, 10, 0));
    }

    @Test
    void aMemberPostsARequestFromThePageWithErrorsBesideTheFieldsThenSeesItBeingVetted() {
        Api.PageSession browser = api.signIn("cso-a");
        Api.Response form = api.page(browser, "/volunteering/requests/new");
        assertThat(form.status()).isEqualTo(200);
        assertThat(form.raw()).contains("Найти волонтёров", "name=\"firstDate\"", "name=\"requiredSkills\"",
                "value=\"first aid\"", ">первая помощь<", ">юридическая помощь<").doesNotContain("через запятую");

        Map<String, Object> fields = new LinkedHashMap<>();
        fields.put("title", "");
        fields.put("what", "Разобрать продукты");
        fields.put("why", "Склад переполнен");
        fields.put("place", "ул. Ленина, 1");
        fields.put("district", "Центральный");
        fields.put("cause", "elderly");
        fields.put("firstDate", "2027-02-20");
        fields.put("startTime", "10:00");
        fields.put("endTime", "14:00");
        fields.put("needed", "3");
        // Ticked boxes of the vocabulary and free tags, one a field; an empty field is no tag.
        fields.put("requiredSkills", List.of("first aid", t.skill, ""));
        fields.put("niceSkills", List.of("driving", "шитьё, вязание"));
        fields.put("contactName", "Анна");
        fields.put("contactEmail", "anna@cso.test");
        Api.Response refused = submit(browser, "/volunteering/requests", form.raw(), fields);

        assertThat(refused.status()).isEqualTo(400);
        assertThat(refused.raw()).contains("Проверьте отмеченные поля", "id=\"error-title\"", "value=\"Центральный\"",
                "Склад переполнен", "value=\"" + t.skill + "\"", "value=\"шитьё, вязание\"")
                .containsPattern("value=\"first aid\"\\s+checked").containsPattern("value=\"driving\"\\s+checked");
        // The service's own check (a date in the past), beside its field too.
        fields.put("title", "Разбор продуктов " + t.skill);
        Api.Response past = submit(browser, "/volunteering/requests", refused.raw(), fields);
        assertThat(past.status()).isEqualTo(400);
        assertThat(past.raw()).contains("id=\"error-firstDate\"", "Дата уже прошла", "value=\"2027-02-20\"")
                .doesNotContain("id=\"error-title\"");
        assertThat(jdbc.sql("SELECT COUNT(*) FROM volunteer_request WHERE what = 'Разобрать продукты'").query(Long.class).single())
                .isZero();

        fields.put("firstDate", "2027-03-06");
        Api.Response posted = submit(browser, "/volunteering/requests", past.raw(), fields);

        assertThat(posted.status()).as(posted.raw()).isEqualTo(302);
        String location = posted.headers().getLocation().getPath();
        assertThat(location).startsWith("/volunteering/requests/");
        Api.Response page = api.page(browser, location + "?posted");
        assertThat(page.raw()).contains("Заявка отправлена", "на проверке в центре", "Разбор продуктов " + t.skill, "0 из 3",
                "первая помощь, " + t.skill, "вождение, шитьё, вязание", "пожилые люди");
        String id = location.substring(location.lastIndexOf('/') + 1);
        assertThat(t.view(id).path("state").asText()).isEqualTo("VETTING");
        assertThat(t.view(id).path("requiredSkills").toString()).isEqualTo("[\"first aid\",\"" + t.skill + "\"]");
        assertThat(t.view(id).path("niceSkills").toString()).isEqualTo("[\"driving\",\"шитьё, вязание\"]");
        assertThat(api.page(browser, "/volunteering").raw()).contains("Разбор продуктов " + t.skill);
    }

    @Test
    void aVolunteersWeekIsABoxPerDayWithOptionalHoursAndRefusedHoursAreShownBesideTheirDay() {
        Api.Response form = api.get(null, "/volunteer/signup");
        assertThat(form.raw()).contains("name=\"week[0].available\"", "name=\"week[6].to\"", "type=\"time\"", "по субботам")
                .doesNotContain("<textarea id=\"availability\"", "<script");
        VolunteeringTestSupport.Page page = new VolunteeringTestSupport.Page(200, form.raw(),
                form.cookies().stream().map(c -> c.split(";")[0]).collect(Collectors.joining("; ")), csrf(form.raw()), form.headers());
        String email = t.email("Vasilisa Week");
        Map<String, Object> fields = new LinkedHashMap<>(Map.of("name", "Василиса", "email", email, "language", "ru",
                "maxPerMonth", "2", "consent", "true"));
        for (int day = 0; day < 7; day++) {
            fields.put("week[" + day + "].from", "");
            fields.put("week[" + day + "].to", "");
        }
        fields.put("week[2].from", "10:00");
        fields.put("week[5].available", "true");
        fields.put("week[5].from", "14:00");
        fields.put("week[5].to", "10:00");
        fields.put("week[6].available", "true");

        Api.Response refused = t.post("/volunteer/signup", page, fields);

        assertThat(refused.status()).isEqualTo(400);
        assertThat(refused.raw()).contains("id=\"error-week-5\"", "Окончание должно быть позже начала",
                "id=\"error-week-2\"", "Отметьте день, чтобы указать часы", "value=\"14:00\"")
                .doesNotContain("id=\"error-week-6\"").containsPattern("name=\"week\\[6]\\.available\"\\s+value=\"true\"\\s+checked");
        assertThat(refused.raw()).as("what was typed comes back with the refusal")
                .contains("value=\"Василиса\"", "value=\"" + email + "\"")
                .containsPattern("name=\"consent\"\\s+value=\"true\"\\s+required\\s+checked");
        assertThat(jdbc.sql("SELECT COUNT(*) FROM volunteer WHERE email = ?").param(email).query(Long.class).single()).isZero();

        fields.put("week[2].from", "");
        fields.put("week[5].to", "18:30");
        Api.Response signedUp = t.post("/volunteer/signup", page, fields);

        assertThat(signedUp.status()).as(signedUp.raw()).isEqualTo(200);
        assertThat(jdbc.sql("SELECT availability FROM volunteer WHERE email = ?").param(email).query(String.class).single())
                .isEqualTo("[{\"day\":\"SAT\",\"from\":\"14:00\",\"to\":\"18:30\"},{\"day\":\"SUN\"}]");

        // The profile shows the week as kept and refuses bad hours beside the day, leaving the link unspent.
        String vlas = t.volunteer("Vlas Week", Map.of("availability", List.of(Map.of("day", "TUE", "from", "09:00", "to", "12:00"),
                Map.of("day", "TUE", "from", "15:00", "to", "17:00"))));
        String profile = t.mail(t.email("Vlas Week"), "Welcome to the volunteer pool").tokens().get(0);
        VolunteeringTestSupport.Page own = t.open(profile);
        assertThat(own.html()).containsPattern("name=\"week\\[1]\\.available\"\\s+value=\"true\"\\s+checked")
                .containsPattern("name=\"week\\[1]\\.from\"\\s+value=\"09:00\"")
                .doesNotContainPattern("name=\"week\\[0]\\.available\"\\s+value=\"true\"\\s+checked");
        Map<String, Object> edited = new LinkedHashMap<>(Map.of("action", "save", "name", "Vlas", "language", "en",
                "maxPerMonth", "2", "week[1].available", "true", "week[1].from", "09:00"));
        Api.Response bad = t.post("/v/" + profile, own, edited);
        assertThat(bad.status()).isEqualTo(400);
        assertThat(bad.raw()).contains("id=\"error-week-1\"", "Give the hour you are free until too");
        // A day saved as shown keeps the slot the page cannot show (a second one of the day, given through the API).
        edited.put("week[1].to", "12:00");
        edited.put("week[4].available", "true");
        assertThat(t.post("/v/" + profile, t.open(profile), edited).raw()).contains("Your profile is up to date");
        assertThat(availability(vlas)).isEqualTo("[{\"day\":\"TUE\",\"from\":\"09:00\",\"to\":\"12:00\"},"
                + "{\"day\":\"TUE\",\"from\":\"15:00\",\"to\":\"17:00\"},{\"day\":\"FRI\"}]");
        edited.put("week[1].to", "13:00");
        assertThat(t.post("/v/" + profile, t.open(profile), edited).raw()).contains("Your profile is up to date");
        assertThat(availability(vlas)).isEqualTo("[{\"day\":\"TUE\",\"from\":\"09:00\",\"to\":\"13:00\"},{\"day\":\"FRI\"}]");
        assertThat(t.open(profile).html()).containsPattern("name=\"week\\[1]\\.to\"\\s+value=\"13:00\"");
    }

    private String availability(String volunteerId) {
        return jdbc.sql("SELECT availability FROM volunteer WHERE id = ?").param(java.util.UUID.fromString(volunteerId))
                .query(String.class).single();
    }

    private static String csrf(String html) {
        java.util.regex.Matcher matcher = java.util.regex.Pattern.compile("name=\"_csrf\" value=\"([^\"]+)\"").matcher(html);
        return matcher.find() ? matcher.group(1) : null;
    }

    @Test
    void eachPageRendersForItsRoleAndRefusesTheOthers() {
        String requestId = t.request(1, Map.of());
        String request = "/volunteering/requests/" + requestId;

        assertThat(api.get("cso-a", "/volunteering/requests/new").status()).isEqualTo(200);
        assertThat(api.get("staff", "/volunteering/requests/new").status()).isEqualTo(403);
        assertThat(api.get("expert", "/volunteering/requests/new").status()).isEqualTo(403);

        assertThat(api.get("cso-a", request).raw()).contains("Visit lonely pensioners", "id=\"documents\"");
        assertThat(api.get("staff", request).raw()).contains("Visit lonely pensioners", "/ranking");
        Api.Response foreign = api.get("cso-b", request);
        assertThat(foreign.status()).isEqualTo(404);
        assertThat(foreign.headers().getContentType().toString()).startsWith("text/html");
        assertThat(foreign.raw()).doesNotContain("Visit lonely pensioners");
        assertThat(api.get("expert", request).status()).isEqualTo(403);

        assertThat(api.get("staff", request + "/ranking").status()).isEqualTo(200);
        assertThat(api.get("cso-a", request + "/ranking").status()).isEqualTo(403);
        assertThat(api.get("cso-b", request + "/ranking").status()).isEqualTo(404);

        assertThat(api.get("staff", "/volunteering/overview").raw()).contains("data-source=\"/api/volunteering/statistics\"",
                "/js/volunteering.js", "/api/volunteering/statistics/by-district.csv");
        assertThat(api.get("cso-a", "/volunteering/overview").status()).isEqualTo(403);
        assertThat(api.get("expert", "/volunteering").status()).isEqualTo(403);
        assertThat(api.get(null, "/volunteering/overview").status()).isIn(302, 401);
    }

    @Test
    void staffSeeTheRankingWithItsExplanationsInTheirLanguageAndExportEachList() {
        String vera = t.volunteer("Vera Ranked", Map.of());
        String requestId = t.request(1, Map.of("niceSkills", List.of("first aid")));
        String ranking = "/volunteering/requests/" + requestId + "/ranking";

        // A vocabulary skill by its name in the reader's language, a free tag as typed.
        Api.Response russian = api.get("staff", ranking);
        assertThat(russian.raw()).contains("Vera Ranked", "Подходящие волонтёры", "умеет: " + t.skill, "также умеет: первая помощь",
                "живёт в том же районе");
        Api.Response english = api.get("staff", ranking + "?lang=en");
        assertThat(english.raw()).contains("Vera Ranked", "Ranked candidates", "also has first aid", "lives in the same district");

        Api.Response csv = api.get("staff", "/api/volunteering/requests/" + requestId + "/matches.csv");
        assertThat(csv.status()).isEqualTo(200);
        assertThat(csv.headers().getContentType().toString()).startsWith("text/csv");
        assertThat(csv.raw()).startsWith("rank,volunteer_id,volunteer,district,score,explanation").contains(vera, "Vera Ranked");
        for (String list : new String[] {"by-status", "by-district", "by-skill", "hours-by-organisation"}) {
            Api.Response export = api.get("staff", "/api/volunteering/statistics/" + list + ".csv");
            assertThat(export.status()).as(list).isEqualTo(200);
            assertThat(export.headers().getFirst(HttpHeaders.CONTENT_DISPOSITION)).contains(".csv");
            assertThat(api.get("cso-a", "/api/volunteering/statistics/" + list + ".csv").status()).isEqualTo(403);
        }
        assertThat(api.get("staff", "/api/volunteering/statistics/by-district.csv").raw()).contains("Central");
        // The overview's skills: the code, and the name in the reader's language (a free tag as typed).
        assertThat(api.exchange("staff", HttpMethod.GET, "/api/volunteering/statistics/by-skill.csv", null,
                Map.of("Accept-Language", "ru")).raw())
                .startsWith("skill,skill_name,active_volunteers").contains("first aid,первая помощь,", t.skill + "," + t.skill + ",");
        JsonNode bySkill = api.exchange("staff", HttpMethod.GET, "/api/volunteering/statistics", null,
                Map.of("Accept-Language", "en")).json().path("activeBySkill");
        assertThat(bySkill.findValues("name").stream().map(JsonNode::asText).toList()).contains("first aid", t.skill);
        assertThat(api.get("staff", "/api/volunteering/statistics/nothing.csv").status()).isEqualTo(404);
        assertThat(api.get("cso-a", "/api/volunteering/requests/" + requestId + "/matches.csv").status()).isEqualTo(403);
        assertThat(api.get("cso-b", "/api/volunteering/requests/" + requestId + "/matches.csv").status()).isEqualTo(404);
    }

    @Test
    void theMemberRecordsEachVolunteersHoursFromTheRequestsPageAndAddsAPhoto() {
        String nina = t.volunteer("Nina Page", Map.of());
        String requestId = t.request(1, Map.of());
        t.approve(requestId);
        t.confirm(t.mail(t.email("Nina Page"), "Could you help?").tokens().get(0), Map.of("action", "accept",
                "offer", t.offerId(requestId, nina)));
        String request = "/volunteering/requests/" + requestId;
        assertThat(api.get("cso-a", request).raw()).contains("Nina Page").doesNotContain("name=\"hours-" + nina + "\"");

        t.fire(requestId, VolunteeringDelegates.DAY_BEFORE);
        t.fire(requestId, VolunteeringDelegates.DATE_OVER);
        Api.PageSession browser = api.signIn("cso-a");
        Api.Response page = api.page(browser, request);
        assertThat(page.raw()).contains("name=\"hours-" + nina + "\"", "Записать участие");

        Api.Response wrong = submit(browser, request + "/attendance", page.raw(), Map.of("hours-" + nina, "много"));
        assertThat(wrong.status()).isEqualTo(400);
        assertThat(wrong.raw()).contains("id=\"error-hours-" + nina + "\"", "value=\"много\"");
        Api.PageSession other = api.signIn("cso-b");
        assertThat(submit(other, request + "/attendance", api.page(other, "/volunteering").raw(), Map.of("hours-" + nina, "3"))
                .status()).isEqualTo(404);

        Api.Response recorded = submit(browser, request + "/attendance", page.raw(), Map.of("hours-" + nina, "3,5"));
        assertThat(recorded.status()).as(recorded.raw()).isEqualTo(302);
        t.runJobs(requestId);
        assertThat(t.view(requestId).path("hours").decimalValue()).isEqualByComparingTo("3.5");
        assertThat(api.page(browser, request + "?attendanceRecorded").raw()).contains("Участие записано", "3.5");

        Api.Response photo = api.upload("cso-a", "/cases/" + requestId + "/documents", "фото.png", TestDocuments.png(),
                Map.of("kind", "photo", "back", request));
        assertThat(photo.status()).isEqualTo(302);
        assertThat(photo.headers().getLocation().toString()).contains(request + "?documentAdded=");
        assertThat(api.get("cso-a", request).raw()).contains("фото.png", "фото");
        assertThat(api.get("cso-b", "/api/cases/" + requestId + "/documents").status()).isEqualTo(404);
    }

    /** Submits a page's form in the session as a browser does, with the page's CSRF token. */
    /** A field whose value is a list is sent once per item, as ticked boxes and repeated fields are. */
    private Api.Response submit(Api.PageSession browser, String path, String page, Map<String, ?> fields) {
        Map<String, Object> form = new LinkedHashMap<>(fields);
        form.put("_csrf", Api.csrfToken(page));
        String body = form.entrySet().stream()
                .flatMap(entry -> (entry.getValue() instanceof List<?> items ? items.stream() : java.util.stream.Stream.of(entry.getValue()))
                        .map(value -> entry.getKey() + "=" + URLEncoder.encode(String.valueOf(value), StandardCharsets.UTF_8)))
                .collect(Collectors.joining("&"));
        return api.exchange(null, HttpMethod.POST, path, body, Map.of(HttpHeaders.COOKIE, browser.cookie()));
    }
}
