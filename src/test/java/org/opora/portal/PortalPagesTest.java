package org.opora.portal;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;

import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.task.Task;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.opora.support.Api;
import org.opora.support.OporaIntegrationTest;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;

/**
 * The portal's pages over HTTP, as each role gets them: what renders for whom, what is refused,
 * and a refused form that comes back with the error beside the field and the input kept.
 * (Form posts carry HTTP Basic, which needs no CSRF token; the browser journeys use the session and the token.)
 */
@OporaIntegrationTest
class PortalPagesTest {

    @Autowired
    Api api;
    @Autowired
    TaskService taskService;

    String bodyId;

    @BeforeEach
    void aBodyOfTheRegistry() {
        Map<String, Object> body = new HashMap<>();
        body.put("name", "Department " + UUID.randomUUID());
        body.put("kind", "DEPARTMENT");
        body.put("level", "REGIONAL");
        body.put("region", "Region " + UUID.randomUUID());
        body.put("topics", List.of("social support"));
        bodyId = api.post("staff", "/api/public-bodies", body).json().path("id").asText();
    }

    @Test
    void everyPageIsInRussianUntilEnglishIsChosenAndRemembered() {
        Api.Response home = api.get("cso-a", "/");
        assertThat(home.status()).isEqualTo(200);
        assertThat(home.raw()).contains("<html lang=\"ru\"", "Что от нас нужно и к какому сроку", "Мои задачи");

        Api.Response english = api.get("cso-a", "/tasks?lang=en");
        assertThat(english.raw()).contains("<html lang=\"en\"", "My tasks");
        String cookie = english.cookies().stream().filter(c -> c.startsWith("opora-lang=")).findFirst().orElseThrow();
        assertThat(cookie).startsWith("opora-lang=en");

        Api.Response remembered = api.exchange("cso-a", HttpMethod.GET, "/letters", null,
                Map.of(HttpHeaders.COOKIE, cookie.substring(0, cookie.indexOf(';'))));
        assertThat(remembered.raw()).contains("<html lang=\"en\"", "Letters");
        // A language Opora does not speak changes nothing.
        assertThat(api.get("cso-a", "/?lang=de").raw()).contains("<html lang=\"ru\"");
    }

    @Test
    void theTaskPageRendersForEveryRole() {
        for (String user : List.of("cso-a", "staff", "expert", "admin")) {
            Api.Response tasks = api.get(user, "/tasks");
            assertThat(tasks.status()).as(user).isEqualTo(200);
            assertThat(tasks.raw()).as(user).contains("<h1>Мои задачи</h1>");
        }
    }

    @Test
    void lettersAreForOrganisationsAndStaffOnly() {
        assertThat(api.get("cso-a", "/letters").status()).isEqualTo(200);
        assertThat(api.get("staff", "/letters").status()).isEqualTo(200);
        assertThat(api.get("cso-a", "/letters/new").status()).isEqualTo(200);

        Api.Response expert = api.get("expert", "/letters");
        assertThat(expert.status()).isEqualTo(403);
        assertThat(expert.headers().getContentType().toString()).startsWith("text/html");
        assertThat(expert.raw()).contains("Нет доступа");
        assertThat(api.get("staff", "/letters/new").status()).as("staff do not write an organisation's letters").isEqualTo(403);
        assertThat(api.get(null, "/letters").status()).isEqualTo(302);
    }

    @Test
    void todayCountsTheQueuesOfStaffAndIsTheirsAlone() {
        int before = count(api.get("staff", "/today").raw(), "VetRequest");
        Map<String, Object> request = new HashMap<>(Map.of("title", "Groceries for pensioners", "what", "Bring groceries",
                "why", "They live alone", "place", "Tver", "firstDate", LocalDate.now().plusDays(60).toString(),
                "startTime", "10:00", "endTime", "14:00", "needed", 1, "contactName", "Anna", "contactEmail", "anna@opora.test"));
        Api.Response posted = api.post("cso-a", "/api/volunteering/requests", request);
        assertThat(posted.status()).as(posted.raw()).isEqualTo(201);

        Api.Response today = api.get("staff", "/today");
        assertThat(today.status()).isEqualTo(200);
        assertThat(count(today.raw(), "VetRequest")).isEqualTo(before + 1);
        assertThat(today.raw()).contains("Запросы волонтёров на проверку", "id=\"count-overdue-letters\"");
        assertThat(api.get("cso-a", "/today").status()).isEqualTo(403);
        // The organisation sees its request with the vetting state; another organisation does not.
        String requestId = posted.json().path("id").asText();
        Api.Response requests = api.get("cso-a", "/volunteering");
        assertThat(requests.status()).isEqualTo(200);
        assertThat(requests.raw()).contains("Groceries for pensioners", "на проверке в центре", "0 из 1");
        assertThat(api.get("cso-b", "/volunteering").raw()).doesNotContain(requestId).doesNotContain("Groceries for pensioners");
        assertThat(api.get("staff", "/volunteering").raw()).contains("Groceries for pensioners");
        assertThat(api.get("expert", "/volunteering").status()).isEqualTo(403);
        assertThat(api.get("expert", "/today").status()).isEqualTo(403);
    }

