package org.opora.grants;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.opora.support.Browser;
import org.opora.support.OporaIntegrationTest;
import org.opora.support.TestFixtures;
import org.opora.support.TestSmtp;
import org.openqa.selenium.By;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.ApplicationContext;

import com.icegreen.greenmail.junit5.GreenMailExtension;

/** An expert's whole review in the portal's pages: the conflict declaration, then the scores. */
@OporaIntegrationTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class GrantPortalJourneyTest {

    @RegisterExtension
    static GreenMailExtension smtp = TestSmtp.server();

    @Value("${local.server.port}")
    int port;
    @Autowired
    ApplicationContext context;

    GrantScenario grants;
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

    @BeforeEach
    void inMarch() {
        grants = new GrantScenario(context);
        GrantScenario.setClock(LocalDate.of(2026, 3, 2));
    }

    @Test
    void aMemberDraftsAnApplicationWithTwoBudgetLinesAndSubmitsIt() {
        List<String> pool = List.of(grants.expert("CSO", GrantScenario.TVER), grants.expert("GOVERNMENT", null),
                grants.expert("BUSINESS", null));
        Map<String, Object> rules = grants.competition(pool, Map.of());
        String title = (String) rules.get("title");
        grants.createCompetition(rules);

        browser.phone().signIn("cso-a", TestFixtures.PASSWORD);
        browser.click(By.linkText("Гранты"));
        browser.click(By.xpath("//article[.//h3[text()='" + title + "']]//button[@type='submit']"));

        browser.find(By.id("projectTitle")).sendKeys("Выходные для приёмных семей");
        browser.find(By.id("summary")).sendKeys("Мастерские по выходным для детей из приёмных семей");
        browser.find(By.id("region")).sendKeys(GrantScenario.TVER);
        browser.find(By.id("topic")).sendKeys("children");
        browser.find(By.id("targetGroup")).sendKeys("Дети из приёмных семей");
        browser.find(By.id("beneficiaries")).sendKeys("40");
        browser.find(By.id("requestedAmount")).sendKeys("400000");
        browser.find(By.id("durationMonths")).sendKeys("10");
        browser.find(By.id("lineItem-0")).sendKeys("Материалы");
        browser.find(By.id("lineAmount-0")).sendKeys("200000");
        browser.find(By.id("lineItem-1")).sendKeys("Транспорт");
        browser.find(By.id("lineAmount-1")).sendKeys("двести тысяч");
        browser.find(By.id("attachmentKind-0")).sendKeys("charter");
        browser.find(By.id("attachmentName-0")).sendKeys("устав.pdf");
        browser.click(By.id("submit"));

        // Refused beside the second line's amount; nothing typed is lost.
        assertThat(browser.text(By.id("error-lineAmount-1"))).isEqualTo("Должно быть числом");
        assertThat(browser.find(By.id("lineItem-1")).getDomProperty("value")).isEqualTo("Транспорт");
        assertThat(browser.find(By.id("projectTitle")).getDomProperty("value")).isEqualTo("Выходные для приёмных семей");
        browser.scrollTo(By.id("budget-lines"));
        browser.screenshot("grant-draft-refused", true);
        browser.find(By.id("lineAmount-1")).clear();
        browser.find(By.id("lineAmount-1")).sendKeys("200000");
        browser.click(By.id("submit"));

        assertThat(browser.text(By.id("application-state"))).isEqualTo("подана, на проверке");
        assertThat(browser.find(By.id("budget")).findElements(By.cssSelector("tbody tr"))).hasSize(2);
        browser.screenshot("grant-submitted", false);
        String id = browser.path().substring("/grants/applications/".length());
        assertThat(grants.state(id)).isEqualTo("SUBMITTED");
        assertThat(grants.application("cso-a", id).path("details").path("budgetLines")).hasSize(2);

        // Another organisation's application is not found by its address; experts have no grant pages.
        assertThat(grants.api.get("cso-b", "/grants/applications/" + id).status()).isEqualTo(404);
        assertThat(grants.api.get("cso-b", "/grants/applications/" + id + "/edit").status()).isEqualTo(404);
        assertThat(grants.api.get("expert", "/grants").status()).isEqualTo(403);
        assertThat(grants.api.get("cso-a", "/grants").raw()).contains("Выходные для приёмных семей");
    }

    @Test
    void staffSeeACompetitionsDashboardWithItsCharts() {
        List<String> pool = List.of(grants.expert("CSO", GrantScenario.TVER), grants.expert("GOVERNMENT", null),
                grants.expert("BUSINESS", null));
        Map<String, Object> rules = grants.competition(pool, Map.of());
        String competition = grants.createCompetition(rules);
        grants.submit(competition, grants.application("Foster family weekends", 400_000));
        grants.draft("cso-a", competition, grants.application("Summer camp", 300_000));

        browser.desktop().signIn("staff", TestFixtures.PASSWORD);
        browser.click(By.linkText("Конкурсы"));
        browser.click(By.linkText((String) rules.get("title")));
        browser.waitFor(By.cssSelector("#dashboard[data-loaded=true]"));
        assertThat(browser.driver().findElements(By.cssSelector("#chart-states canvas"))).isNotEmpty();
        assertThat(browser.driver().findElements(By.cssSelector("#chart-money canvas"))).isNotEmpty();
        assertThat(browser.text(By.id("late-count"))).isEqualTo("0");
        assertThat(browser.text(By.id("ranked-count"))).isEqualTo("0");
        browser.screenshot("staff-competition-dashboard", true);

        assertThat(grants.api.get("cso-a", "/grants/competitions").status()).isEqualTo(403);
        assertThat(grants.api.get("expert", "/grants/competitions/" + competition).status()).isEqualTo(403);
    }

    @Test
    void staffDecideTheCompetitionInTheCommitteeTableWithinThePool() {
        grants.staffOnCommittee();
        String cso = grants.expert("CSO", GrantScenario.TVER);
        List<String> pool = List.of(cso, grants.expert("GOVERNMENT", null), grants.expert("BUSINESS", null));
        String competition = grants.createCompetition(grants.competition(pool, Map.of()));
        String best = grants.submit(competition, grants.application("Foster family weekends", 600_000));
        String second = grants.submit(competition, grants.application("Summer camp", 500_000));
        for (String application : List.of(best, second)) {
            List<String> panel = grants.admitWithProposedPanel(application);
            grants.review(cso, application, application.equals(best) ? 10 : 8, 9);
            grants.review(panel.stream().filter(expert -> !expert.equals(cso)).findFirst().orElseThrow(), application,
                    application.equals(best) ? 9 : 8, 8);
        }
        grants.endReviewPeriod(competition, LocalDate.of(2026, 4, 21));

        browser.desktop().signIn("staff", TestFixtures.PASSWORD);
        browser.go("/grants/competitions/" + competition);
        browser.click(By.id("committee-link"));
        browser.click(By.cssSelector("label[for=choice-1-approve]"));
        browser.click(By.cssSelector("label[for=choice-2-approve]"));
        browser.click(By.id("decide"));

        // 600,000 and 500,000 exceed the pool of 1,000,000: refused by the task's own check, the choices kept.
        assertThat(browser.text(By.id("committee-refusal"))).isEqualTo("Одобрено всего 1100000.00, больше фонда конкурса 1000000.00");
        assertThat(browser.find(By.id("choice-2-approve")).isSelected()).isTrue();
        browser.click(By.cssSelector("label[for=choice-2-reduce]"));
        assertThat(grants.state(best)).isEqualTo("SCORED");
        browser.find(By.id("amount-2")).clear();
        browser.find(By.id("amount-2")).sendKeys("250000");
        browser.screenshot("staff-committee-table", true);
        browser.click(By.id("decide"));

        assertThat(browser.text(By.cssSelector("main [role=status]"))).isEqualTo("Решение комиссии записано.");
        browser.waitFor(By.cssSelector("#dashboard[data-loaded=true]"));
        assertThat(browser.driver().findElements(By.cssSelector("#chart-money canvas"))).isNotEmpty();
        grants.runDueJobs(List.of(best, second));
        assertThat(grants.state(best)).isEqualTo("APPROVED");
        assertThat(grants.application("staff", second).path("approvedAmount").decimalValue()).isEqualByComparingTo("250000");
        assertThat(grants.api.get("expert", "/grants/competitions/" + competition + "/committee").status()).isEqualTo(403);
    }

    @Test
    void anExpertDeclaresNoConflictAndScoresAndAScoreOverTheScaleIsRefusedBesideItsField() {
        List<String> pool = List.of(grants.expert("CSO", GrantScenario.TVER), grants.expert("GOVERNMENT", null),
                grants.expert("BUSINESS", null));
        String competition = grants.createCompetition(grants.competition(pool, Map.of()));
        String id = grants.submit(competition, grants.application("Foster family weekends", 400_000));
        String expert = grants.admitWithProposedPanel(id).get(0);

        browser.phone().signIn(expert, TestFixtures.PASSWORD);
        browser.click(By.linkText("Мои задачи"));
        browser.click(By.linkText("Заявить о конфликте интересов"));
        assertThat(browser.text(By.tagName("main"))).contains("Foster family weekends");
        browser.click(By.cssSelector("label[for=conflict-0]"));
        browser.screenshot("expert-conflict-declaration", false);
        browser.click(By.cssSelector("form.task-form button[type=submit]"));

        browser.click(By.linkText("Оценить заявку"));
        assertThat(browser.text(By.cssSelector("label[for=score1]"))).startsWith("Relevance (0–10");
        browser.find(By.id("score1")).sendKeys("12");
        browser.find(By.id("comment1")).sendKeys("Реальная и важная проблема");
        browser.find(By.id("score2")).sendKeys("7");
        browser.find(By.id("comment2")).sendKeys("Бюджет реалистичен");
        browser.click(By.cssSelector("form.task-form button[type=submit]"));

        // The competition's scale refuses 12 of 10, beside the field, with everything typed kept.
        assertThat(browser.text(By.id("error-score1"))).isEqualTo("От 0 до 10");
        assertThat(browser.find(By.id("comment1")).getDomProperty("value")).isEqualTo("Реальная и важная проблема");
        assertThat(browser.find(By.id("score2")).getDomProperty("value")).isEqualTo("7");
        browser.screenshot("expert-score-refused", true);
        browser.find(By.id("score1")).clear();
        browser.find(By.id("score1")).sendKeys("9");
        browser.click(By.cssSelector("form.task-form button[type=submit]"));

        assertThat(browser.text(By.cssSelector("main [role=status]"))).isEqualTo("Готово: задача выполнена.");
        assertThat(grants.taskFor(expert, id, "ReviewApplication")).isNull();
        assertThat(grants.jdbc.sql("SELECT COUNT(*) FROM grant_review_score s JOIN grant_review r ON r.id = s.review_id "
                        + "WHERE r.application_id = ? AND r.expert_id = ?")
                .param(java.util.UUID.fromString(id)).param(expert).query(Long.class).single()).isEqualTo(2);
    }
}
