package org.opora.volunteering;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.camunda.bpm.engine.ManagementService;
import org.camunda.bpm.engine.TaskService;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.opora.mail.MailDispatcher;
import org.opora.security.Role;
import org.opora.support.Api;
import org.opora.support.LatinWords;
import org.opora.support.OporaIntegrationTest;
import org.opora.support.OutboxMail;
import org.opora.support.TestFixtures;
import org.opora.support.TestSmtp;
import org.opora.users.NotificationMode;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.HttpMethod;
import org.springframework.jdbc.core.simple.JdbcClient;

import com.fasterxml.jackson.databind.JsonNode;
import com.icegreen.greenmail.junit5.GreenMailExtension;

/**
 * A Russian-language CSO member's request, a Russian-language volunteer's offer, acceptance,
 * reminder and thanks, and the member's attendance task: every e-mail, page, task name, state and
 * explanation they meet is Russian (what they typed is data).
 */
@OporaIntegrationTest
class VolunteerRussianReaderTest {

    @RegisterExtension
    static GreenMailExtension smtp = TestSmtp.server();

    @Autowired
    Api api;
    @Autowired
    OutboxMail outboxMail;
    @Autowired
    TestFixtures fixtures;
    @Autowired
    TaskService taskService;
    @Autowired
    ManagementService managementService;
    @Autowired
    MailDispatcher dispatcher;
    @Autowired
    JdbcClient jdbc;

    VolunteeringTestSupport t;
    String member;
    final List<String> data = new ArrayList<>(List.of("Test organisation A", "Test CSO A", "Test resource centre",
            "Test region", "Test", "opora.test", "volunteers.test", "cso.test"));

    @BeforeEach
    void aRussianMemberOnAMonday() {
        t = new VolunteeringTestSupport(api, taskService, managementService, dispatcher, jdbc, smtp);
        t.drain();
        VolunteeringTestSupport.setClock(LocalDateTime.of(2027, 3, 1, 10, 0));
        member = fixtures.newUser(Role.CSO, "ru-member", NotificationMode.IMMEDIATE, fixtures.organisationA());
        fixtures.setMode(member, NotificationMode.IMMEDIATE, "ru");
        data.addAll(List.of(member, "ru-member", t.skill));
    }

    @Test
    void aRequestFromOfferToThanksSpeaksRussian() {
        String volunteer = t.volunteer("Нина Пришла", Map.of("email", t.email("Nina Came"), "language", "ru", "skills",
                List.of(t.skill, "first aid"), "district", "Центральный", "city", "Москва"));
        Map<String, Object> body = new HashMap<>(Map.of("title", "Навестить пенсионеров " + t.skill, "what", "Привезти продукты",
                "why", "Они не выходят из дома", "place", "ул. Ленина, 1", "district", "Центральный", "city", "Москва",
                "firstDate", "2027-03-06", "startTime", "10:00", "endTime", "14:00", "needed", 1));
        body.put("cause", "elderly");
        body.put("requiredSkills", List.of(t.skill));
        body.put("niceSkills", List.of("first aid"));
        body.put("contactName", "Анна Контактова");
        body.put("contactEmail", "contact." + t.skill + "@cso.test");
        Api.Response posted = api.exchange(member, HttpMethod.POST, "/api/volunteering/requests", body, Map.of("Accept-Language", "ru"));
        assertThat(posted.status()).as(posted.raw()).isEqualTo(201);
        String requestId = posted.json().path("id").asText();
        // Staff's ranking while they vet, with why each candidate.
        JsonNode matches = api.exchange("staff", HttpMethod.GET, "/api/volunteering/requests/" + requestId + "/matches", null,
                Map.of("Accept-Language", "ru")).json();
        assertThat(matches).isNotEmpty();
        matches.findValues("explanation").forEach(explanation -> explanation.forEach(line -> russian(line.asText())));
        assertThat(matches.findValues("explanation").toString()).contains("также умеет: первая помощь");
        t.approve(requestId);


        // Read from the outbox as rendered (GreenMail's copy of a Russian body is base64).
        List<String> offerLinks = volunteerMails().stream().map(mail -> new VolunteeringTestSupport.Mail(mail[0], mail[1]).tokens())
                .filter(tokens -> tokens.size() == 3).findFirst().orElseThrow();
        VolunteeringTestSupport.Page offer = t.open(offerLinks.get(0));
        assertThat(offer.status()).isEqualTo(200);
        russian(offer.html());
        Api.Response accepted = t.post("/v/" + offerLinks.get(0), offer, Map.of("action", "accept",
                "offer", t.offerId(requestId, volunteer)));
        assertThat(accepted.status()).as(accepted.raw()).isEqualTo(200);
        russian(accepted.raw());
        VolunteeringTestSupport.Page replay = t.open(offerLinks.get(0));
        assertThat(replay.status()).isEqualTo(410);
        russian(replay.html());

        t.fire(requestId, VolunteeringDelegates.DAY_BEFORE);
        t.fire(requestId, VolunteeringDelegates.DATE_OVER);
        JsonNode tasks = api.exchange(member, HttpMethod.GET, "/api/tasks?caseId=" + requestId, null,
                Map.of("Accept-Language", "ru")).json();
        List<String> names = new ArrayList<>();
        tasks.path("items").forEach(item -> names.add(item.path("name").asText()));
        assertThat(names).containsExactly("Подтвердить участие и часы");
        Api.Response recorded = api.exchange(member, HttpMethod.POST, "/api/volunteering/requests/" + requestId + "/attendance",
                Map.of("entries", List.of(Map.of("volunteerId", volunteer, "hours", 4)), "close", true), Map.of("Accept-Language", "ru"));
        assertThat(recorded.status()).as(recorded.raw()).isEqualTo(200);
        t.runJobs(requestId);

        JsonNode view = api.exchange(member, HttpMethod.GET, "/api/volunteering/requests/" + requestId, null,
                Map.of("Accept-Language", "ru")).json();
        russian(view.path("stateName").asText());
        JsonNode caseView = api.exchange(member, HttpMethod.GET, "/api/cases/" + requestId, null, Map.of("Accept-Language", "ru")).json();
        caseView.path("timeline").forEach(entry -> {
            if ("process".equals(entry.path("source").asText())) {
                russian(entry.path("title").asText());
            }
        });
        // Opora's own events too: a code and a sentence in the reader's language (ADR 0025).
        Map<String, String> events = new java.util.LinkedHashMap<>();
        caseView.path("timeline").forEach(entry -> {
            if ("case".equals(entry.path("source").asText())) {
                events.putIfAbsent(entry.path("kind").asText(), entry.path("title").asText());
            }
        });
        assertThat(events).containsKeys("opened", "request-approve", "offers-sent", "offer-accepted", "attendance-recorded",
                "request-closed", "task-completed");
        assertThat(events.get("offer-accepted")).isEqualTo("Волонтёр принял предложение; занято мест: 1 из 1");
        assertThat(events.get("attendance-recorded")).isEqualTo("Учтены участие и часы за 06.03.2027");
        events.values().forEach(this::russian);

        t.drain();
        List<String[]> volunteerMails = volunteerMails();
        assertThat(volunteerMails).hasSizeGreaterThanOrEqualTo(4); // offer, confirmation, reminder, thanks
        for (String[] mail : volunteerMails) {
            russian(mail[0]);
            russian(mail[1]);
        }
        for (OutboxMail.Mail mail : outboxMail.to(member + "@opora.test", "contact." + t.skill + "@cso.test")) {
            if (mail.body().contains(t.skill)) {
                russian(mail.subject());
                russian(mail.body());
            }
        }
    }

