package org.opora.grants;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.opora.support.Api;
import org.opora.support.OporaIntegrationTest;
import org.opora.support.TestSmtp;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationContext;

import com.fasterxml.jackson.databind.JsonNode;
import com.icegreen.greenmail.junit5.GreenMailExtension;

/**
 * The competition dashboard's every part against a competition whose applications the real process left at
 * different stages: each part is its own projection read in SQL (ADR 33), so each is checked here on its own.
 */
@OporaIntegrationTest
class GrantDashboardTest {

    @RegisterExtension
    static GreenMailExtension smtp = TestSmtp.server();

    @Autowired
    ApplicationContext context;

    GrantScenario grants;

    @BeforeEach
    void aCommittee() {
        grants = GrantScenario.withCommitteeInMarch(context);
    }

    @Test
    void theDashboardShowsEachApplicationWhereTheProcessLeftIt() {
        String cso = grants.expert("CSO", GrantScenario.TVER);
        String government = grants.expert("GOVERNMENT", null);
        String business = grants.expert("BUSINESS", null);
        List<String> pool = List.of(cso, government, business);
        String competition = grants.createCompetition(grants.competition(pool, Map.of()));

        // A draft never submitted, then one application submitted a day, so that the order of submission is known.
        String draft = grants.draft("cso-a", competition, grants.application("Never sent", 200_000));
        String tooMuch = grants.submit(competition, grants.application("Too much", 700_000));
        grants.complete("staff", tooMuch, "CheckAdmission", Map.of("verdict", "reject", "comment", "Above the limit"));
        GrantScenario.setClock(LocalDate.of(2026, 3, 3));
        String best = grants.submit(competition, grants.application("Foster family weekends", 400_000));
        GrantScenario.setClock(LocalDate.of(2026, 3, 4));
        String second = grants.submit(competition, grants.application("Summer camp", 300_000));
        GrantScenario.setClock(LocalDate.of(2026, 3, 5));
        String weak = grants.submit(competition, grants.application("Leaflets", 100_000));
        GrantScenario.setClock(LocalDate.of(2026, 3, 6));
        String late = grants.submit(competition, grants.application("Late review", 200_000));
        GrantScenario.setClock(LocalDate.of(2026, 3, 7));
        String reassigned = grants.submit(competition, grants.application("Silent expert", 200_000));
        for (String application : List.of(best, second, weak, late, reassigned)) {
            grants.admitWithProposedPanel(application);
        }
        reviewByWholePanel(best, 10, 9);
        reviewByWholePanel(second, 8, 8);
        reviewByWholePanel(weak, 4, 5);
        // One expert declares but never scores; on the other application one never even declares and is replaced.
        List<String> latePanel = grants.panel(late);
        grants.complete(latePanel.get(0), late, "DeclareConflicts", Map.of("conflict", "no"));
        grants.review(latePanel.get(1), late, 8, 8);
        List<String> reassignedPanel = grants.panel(reassigned);
        grants.review(reassignedPanel.get(1), reassigned, 8, 8);
        GrantScenario.setClock(LocalDate.of(2026, 4, 21));
        grants.runDueJobs(late);
        grants.runDueJobs(reassigned);
        String spare = pool.stream().filter(expert -> !reassignedPanel.contains(expert)).findFirst().orElseThrow();
        grants.complete("staff", reassigned, "ReassignReview", Map.of("expert", spare));

        JsonNode inReview = dashboard(competition);

        // Counts by state, in the states' order, without the states no application is in.
        assertThat(counts(inReview)).containsExactly(Map.entry("DRAFT", 1L), Map.entry("INADMISSIBLE", 1L),
                Map.entry("IN_REVIEW", 2L), Map.entry("SCORED", 3L));

        // Admission in figures on the dashboard; the rows, paged: every submitted application in order of submission,
        // the draft not among them.
        JsonNode admitted = inReview.path("admission");
        assertThat(admitted.path("submitted").asLong()).isEqualTo(6);
        assertThat(admitted.path("admitted").asLong()).isEqualTo(5);
        assertThat(admitted.path("inadmissible").asLong()).isEqualTo(1);
        assertThat(admitted.path("inadmissibleByReason").toString()).isEqualTo("{\"AMOUNT_TOO_HIGH\":1}");
        JsonNode admissionPage = page(competition, "admission", "page=0&size=4&count=true");
        assertThat(admissionPage.path("total").asLong()).isEqualTo(6);
        assertThat(admissionPage.path("hasMore").asBoolean()).isTrue();
        JsonNode secondAdmissionPage = page(competition, "admission", "page=1&size=4");
        assertThat(secondAdmissionPage.path("hasMore").asBoolean()).isFalse();
        assertThat(secondAdmissionPage.has("total")).isFalse();
        List<String> admissionIds = new ArrayList<>(ids(admissionPage.path("items")));
        admissionIds.addAll(ids(secondAdmissionPage.path("items")));
        assertThat(admissionIds).containsExactly(tooMuch, best, second, weak, late, reassigned).doesNotContain(draft);
        JsonNode admission = admissionPage.path("items");
        assertThat(admission.get(0).path("projectTitle").asText()).isEqualTo("Too much");
        assertThat(admission.get(0).path("organisation").asText()).isEqualTo(grants.fixtures.organisationA().name());
        assertThat(admission.get(0).path("state").asText()).isEqualTo("INADMISSIBLE");
        assertThat(admission.get(0).path("reasons").toString()).isEqualTo("[\"AMOUNT_TOO_HIGH\"]");
        assertThat(admission.get(1).path("state").asText()).isEqualTo("SCORED");
        assertThat(admission.get(1).path("reasons")).isEmpty();
        assertThat(secondAdmissionPage.path("items").get(0).path("state").asText()).isEqualTo("IN_REVIEW");

        // Review totals and the late reviews on the dashboard: submitted of expected (a replaced expert's review is not
        // expected); only the open review past its date is late.
        JsonNode totals = inReview.path("reviews");
        assertThat(totals.path("expected").asLong()).isEqualTo(10);
        assertThat(totals.path("submitted").asLong()).isEqualTo(8);
        assertThat(totals.path("late").asLong()).isEqualTo(1);
        JsonNode lateReviews = inReview.path("lateReviews");
        assertThat(ids(lateReviews)).containsExactly(late);
        assertThat(lateReviews.get(0).path("projectTitle").asText()).isEqualTo("Late review");
        assertThat(lateReviews.get(0).path("expert").asText()).isEqualTo(latePanel.get(0));
        assertThat(lateReviews.get(0).path("dueOn").asText()).isEqualTo("2026-04-20");

        // Review progress per application, paged, in order of submission.
        JsonNode progressPage = page(competition, "review-progress", "page=0&size=3&count=true");
        assertThat(progressPage.path("total").asLong()).isEqualTo(5);
        assertThat(progressPage.path("hasMore").asBoolean()).isTrue();
        JsonNode secondProgressPage = page(competition, "review-progress", "page=1&size=3");
        assertThat(secondProgressPage.path("hasMore").asBoolean()).isFalse();
        List<JsonNode> progress = new ArrayList<>();
        progressPage.path("items").forEach(progress::add);
        secondProgressPage.path("items").forEach(progress::add);
        assertThat(progress).extracting(row -> row.path("applicationId").asText())
                .containsExactly(best, second, weak, late, reassigned);
        for (int i = 0; i < 3; i++) {
            assertProgress(progress.get(i), 2, 2);
            assertThat(progress.get(i).path("late")).isEmpty();
        }
        assertThat(progress.get(3).path("projectTitle").asText()).isEqualTo("Late review");
        assertProgress(progress.get(3), 1, 2);
        assertThat(progress.get(3).path("late")).hasSize(1);
        assertThat(progress.get(3).path("late").get(0).path("expert").asText()).isEqualTo(latePanel.get(0));
        assertThat(progress.get(3).path("late").get(0).path("dueOn").asText()).isEqualTo("2026-04-20");
        assertProgress(progress.get(4), 1, 2);
        assertThat(progress.get(4).path("late")).isEmpty();

        // The lists are staff's only, as the dashboard is.
        for (String list : List.of("admission", "review-progress")) {
            Api.Response applicant = grants.api.get("cso-a", "/api/grants/competitions/" + competition + "/" + list);
            assertThat(applicant.status()).as(applicant.raw()).isEqualTo(403);
        }

        // The ranking so far: the two above the pass mark, best first, not yet decided.
        JsonNode ranking = inReview.path("ranking");
        assertThat(ids(ranking)).containsExactly(best, second);
        assertThat(inReview.path("rankedCount").asLong()).isEqualTo(2);
        JsonNode first = ranking.get(0);
        assertThat(first.path("rank").asInt()).isEqualTo(1);
        assertThat(first.path("projectTitle").asText()).isEqualTo("Foster family weekends");
        assertThat(first.path("organisation").asText()).isEqualTo(grants.fixtures.organisationA().name());
        assertThat(first.path("score").decimalValue())
                .isEqualByComparingTo(grants.application("staff", best).path("finalScore").decimalValue());
        assertThat(first.path("passMark").decimalValue()).isEqualByComparingTo("60");
        assertThat(first.path("requested").decimalValue()).isEqualByComparingTo("400000");
        assertThat(first.hasNonNull("decision")).isFalse();
        assertThat(first.hasNonNull("approved")).isFalse();
        assertThat(inReview.path("committed").decimalValue()).isEqualByComparingTo("0");
        assertThat(inReview.path("left").decimalValue()).isEqualByComparingTo("1000000");

        // Staff give the late expert five more days; the last reviews come in, the two latecomers scoring as the second
        // did, so equal scores rank by submission.
        grants.complete("staff", late, "ReassignReview", Map.of("extraDays", 5));
        grants.complete(latePanel.get(0), late, "ReviewApplication", Map.of("score1", 8, "comment1", "Relevance: 8",
                "score2", 8, "comment2", "Budget: 8"));
        grants.review(spare, reassigned, 8, 8);
        grants.endReviewPeriod(competition, LocalDate.of(2026, 4, 21));
        JsonNode scored = dashboard(competition);
        assertThat(ids(scored.path("ranking"))).containsExactly(best, second, late, reassigned);
        assertThat(scored.path("rankedCount").asLong()).isEqualTo(4);
        assertThat(scored.path("reviews").path("expected").asLong()).isEqualTo(10);
        assertThat(scored.path("reviews").path("submitted").asLong()).isEqualTo(10);
        assertThat(scored.path("lateReviews")).isEmpty();
        JsonNode lastProgress = page(competition, "review-progress", "page=1&size=3").path("items");
        assertProgress(lastProgress.get(0), 2, 2);
        assertProgress(lastProgress.get(1), 2, 2);

        // The committee decides by those ranks; the dashboard shows its decisions and the money.
        grants.complete("staff", competition, "DecideGrants",
                Map.of("decisions", List.of(Map.of("rank", 1, "decision", "APPROVE", "amount", 400000),
                        Map.of("rank", 2, "decision", "APPROVE", "amount", 250000), Map.of("rank", 3, "decision", "WAITLIST"),
                        Map.of("rank", 4, "decision", "REJECT"))));
        grants.runDueJobs(List.of(best, second, weak, late, reassigned));
        JsonNode decided = dashboard(competition);
        assertThat(counts(decided)).containsExactly(Map.entry("DRAFT", 1L), Map.entry("INADMISSIBLE", 1L),
                Map.entry("APPROVED", 2L), Map.entry("REJECTED", 2L), Map.entry("WAITLISTED", 1L));
        ranking = decided.path("ranking");
        assertThat(ids(ranking)).containsExactly(best, second, late, reassigned);
        assertThat(ranking.get(0).path("decision").asText()).isEqualTo("APPROVE");
        assertThat(ranking.get(0).path("approved").decimalValue()).isEqualByComparingTo("400000");
        assertThat(ranking.get(1).path("approved").decimalValue()).isEqualByComparingTo("250000");
        assertThat(ranking.get(2).path("decision").asText()).isEqualTo("WAITLIST");
        assertThat(ranking.get(3).path("rank").asInt()).isEqualTo(4);
        assertThat(ranking.get(3).path("decision").asText()).isEqualTo("REJECT");
        assertThat(grants.api.get("staff", "/api/grants/competitions/" + competition + "/ranking").json()).isEqualTo(ranking);
        assertThat(decided.path("budgetPool").decimalValue()).isEqualByComparingTo("1000000");
        assertThat(decided.path("committed").decimalValue()).isEqualByComparingTo("650000");
        assertThat(decided.path("left").decimalValue()).isEqualByComparingTo("350000");
        assertThat(decided.path("overdueReports")).isEmpty();
    }

