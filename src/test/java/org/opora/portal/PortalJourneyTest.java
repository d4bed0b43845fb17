package org.opora.portal;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.time.format.FormatStyle;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.opora.support.Api;
import org.opora.support.Browser;
import org.opora.support.OporaIntegrationTest;
import org.opora.support.TestFixtures;
import org.openqa.selenium.By;
import org.openqa.selenium.support.ui.Select;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * Journeys through the portal in a real browser (Debian's headless Chromium), each through the pages
 * only, at a phone's width where a CSO member would most likely be. Screenshots go to target/screenshots/.
 */
@OporaIntegrationTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class PortalJourneyTest {

    private static final DateTimeFormatter RUSSIAN_DATE =
            DateTimeFormatter.ofLocalizedDate(FormatStyle.LONG).withLocale(Locale.forLanguageTag("ru"));

    @Value("${local.server.port}")
    int port;
    @Autowired
    Api api;

    Browser browser;
    String bodyId;
    String bodyName;
    String region;

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

    /** The registry is the centre's, kept by staff: it is the set-up, not part of the journey. */
    @BeforeEach
    void aBodyOfTheRegistry() {
        bodyName = "Департамент соцзащиты " + UUID.randomUUID().toString().substring(0, 6);
        Map<String, Object> body = new HashMap<>();
        body.put("name", bodyName);
        body.put("kind", "DEPARTMENT");
        body.put("level", "REGIONAL");
        region = "Область " + UUID.randomUUID().toString().substring(0, 6);
        body.put("region", region);
        body.put("topics", List.of("social support"));
        bodyId = api.post("staff", "/api/public-bodies", body).json().path("id").asText();
    }

    @Test
    void aMemberWritesALetterIsWarnedItIsLateAndAfterTheRegistrationSeesTheDueDateAndDaysLeft() {
        browser.phone().signIn("cso-a", TestFixtures.PASSWORD);
        browser.click(By.linkText("Обращения"));
        browser.click(By.linkText("Написать обращение"));

        new Select(browser.find(By.id("bodyId"))).selectByValue(bodyId);
        browser.find(By.id("topic")).sendKeys("social support");
        browser.find(By.id("region")).sendKeys(region);
        new Select(browser.find(By.id("requestKind"))).selectByValue("IN_KIND");
        browser.date(By.id("neededBy"), LocalDate.now().plusDays(5));
        // The warning comes before a word of the letter is written.
        assertThat(browser.text(By.id("lead-time-warning"))).startsWith("Поздно: ответ вероятен лишь к");
        assertThat(browser.text(By.id("routing-advice"))).contains(bodyName);
        browser.scrollTo(By.id("advice"));
        browser.screenshot("letter-new-warning", true);

        String subject = "Пандус у поликлиники " + UUID.randomUUID().toString().substring(0, 6);
        browser.find(By.id("subject")).sendKeys(subject);
        browser.find(By.id("text")).sendKeys("Просим отремонтировать пандус у входа в поликлинику.");
        browser.click(By.id("write"));

        assertThat(browser.text(By.tagName("h1"))).isEqualTo(subject);
        assertThat(browser.text(By.id("letter-state"))).isEqualTo("отправить");
        String letterPath = browser.path();

        browser.click(By.linkText("Отправить письмо"));
        new Select(browser.find(By.id("channel"))).selectByValue("ONLINE");
        browser.date(By.id("sentOn"), LocalDate.now().minusDays(2));
        browser.click(By.cssSelector("form.task-form button[type=submit]"));

        assertThat(browser.path()).isEqualTo(letterPath);
        browser.click(By.linkText("Внести регистрацию письма"));
        browser.find(By.id("registrationNumber")).sendKeys("Вх-42");
        browser.date(By.id("registeredOn"), LocalDate.now().minusDays(1));
        browser.screenshot("task-record-registration", false);
        browser.click(By.cssSelector("form.task-form button[type=submit]"));

        assertThat(browser.path()).isEqualTo(letterPath);
        assertThat(browser.text(By.id("letter-state"))).isEqualTo("ждём ответа");
        assertThat(browser.text(By.id("registration"))).startsWith("№ Вх-42 от ");
        JsonNode letter = api.get("cso-a", "/api/letters/" + letterPath.substring("/letters/".length())).json();
        LocalDate due = LocalDate.parse(letter.path("answerDue").asText());
        assertThat(browser.text(By.id("answer-due"))).isEqualTo(RUSSIAN_DATE.format(due));
        assertThat(browser.text(By.id("days-left"))).matches("осталось " + letter.path("daysLeft").asLong() + " (день|дня|дней)");
        browser.scrollTo(By.id("answer-due"));
        browser.screenshot("letter-registered", true);
    }

    @Test
    void aMemberOfAnotherOrganisationOpeningTheLetterByItsAddressFindsNothing() {
        browser.desktop().signIn("cso-a", TestFixtures.PASSWORD);
        String letterPath = writeThroughThePages("Двор без освещения " + UUID.randomUUID().toString().substring(0, 6));

        browser.signIn("cso-b", TestFixtures.PASSWORD);
        browser.go(letterPath);
        assertThat(browser.text(By.tagName("h1"))).isEqualTo("Не найдено");
        assertThat(browser.driver().getPageSource()).doesNotContain("Двор без освещения");
        browser.screenshot("not-found", false);
    }

    @Test
    void switchingToEnglishChangesTheLabelsAndKeepsThePage() {
        browser.desktop().signIn("cso-a", TestFixtures.PASSWORD);
        String letterPath = writeThroughThePages("Transport for the excursion " + UUID.randomUUID().toString().substring(0, 6));
        assertThat(browser.text(By.id("timeline-heading"))).isEqualTo("Ход дела");

        browser.click(By.linkText("English"));
        assertThat(browser.path()).isEqualTo(letterPath);
        assertThat(browser.find(By.tagName("html")).getDomAttribute("lang")).isEqualTo("en");
        assertThat(browser.text(By.id("letter-state"))).isEqualTo("to send");
        assertThat(browser.find(By.linkText("Letters")).isDisplayed()).isTrue();
        browser.screenshot("letter-english", true);

        // The choice is remembered on the next page, until Russian is chosen again.
        browser.click(By.linkText("My tasks"));
        assertThat(browser.text(By.tagName("h1"))).isEqualTo("My tasks");
        browser.click(By.linkText("Русский"));
        assertThat(browser.text(By.tagName("h1"))).isEqualTo("Мои задачи");
    }

    private String writeThroughThePages(String subject) {
        browser.go("/letters/new");
        new Select(browser.find(By.id("bodyId"))).selectByValue(bodyId);
        browser.find(By.id("topic")).sendKeys("social support");
        browser.find(By.id("subject")).sendKeys(subject);
        // Leaving the topic asks for the routing advice; it is in place before the letter is written.
        browser.waitFor(By.id("routing-advice"));
        browser.click(By.id("write"));
        assertThat(browser.text(By.tagName("h1"))).isEqualTo(subject);
        return browser.path();
    }
}