    @Test
    void theSignUpAndProfilePagesNameEveryTagInRussian() {
        Api.Response signUpPage = api.get(null, "/volunteer/signup");
        String signUp = signUpPage.raw();
        assertThat(signUp).contains("первая помощь", "компьютеры и ИТ", "пожилые люди").doesNotContain("через запятую");
        // The week: a box per day with its hours, named in Russian, no syntax to learn (no "SAT 10:00-14:00").
        assertThat(signUp).contains("Когда вы обычно свободны", "по понедельникам", "по воскресеньям", "type=\"time\"")
                .doesNotContain("SAT 10:00");
        russian(fieldsets(signUp));
        // Refused hours are said beside their day in Russian too.
        VolunteeringTestSupport.Page page = new VolunteeringTestSupport.Page(200, signUp, signUpPage.cookies().stream()
                .map(c -> c.split(";")[0]).reduce((a, b) -> a + "; " + b).orElse(""), csrf(signUp), signUpPage.headers());
        Api.Response refused = t.post("/volunteer/signup", page, Map.of("name", "Олег", "email", t.email("Oleg Refused"),
                "maxPerMonth", "2", "consent", "true", "week[0].available", "true", "week[0].from", "18:00", "week[0].to", "09:00",
                "week[3].to", "12:00"));
        assertThat(refused.status()).isEqualTo(400);
        assertThat(refused.raw()).contains("id=\"error-week-0\"", "id=\"error-week-3\"");
        russian(fieldsets(refused.raw()));
        russian(refused.raw().replaceAll("(?s).*<p class=\"error\"[^>]*>(.*?)</p>.*", "$1"));
        t.volunteer("Олег Профиль", Map.of("email", t.email("Oleg Profile"), "language", "ru", "skills",
                List.of("first aid", "sign language", t.skill), "interests", List.of("elderly", "музыка")));
        List<String> links = outboxMail.to(t.email("Oleg Profile")).stream()
                .map(mail -> new VolunteeringTestSupport.Mail("", mail.body()).tokens())
                .filter(tokens -> !tokens.isEmpty()).findFirst().orElseThrow();
        String profile = t.open(links.get(links.size() - 1)).html();
        assertThat(profile).contains("Олег Профиль", "жестовый язык", "value=\"" + t.skill + "\"", "value=\"музыка\"")
                .containsPattern("value=\"sign language\"\\s+checked");
        russian(fieldsets(profile));
    }

    private static String csrf(String html) {
        java.util.regex.Matcher matcher = java.util.regex.Pattern.compile("name=\"_csrf\" value=\"([^\"]+)\"").matcher(html);
        return matcher.find() ? matcher.group(1) : null;
    }

    /** The tag boxes and fields of a page, without the rest of the form. */
    private static String fieldsets(String html) {
        StringBuilder sets = new StringBuilder();
        java.util.regex.Matcher set = java.util.regex.Pattern.compile("(?s)<fieldset.*?</fieldset>").matcher(html);
        while (set.find()) {
            sets.append(set.group()).append('\n');
        }
        assertThat(sets).as("the skills' and the causes' boxes").isNotEmpty();
        return sets.toString();
    }

    private List<String[]> volunteerMails() {
        return outboxMail.to(t.email("Nina Came")).stream().map(mail -> new String[] {mail.subject(), mail.body()}).toList();
    }

    private void russian(String text) {
        List<String> all = new ArrayList<>(data);
        all.add(t.email("Nina Came"));
        assertThat(LatinWords.in(text, all)).as("Latin words in: %s", text).isEmpty();
    }

    /** H2 answers column labels in upper case, PostgreSQL in lower case. */
    private static Object value(Map<String, Object> row, String column) {
        return row.containsKey(column) ? row.get(column) : row.get(column.toUpperCase());
    }
}