    private static int count(String html, String queue) {
        java.util.regex.Matcher matcher = java.util.regex.Pattern.compile("id=\"count-" + queue + "\">(\\d+)<").matcher(html);
        assertThat(matcher.find()).as(queue).isTrue();
        return Integer.parseInt(matcher.group(1));
    }

    @Test
    void aRefusedLetterComesBackWithTheErrorBesideTheFieldAndTheInputKept() {
        Api.Response refused = api.post("cso-a", "/letters", form(Map.of("bodyId", bodyId, "topic", "social support",
                "requestKind", "IN_KIND", "subject", "", "text", "Уважаемые коллеги, просим помочь.", "action", "write")));

        assertThat(refused.status()).isEqualTo(400);
        assertThat(refused.raw()).contains("id=\"error-subject\"", "Не должно быть пустым", "Уважаемые коллеги, просим помочь.",
                "value=\"social support\"");
        assertThat(refused.raw()).containsPattern("<option value=\"" + bodyId + "\"[^>]*selected");
    }

    @Test
    void theNewLetterPageWarnsBeforeTheLetterIsWritten() {
        String soon = LocalDate.now().plusDays(3).toString();
        Api.Response advice = api.get("cso-a", "/letters/advice?bodyId=" + bodyId + "&topic=social+support&requestKind=ANSWER"
                + "&neededBy=" + soon);
        assertThat(advice.status()).isEqualTo(200);
        assertThat(advice.raw()).contains("id=\"lead-time-warning\"", "Поздно: ответ вероятен лишь к");
        assertThat(advice.raw()).doesNotContain("<html");
    }

    @Test
    void aLetterOfAnotherOrganisationIsNotFound() {
        String letterId = writeLetter();
        assertThat(api.get("cso-a", "/letters/" + letterId).status()).isEqualTo(200);

        Api.Response other = api.get("cso-b", "/letters/" + letterId);
        assertThat(other.status()).isEqualTo(404);
        assertThat(other.raw()).contains("Не найдено").doesNotContain(letterId);
        assertThat(api.get("cso-b", "/letters/not-an-id").status()).isEqualTo(404);
        String taskId = task(letterId, "SendLetter").getId();
        assertThat(api.get("cso-b", "/tasks/" + taskId).status()).isEqualTo(404);
        assertThat(api.post("cso-b", "/tasks/" + taskId, form(Map.of("channel", "POST", "sentOn", "2026-03-02"))).status())
                .isEqualTo(404);
    }

    @Test
    void aTaskIsCompletedThroughItsFormAndARefusalShowsBesideTheField() {
        String letterId = writeLetter();
        String taskId = task(letterId, "SendLetter").getId();

        Api.Response page = api.get("cso-a", "/tasks/" + taskId);
        assertThat(page.status()).isEqualTo(200);
        assertThat(page.raw()).contains("Отправить письмо", "<label class=\"form-label\" for=\"channel\">Как отправлено *</label>",
                "type=\"date\"");

        Api.Response refused = api.post("cso-a", "/tasks/" + taskId, form(Map.of("channel", "", "sentOn", "2026-03-02",
                "tracking", "RPO 123")));
        assertThat(refused.status()).isEqualTo(400);
        assertThat(refused.raw()).contains("id=\"error-channel\"", "Обязательное поле", "value=\"RPO 123\"", "value=\"2026-03-02\"");
        assertThat(task(letterId, "SendLetter")).as("nothing was completed").isNotNull();

        Api.Response done = api.post("cso-a", "/tasks/" + taskId, form(Map.of("channel", "POST", "sentOn", "2026-03-02",
                "tracking", "RPO 123", "back", "/letters/" + letterId)));
        assertThat(done.status()).isEqualTo(302);
        assertThat(done.headers().getLocation().getPath()).isEqualTo("/letters/" + letterId);
        assertThat(task(letterId, "RecordRegistration")).isNotNull();
        assertThat(api.get("cso-a", "/api/letters/" + letterId).json().path("sentOn").asText()).isEqualTo("2026-03-02");
        // Only paths of this site are followed after a task.
        Api.Response elsewhere = api.post("cso-a", "/tasks/" + task(letterId, "RecordRegistration").getId(),
                form(Map.of("registrationNumber", "Вх-1", "registeredOn", "2026-03-05", "back", "//evil.example")));
        assertThat(elsewhere.headers().getLocation().getPath()).isEqualTo("/tasks");
    }

