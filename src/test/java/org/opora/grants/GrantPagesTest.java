package org.opora.grants;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.opora.support.Api;
import org.opora.support.OporaIntegrationTest;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationContext;

/**
 * The grant stages' pages over HTTP, as each role gets them: what renders for whom, what is refused
 * (another organisation's application is not found), and a refused input that comes back beside its
 * field with the input kept. (Form posts carry HTTP Basic, which needs no CSRF token.)
 */
@OporaIntegrationTest
class GrantPagesTest {

    @Autowired
    ApplicationContext context;

    GrantScenario grants;
    List<String> pool;
    String competition;

    @BeforeEach
    void aCompetitionWithAPool() {
        grants = new GrantScenario(context);
        GrantScenario.setClock(LocalDate.of(2026, 3, 2));
        pool = List.of(grants.expert("CSO", GrantScenario.TVER), grants.expert("GOVERNMENT", null),
                grants.expert("BUSINESS", null), grants.expert("CSO", null, "7707083893"));
        competition = grants.createCompetition(grants.competition(pool, Map.of()));
    }

    @Test
    void staffConfirmThePanelWithCheckboxesAndOthersAreRefused() {
        String id = grants.submit(competition, grants.application("Foster family weekends", 400_000));
        grants.complete("staff", id, "CheckAdmission", Map.of("verdict", "admit"));
        String path = "/grants/applications/" + id + "/panel";
        // The competition's dashboard leads staff to the panels of the applications in review.
        assertThat(grants.api.get("staff", "/grants/competitions/" + competition).raw()).contains("href=\"" + path + "\"");

        // The generic task page cannot show the candidates: it sends staff to the panel's own page.
        Api.Response generic = grants.api.get("staff", "/tasks/" + grants.tasks(id, "ConfirmPanel").get(0).getId());
        assertThat(generic.status()).isEqualTo(302);
        assertThat(generic.headers().getLocation()).hasPath(path);

        Api.Response page = grants.api.get("staff", path);
        assertThat(page.status()).isEqualTo(200);
        assertThat(page.raw()).contains("<h1>Экспертная группа</h1>", "Открытых экспертиз", "предложен");
        // The expert tied to the applicant (by INN) is not offered.
        assertThat(page.raw()).contains(pool.get(0), pool.get(1), pool.get(2)).doesNotContain(pool.get(3));
        assertThat(grants.api.get("staff", path + "?lang=en").raw()).contains("<h1>The expert panel</h1>", "Open reviews");

        assertThat(grants.api.get("cso-a", path).status()).isEqualTo(403);
        assertThat(grants.api.get("expert", path).status()).isEqualTo(403);

        // One expert is too few: the listener's refusal comes back beside the list, the choice kept.
        Api.Response refused = grants.api.post("staff", path, form(List.of(pool.get(1))));
        assertThat(refused.status()).isEqualTo(400);
        assertThat(refused.raw()).contains("id=\"error-experts\"");
        assertThat(refused.raw()).containsPattern("value=\"" + pool.get(1) + "\"\\s+checked");
        assertThat(grants.tasks(id, "ConfirmPanel")).hasSize(1);

        Api.Response named = grants.api.post("staff", path, form(List.of(pool.get(1), pool.get(2))));
        assertThat(named.status()).isEqualTo(302);
        assertThat(grants.tasks(id, "ConfirmPanel")).isEmpty();
        assertThat(grants.panel(id)).containsExactlyInAnyOrder(pool.get(1), pool.get(2));
        assertThat(grants.api.get("staff", path).raw()).contains("id=\"panel-not-waiting\"");
    }

    /**
     * The competition's page lists the applications in review, in order of submission, each leading to its panel, a page
     * at a time; what is not in review is not listed. Staff of another centre are not told the competition exists.
     */
    @Test
    void theCompetitionsPageListsItsApplicationsInReviewByPageEachLeadingToItsPanel() {
        grants.draft("cso-a", competition, grants.application("Never sent", 200_000));
        grants.submit(competition, grants.application("Not yet admitted", 200_000));
        GrantScenario.setClock(LocalDate.of(2026, 3, 3));
        String first = grants.submit(competition, grants.application("Foster family weekends", 400_000));
        GrantScenario.setClock(LocalDate.of(2026, 3, 4));
        String second = grants.submit(competition, grants.application("Summer camp", 300_000));
        // Admitted in the other order: the list keeps the order of submission.
        grants.complete("staff", second, "CheckAdmission", Map.of("verdict", "admit"));
        grants.complete("staff", first, "CheckAdmission", Map.of("verdict", "admit"));
        String page = "/grants/competitions/" + competition;

        Api.Response whole = grants.api.get("staff", page);
        assertThat(whole.status()).isEqualTo(200);
        assertThat(inReview(whole.raw())).containsExactly(first, second);
        assertThat(whole.raw()).contains(">Foster family weekends</a>", ">Summer camp</a>", "На экспертизе")
                .doesNotContain("Not yet admitted", "Never sent", "id=\"in-review-next\"", "id=\"in-review-previous\"");

        Api.Response firstPage = grants.api.get("staff", page + "?size=1");
        assertThat(inReview(firstPage.raw())).containsExactly(first);
        assertThat(firstPage.raw()).contains("id=\"in-review-next\" href=\"" + page + "?page=1&amp;size=1\"")
                .doesNotContain("id=\"in-review-previous\"");
        Api.Response secondPage = grants.api.get("staff", page + "?page=1&size=1");
        assertThat(inReview(secondPage.raw())).containsExactly(second);
        assertThat(secondPage.raw()).contains("id=\"in-review-previous\" href=\"" + page + "?page=0&amp;size=1\"")
                .doesNotContain("id=\"in-review-next\"");

        // Only the competition's centre's staff see the page.
        String elsewhere = grants.fixtures.newUserOfOtherCentre(org.opora.security.Role.STAFF, "staff-elsewhere");
        Api.Response otherCentre = grants.api.get(elsewhere, page);
        assertThat(otherCentre.status()).isEqualTo(404);
        assertThat(otherCentre.raw()).doesNotContain("Foster family weekends");
        assertThat(grants.api.get("cso-a", page).status()).isEqualTo(403);
        assertThat(grants.api.get("expert", page).status()).isEqualTo(403);
    }