    private JsonNode dashboard(String competition) {
        Api.Response response = grants.api.get("staff", "/api/grants/competitions/" + competition + "/dashboard");
        assertThat(response.status()).as(response.raw()).isEqualTo(200);
        return response.json();
    }

    private JsonNode page(String competition, String list, String query) {
        Api.Response response = grants.api.get("staff", "/api/grants/competitions/" + competition + "/" + list + "?" + query);
        assertThat(response.status()).as(response.raw()).isEqualTo(200);
        return response.json();
    }

    private static Map<String, Long> counts(JsonNode dashboard) {
        Map<String, Long> counts = new LinkedHashMap<>();
        dashboard.path("countsByState").fields().forEachRemaining(field -> counts.put(field.getKey(), field.getValue().asLong()));
        return counts;
    }

    private static void assertProgress(JsonNode row, long submitted, long expected) {
        assertThat(row.path("submitted").asLong()).as(row.toString()).isEqualTo(submitted);
        assertThat(row.path("expected").asLong()).as(row.toString()).isEqualTo(expected);
    }

    private void reviewByWholePanel(String application, int relevance, int budget) {
        for (String expert : grants.panel(application)) {
            grants.review(expert, application, relevance, budget);
        }
    }

    private static List<String> ids(JsonNode rows) {
        List<String> ids = new ArrayList<>();
        rows.forEach(row -> ids.add(row.path("applicationId").asText()));
        return ids;
    }
}