    @Test
    void aForwardingIsRecordedOnTheLetterPageAndARefusalKeepsWhatWasTyped() {
        String letterId = writeLetter();
        api.post("cso-a", "/tasks/" + task(letterId, "SendLetter").getId(), form(Map.of("channel", "POST", "sentOn", "2026-03-02")));
        api.post("cso-a", "/tasks/" + task(letterId, "RecordRegistration").getId(),
                form(Map.of("registrationNumber", "Вх-7", "registeredOn", "2026-03-05")));
        Map<String, Object> other = new HashMap<>(Map.of("name", "Ministry " + UUID.randomUUID(), "kind", "MINISTRY",
                "level", "REGIONAL", "region", "Region " + UUID.randomUUID(), "topics", List.of("social support")));
        String otherId = api.post("staff", "/api/public-bodies", other).json().path("id").asText();
        assertThat(api.get("cso-a", "/letters/" + letterId).raw()).contains("id=\"record-forwarding\"");

        Api.Response refused = api.post("cso-a", "/letters/" + letterId + "/forwarding", form(Map.of("toBodyId", otherId,
                "forwardedOn", "2026-03-10", "registrationNumber", "Вх-99", "registeredOn", "2026-03-09")));
        assertThat(refused.status()).isEqualTo(400);
        assertThat(refused.raw()).contains("id=\"error-registeredOn\">Раньше даты переадресации письма<", "value=\"Вх-99\"");
        assertThat(api.post("cso-b", "/letters/" + letterId + "/forwarding", form(Map.of("toBodyId", otherId,
                "forwardedOn", "2026-03-10", "registrationNumber", "Вх-99", "registeredOn", "2026-03-11"))).status()).isEqualTo(404);

        Api.Response forwarded = api.post("cso-a", "/letters/" + letterId + "/forwarding", form(Map.of("toBodyId", otherId,
                "forwardedOn", "2026-03-10", "registrationNumber", "Вх-99", "registeredOn", "2026-03-11")));
        assertThat(forwarded.status()).as(forwarded.raw()).isEqualTo(302);
        assertThat(api.get("cso-a", "/letters/" + letterId).raw()).contains("переадресовал обращение в " + other.get("name"));
        assertThat(api.get("cso-a", "/api/letters/" + letterId).json().path("registrationNumber").asText()).isEqualTo("Вх-99");
    }

    @Test
    void pagesCarryNoInlineScriptStyleOrHandlers() {
        String letterId = writeLetter();
        for (String path : List.of("/", "/tasks", "/letters", "/letters/new", "/letters/" + letterId,
                "/tasks/" + task(letterId, "SendLetter").getId(), "/letters/00000000-0000-0000-0000-000000000000")) {
            String html = api.get("cso-a", path).raw();
            assertThat(html).as(path).doesNotContainPattern("<script(?![^>]*\\bsrc=)[^>]*>")
                    .doesNotContainPattern("\\sstyle=").doesNotContainPattern("<style")
                    .doesNotContainPattern("\\son[a-z]+=").doesNotContain("cdn", "https://");
        }
        // The CSS framework and htmx come from their WebJars in the jar, never from a CDN.
        assertThat(api.get(null, "/login").raw()).containsPattern("href=\"/webjars/bootstrap/[0-9.]+/css/bootstrap.min.css\"");
        assertThat(api.get(null, "/webjars/bootstrap/css/bootstrap.min.css").status()).isEqualTo(200);
        assertThat(api.get(null, "/webjars/htmx.org/dist/htmx.min.js").status()).isEqualTo(200);
    }

    private String writeLetter() {
        Api.Response created = api.post("cso-a", "/letters", form(Map.of("bodyId", bodyId, "topic", "social support",
                "requestKind", "IN_KIND", "subject", "Ramp at polyclinic " + UUID.randomUUID(), "action", "write")));
        assertThat(created.status()).as(created.raw()).isEqualTo(302);
        String path = created.headers().getLocation().getPath();
        return path.substring(path.lastIndexOf('/') + 1);
    }

    private Task task(String letterId, String key) {
        return taskService.createTaskQuery().processInstanceBusinessKey(letterId).taskDefinitionKey(key).singleResult();
    }

    private static String form(Map<String, String> fields) {
        return fields.entrySet().stream().map(e -> e.getKey() + "=" + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8))
                .collect(Collectors.joining("&"));
    }
}