    /** The applications the competition's page lists as in review: the ids its links to their panels name, in order. */
    private static List<String> inReview(String page) {
        return java.util.regex.Pattern.compile("href=\"/grants/applications/([0-9a-f-]{36})/panel\"").matcher(page).results()
                .map(match -> match.group(1)).toList();
    }

    @Test
    void theApplicantSeesTheResultByExpertNumberNeverByName() {
        grants.staffOnCommittee();
        String id = grants.submit(competition, grants.application("Foster family weekends", 400_000));
        List<String> panel = grants.admitWithProposedPanel(id);
        panel.forEach(expert -> grants.review(expert, id, 9, 8));
        String path = "/grants/applications/" + id + "/results";
        assertThat(grants.api.get("cso-a", path).raw()).contains("id=\"no-result\"");

        decideAndApprove(id);

        Api.Response page = grants.api.get("cso-a", path);
        assertThat(page.status()).isEqualTo(200);
        assertThat(page.raw()).contains("<h1>Итоги</h1>", "грант одобрен", "Эксперт 1", "Эксперт 2", "Relevance", "9 / 10");
        panel.forEach(expert -> assertThat(page.raw()).doesNotContain(expert));
        assertThat(grants.api.get("cso-a", path + "?lang=en").raw()).contains("Expert 1", "approved");
        assertThat(grants.api.get("staff", path).status()).isEqualTo(200);
        // The application's page leads to the result and to the grant.
        Api.Response application = grants.api.get("cso-a", "/grants/applications/" + id);
        assertThat(application.status()).isEqualTo(200);
        assertThat(application.raw()).contains("id=\"results-link\"", "id=\"funding-link\"");
        // Another organisation's application is not found.
        assertThat(grants.api.get("cso-b", path).status()).isEqualTo(404);
    }

    @Test
    void theReportIsFilledInWithARowPerBudgetLineAndARefusalKeepsTheInput() {
        grants.staffOnCommittee();
        String id = grants.submit(competition, grants.application("Foster family weekends", 400_000));
        grants.admitWithProposedPanel(id).forEach(expert -> grants.review(expert, id, 9, 8));
        decideAndApprove(id);
        grants.complete("cso-a", id, "SignAgreement", Map.of("bankAccount", "40703810900000000001", "bankBik", "044525225",
                "signatory", "Anna Petrova, director", "signed", true));
        String path = "/grants/applications/" + id + "/funding";

        Api.Response page = grants.api.get("cso-a", path);
        assertThat(page.status()).isEqualTo(200);
        assertThat(page.raw()).contains("<h2 class=\"h5\">Договор</h2>", "Промежуточный отчёт 1", "id=\"spent-0\"",
                "id=\"spent-1\"", "Materials", "Transport");
        assertThat(grants.api.get("cso-a", path + "?lang=en").raw()).contains("The agreement", "Interim report 1");
        assertThat(grants.api.get("cso-b", path).status()).isEqualTo(404);

        String report = "/grants/applications/" + id + "/report";
        Api.Response notANumber = grants.api.post("cso-a", report, "narrative=Half+done&beneficiariesReached=20"
                + "&spent=abc&spent=1000");
        assertThat(notANumber.status()).isEqualTo(400);
        assertThat(notANumber.raw()).contains("id=\"error-spent-0\">Должно быть числом<", "value=\"abc\"", "value=\"1000\"",
                "Half done");
        Api.Response noNarrative = grants.api.post("cso-a", report, "narrative=&beneficiariesReached=20&spent=100000&spent=1000");
        assertThat(noNarrative.status()).isEqualTo(400);
        assertThat(noNarrative.raw()).contains("id=\"error-narrative\">Обязательное поле<", "value=\"100000\"");
        assertThat(grants.taskFor("cso-a", id, "SubmitReport")).isNotNull();
        // Staff see the grant, but only the applicant reports.
        assertThat(grants.api.get("staff", path).raw()).doesNotContain("id=\"report\"");

        Api.Response done = grants.api.post("cso-a", report, "narrative=Half+done&beneficiariesReached=20&spent=100000&spent=1000");
        assertThat(done.status()).isEqualTo(302);
        assertThat(grants.tasks(id, "SubmitReport")).isEmpty();
        assertThat(grants.api.get("cso-a", path).raw()).contains("подан, ждёт проверки", "100");
    }

    private void decideAndApprove(String id) {
        grants.endReviewPeriod(competition, LocalDate.of(2026, 4, 21));
        grants.complete("staff", competition, "DecideGrants", Map.of("decisions", GrantScenario.decisions("APPROVE")));
        grants.runDueJobs(List.of(id));
    }

    private static String form(List<String> experts) {
        return experts.stream().map(e -> "expert=" + URLEncoder.encode(e, StandardCharsets.UTF_8)).collect(Collectors.joining("&"));
    }
}
