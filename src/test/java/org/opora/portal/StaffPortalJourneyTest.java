package org.opora.portal;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.camunda.bpm.engine.TaskService;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.opora.support.Api;
import org.opora.support.Browser;
import org.opora.support.OporaIntegrationTest;
import org.opora.support.TestFixtures;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;

/**
 * Staff's and administrators' journeys in Debian's headless Chromium: how public bodies answer as a
 * chart, the registry's CSV import with its refusals, and, for every page of this round, labelled
 * fields, the page's language, the keyboard's skip link and a phone's width without sideways scrolling.
 */
@OporaIntegrationTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class StaffPortalJourneyTest {

    @Value("${local.server.port}")
    int port;
    @Autowired
    Api api;
    @Autowired
    TaskService taskService;

    Browser browser;

    @BeforeAll
    void openTheBrowser() {
        browser = Browser.open(port);
    }

    @AfterAll
    void closeTheBrowser() {
        if (browser != null) {
            browser.close();
        }
    }

    @Test
    void staffSeeHowBodiesAnswerAsAChartAndAnImportsRefusalsLineByLine() {
        String bodyName = "Комитет по делам молодёжи " + UUID.randomUUID().toString().substring(0, 6);
        answeredLetterTo(body(bodyName));

        browser.desktop().signIn("staff", TestFixtures.PASSWORD);
        browser.click(By.linkText("Обращения"));
        browser.click(By.id("statistics-link"));
        new WebDriverWait(browser.driver(), Duration.ofSeconds(20)).until(driver ->
                "true".equals(driver.findElement(By.id("letter-statistics")).getDomAttribute("data-loaded")));
        assertThat(browser.driver().findElements(By.cssSelector("#chart-on-time canvas"))).as("the chart is drawn").isNotEmpty();
        WebElement row = browser.find(By.xpath("//table[@id='statistics-table']//tr[td[1][text()='" + bodyName + "']]"));
        assertThat(row.getText()).contains("100");
        browser.screenshot("staff-letter-statistics", true);

        browser.click(By.linkText("Обращения"));
        browser.click(By.id("registry-link"));
        browser.click(By.id("import-link"));
        String ministry = "Министерство спорта " + UUID.randomUUID().toString().substring(0, 6);
        browser.find(By.id("csv")).sendKeys("name,parent,kind,level,region,topics\n" + ministry
                + ",,MINISTRY,REGIONAL,Тверская область,спорт\nСпортивная школа,Нет такого,OTHER,CITY,Тверь,спорт\n");
        browser.click(By.id("import"));
        String problems = browser.text(By.id("import-problems"));
        assertThat(problems).contains("Ничего не загружено", "Строка 3, parent", "Строка 3, level").doesNotContain("Строка 2");
        assertThat(browser.find(By.id("csv")).getDomProperty("value")).as("the CSV is kept").contains(ministry);
        browser.screenshot("staff-registry-import-refused", true);
    }

    @Test
    void everyPageOfThisRoundHasLabelledFieldsItsLanguageASkipLinkAndFitsAPhone() {
        Map<String, List<String>> pagesByUser = Map.of(
                "staff", List.of("/public-bodies", "/public-bodies/new", "/public-bodies/import", "/letters/statistics", "/today",
                        "/letters"),
                "admin", List.of("/admin/incidents", "/admin/outbox?status=ALL", "/admin/centres"),
                "cso-a", List.of("/", "/organisation", "/letters"));
        browser.phone();
        pagesByUser.forEach((user, paths) -> {
            browser.signIn(user, TestFixtures.PASSWORD);
            for (String path : paths) {
                browser.go(path);
                browser.waitFor(By.id("main"));
                assertThat(browser.find(By.tagName("html")).getDomAttribute("lang")).as(path).isEqualTo("ru");
                assertThat(unlabelled()).as(path + ": fields without a label").isEmpty();
                assertThat(sidewaysOverflow()).as(path + ": wider than a 360 px phone").isLessThanOrEqualTo(0L);
                // The first Tab reaches the link past the menu, as a keyboard user needs.
                browser.find(By.tagName("body")).sendKeys(Keys.TAB);
                WebElement focused = browser.driver().switchTo().activeElement();
                assertThat(focused.getDomAttribute("href")).as(path).isEqualTo("#main");
            }
        });
        // The home page with something to do: a letter to send, another registered and waiting for its answer.
        String waiting = letterTo(body("Управление образования " + UUID.randomUUID().toString().substring(0, 6)), "Ремонт спортзала школы № 5");
        LocalDate today = LocalDate.now();
        complete(waiting, "SendLetter", Map.of("channel", "POST", "sentOn", today.minusDays(6).toString()));
        complete(waiting, "RecordRegistration", Map.of("registrationNumber", "Вх-118", "registeredOn", today.minusDays(3).toString()));
        letterTo(body("Администрация района " + UUID.randomUUID().toString().substring(0, 6)), "Освещение во дворе дома 12");
        browser.signIn("cso-a", TestFixtures.PASSWORD).go("/");
        assertThat(browser.text(By.id("main"))).contains("Ремонт спортзала школы № 5", "Освещение во дворе дома 12");
        browser.screenshot("cso-home", true);
        browser.desktop().signIn("admin", TestFixtures.PASSWORD).go("/admin/outbox?status=ALL");
        browser.screenshot("admin-outbox", true);
    }

    /** The ids (or names) of visible form fields that no label, aria-label or aria-labelledby names. */
    @SuppressWarnings("unchecked")
    private List<String> unlabelled() {
        return (List<String>) ((JavascriptExecutor) browser.driver()).executeScript(
                "return Array.from(document.querySelectorAll('input, select, textarea'))"
                        + ".filter(f => f.type !== 'hidden' && f.type !== 'submit' && f.type !== 'button')"
                        + ".filter(f => f.labels.length === 0 && !f.getAttribute('aria-label') && !f.getAttribute('aria-labelledby'))"
                        + ".map(f => f.id || f.name);");
    }

    private long sidewaysOverflow() {
        return (Long) ((JavascriptExecutor) browser.driver()).executeScript(
                "return document.documentElement.scrollWidth - window.innerWidth;");
    }

    private String body(String name) {
        Map<String, Object> body = new HashMap<>();
        body.put("name", name);
        body.put("kind", "DEPARTMENT");
        body.put("level", "REGIONAL");
        body.put("region", "Область " + UUID.randomUUID().toString().substring(0, 6));
        body.put("topics", List.of("молодёжь"));
        return api.post("staff", "/api/public-bodies", body).json().path("id").asText();
    }

    /** Set-up through the API members use: a letter sent, registered and answered on time. */
    private String letterTo(String bodyId, String subject) {
        Map<String, Object> letter = new HashMap<>(Map.of("bodyId", bodyId, "subject", subject, "topic", "молодёжь",
                "requestKind", "IN_KIND"));
        return api.post("cso-a", "/api/letters", letter).json().path("letter").path("id").asText();
    }

    private void answeredLetterTo(String bodyId) {
        String id = letterTo(bodyId, "Площадка для скейтбордистов");
        LocalDate today = LocalDate.now();
        complete(id, "SendLetter", Map.of("channel", "ONLINE", "sentOn", today.minusDays(10).toString()));
        complete(id, "RecordRegistration", Map.of("registrationNumber", "Вх-5", "registeredOn", today.minusDays(9).toString()));
        complete(id, "RecordAnswer", Map.of("outcome", "answered", "answeredOn", today.minusDays(2).toString(),
                "rating", "SATISFACTORY", "summary", "Площадку построят летом"));
    }

    private void complete(String letterId, String key, Map<String, Object> fields) {
        String taskId = taskService.createTaskQuery().processInstanceBusinessKey(letterId).taskDefinitionKey(key)
                .singleResult().getId();
        Api.Response done = api.post("cso-a", "/api/tasks/" + taskId + "/complete", fields);
        assertThat(done.status()).as(done.raw()).isEqualTo(204);
    }
}
