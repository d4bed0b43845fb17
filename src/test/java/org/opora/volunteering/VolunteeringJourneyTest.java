package org.opora.volunteering;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.Map;

import org.camunda.bpm.engine.ManagementService;
import org.camunda.bpm.engine.TaskService;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.opora.mail.MailDispatcher;
import org.opora.support.Api;
import org.opora.support.Browser;
import org.opora.support.OporaIntegrationTest;
import org.opora.support.TestFixtures;
import org.opora.support.TestSmtp;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.jdbc.core.simple.JdbcClient;

import com.icegreen.greenmail.junit5.GreenMailExtension;

/**
 * Volunteering in a real browser (Debian's headless Chromium) at a phone's width: a volunteer opens
 * the offer link of an e-mail read from GreenMail and accepts; a CSO member posts a request through
 * the pages and sees it being vetted. Screenshots go to target/screenshots/.
 */
@OporaIntegrationTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class VolunteeringJourneyTest {

    @RegisterExtension
    static GreenMailExtension smtp = TestSmtp.server();

    @Value("${local.server.port}")
    int port;
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

    Browser browser;
    VolunteeringTestSupport t;

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

    @BeforeEach
    void aMondayBeforeTheSaturday() {
        t = new VolunteeringTestSupport(api, taskService, managementService, dispatcher, jdbc, smtp);
        t.drain();
        VolunteeringTestSupport.setClock(LocalDateTime.of(2027, 3, 1, 10, 0));
    }

    @Test
    void aVolunteerOpensTheEmailedOfferOnAPhoneAndAccepts() {
        String vera = t.volunteer("Vera Phone", Map.of("language", "ru"));
        String requestId = t.request(1, Map.of());
        t.approve(requestId);
        String token = t.mail(t.email("Vera Phone"), "Сможете помочь?").tokens().get(0);

        browser.driver().manage().deleteAllCookies();
        browser.phone().go("/v/" + token);
        assertThat(browser.text(By.tagName("h1"))).startsWith("Visit lonely pensioners");
        assertThat(((Number) ((JavascriptExecutor) browser.driver())
                .executeScript("return document.documentElement.scrollWidth")).intValue())
                .as("nothing wider than the phone").isLessThanOrEqualTo(Browser.PHONE_WIDTH);
        browser.screenshot("volunteer-offer-phone", false);

        browser.click(By.cssSelector("button[value=accept]"));

        assertThat(t.offerStatus(requestId, vera)).isEqualTo("ACCEPTED");
        assertThat(t.view(requestId).path("filled").asInt()).isEqualTo(1);
        assertThat(browser.driver().getPageSource()).contains("Вы участвуете");
        browser.screenshot("volunteer-offer-accepted-phone", false);
    }

    @Test
    void aCsoMemberPostsARequestThroughThePagesAndSeesItBeingVetted() {
        String title = "Покрасить забор " + t.skill;
        browser.phone().signIn("cso-a", TestFixtures.PASSWORD);
        browser.go("/volunteering");
        browser.click(By.id("new-request"));
        browser.find(By.id("title")).sendKeys(title);
        browser.find(By.id("what")).sendKeys("Покрасить забор детской площадки");
        browser.find(By.id("why")).sendKeys("Краска облезла, дети занозят руки");
        browser.find(By.id("place")).sendKeys("ул. Ленина, 5");
        browser.find(By.id("district")).sendKeys("Центральный");
        browser.date(By.id("firstDate"), LocalDate.of(2027, 3, 6));
        setValue("startTime", "10:00");
        setValue("endTime", "13:00");
        browser.find(By.id("needed")).clear();
        browser.find(By.id("needed")).sendKeys("4");
        // A box of the vocabulary, named in Russian, and a free tag in a field of its own.
        assertThat(browser.text(By.cssSelector("label[for=requiredSkills-0]"))).isEqualTo("первая помощь");
        browser.click(By.id("requiredSkills-0"));
        browser.find(By.id("requiredSkills-other-0")).sendKeys(t.skill);
        browser.find(By.id("contactName")).sendKeys("Анна");
        browser.find(By.id("contactEmail")).sendKeys("anna@cso.test");
        browser.screenshot("volunteer-request-form-phone", false);

        browser.click(By.cssSelector("#request-form button[type=submit]"));

        assertThat(browser.path()).startsWith("/volunteering/requests/");
        assertThat(browser.text(By.tagName("h1"))).isEqualTo(title);
        assertThat(browser.text(By.id("request-state"))).contains("на проверке в центре");
        assertThat(browser.text(By.id("request-places"))).isEqualTo("0 из 4");
        assertThat(browser.text(By.id("request-required-skills"))).isEqualTo("первая помощь, " + t.skill);
        browser.screenshot("volunteer-request-posted-phone", false);
        String id = browser.path().substring(browser.path().lastIndexOf('/') + 1);
        assertThat(t.view(id).path("state").asText()).isEqualTo("VETTING");
    }

    private void setValue(String id, String value) {
        ((JavascriptExecutor) browser.driver()).executeScript(
                "arguments[0].value = arguments[1]; arguments[0].dispatchEvent(new Event('change', {bubbles: true}));",
                browser.find(By.id(id)), value);
    }
}
