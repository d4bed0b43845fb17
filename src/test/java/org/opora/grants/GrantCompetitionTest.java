package org.opora.grants;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.opora.support.Api;
import org.opora.support.OporaIntegrationTest;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationContext;

import com.fasterxml.jackson.databind.JsonNode;
import com.icegreen.greenmail.junit5.GreenMailExtension;
import com.icegreen.greenmail.util.GreenMailUtil;
import org.opora.support.TestSmtp;

import jakarta.mail.internet.MimeMessage;

/** A whole competition, from the call to the final report, through the API staff, experts and applicants use. */
@OporaIntegrationTest
@ExtendWith(OutputCaptureExtension.class)
class GrantCompetitionTest {

    @RegisterExtension
    static GreenMailExtension smtp = TestSmtp.server();

    @Autowired
    ApplicationContext context;

    GrantScenario grants;

    @BeforeEach
    void aCommitteeAndAnExpertPool() {
        grants = GrantScenario.withCommitteeInMarch(context);
    }

    @Test
    void aCompetitionRunsFromTheCallToTheFinalReport(CapturedOutput output) throws Exception {
        String cso = grants.expert("CSO", GrantScenario.TVER);
        String government = grants.expert("GOVERNMENT", null);
        String business = grants.expert("BUSINESS", null);
        String competition = grants.createCompetition(grants.competition(List.of(cso, government, business), Map.of()));

        String best = grants.submit(competition, grants.application("Foster family weekends", 400_000));
        String second = grants.submit(competition, grants.application("Summer camp", 300_000));
        String third = grants.submit(competition, grants.application("Big playground", 500_000));
        // Its own title: other classes' rejections reach the same mailbox of CSO A.
        String weakTitle = "Leaflets " + UUID.randomUUID().toString().substring(0, 8);
        String weak = grants.submit(competition, grants.application(weakTitle, 100_000));

        // The applicant sees what is expected of them; staff see the admission results.
        JsonNode mine = grants.api.get("cso-a", "/api/grants/applications?competitionId=" + competition).json();
        assertThat(mine).hasSize(4);
        assertThat(mine.get(0).path("state").asText()).isEqualTo("SUBMITTED");
        assertThat(grants.api.get("cso-b", "/api/grants/applications?competitionId=" + competition).json()).isEmpty();

        for (String application : List.of(best, second, third, weak)) {
            List<String> panel = grants.admitWithProposedPanel(application);
            // One expert from the applicant's region, and two different sectors on a panel of two.
            assertThat(panel).hasSize(2).contains(cso);
        }
        grants.review(cso, best, 10, 9);
        grants.review(other(grants.panel(best), cso), best, 9, 9);
        grants.review(cso, second, 8, 8);
        grants.review(other(grants.panel(second), cso), second, 8, 7);
        grants.review(cso, third, 8, 8);          // 80 and 70: 75 points, pass mark 70 for 500,000
        grants.review(other(grants.panel(third), cso), third, 7, 7);
        grants.review(cso, weak, 4, 5);           // 43.33 points: below the pass mark of 60
        grants.review(other(grants.panel(weak), cso), weak, 5, 4);
        assertThat(grants.state(best)).isEqualTo("SCORED");
        // Neither the applicant nor an expert learns from the case who else reviews; staff do.
        assertThat(grants.api.get("cso-a", "/api/cases/" + best).raw()).doesNotContain(cso).doesNotContain(government)
                .doesNotContain(business).contains("grant-review-submitted");
        assertThat(grants.api.get(cso, "/api/cases/" + best).raw()).contains(cso).doesNotContain(government)
                .doesNotContain(business);
        assertThat(grants.api.get("staff", "/api/cases/" + best).raw()).contains(cso);
        assertThat(grants.application("staff", best).path("finalScore").decimalValue()).isEqualByComparingTo("93.34");

        // The review period ends: the committee sees the ranked list and the pool.
        grants.endReviewPeriod(competition, LocalDate.of(2026, 4, 21));
        JsonNode dashboard = grants.api.get("staff", "/api/grants/competitions/" + competition + "/dashboard").json();
        assertThat(dashboard.path("ranking")).hasSize(3);
        assertThat(dashboard.path("ranking").get(0).path("applicationId").asText()).isEqualTo(best);
        assertThat(dashboard.path("countsByState").path("SCORED").asInt()).isEqualTo(4);

        // Approvals beyond the pool are refused, and nothing changes.
        int logBefore = output.getAll().length();
        Api.Response tooMuch = grants.tryComplete("staff", competition, "DecideGrants",
                Map.of("decisions", List.of(Map.of("rank", 1, "decision", "APPROVE", "amount", 400000),
                        Map.of("rank", 2, "decision", "APPROVE", "amount", 300000),
                        Map.of("rank", 3, "decision", "APPROVE", "amount", 500000))));
        assertThat(tooMuch.status()).as(tooMuch.raw()).isEqualTo(400);
        assertThat(output.getAll().substring(logBefore)).as("a refused completion is the client's mistake, not an error")
                .doesNotContain(" ERROR ").doesNotContain("ENGINE-16004");
        assertThat(tooMuch.json().path("errors").toString()).contains("decisions", "budget pool");
        // Kopecks at most, checked before any sum (a tiny amount with a huge exponent would take minutes to add).
        Api.Response finer = grants.tryComplete("staff", competition, "DecideGrants",
                Map.of("decisions", List.of(Map.of("rank", 1, "decision", "APPROVE", "amount", new java.math.BigDecimal("0.001")))));
        assertThat(finer.status()).as(finer.raw()).isEqualTo(400);
        assertThat(finer.json().path("errors").get(0).path("field").asText()).isEqualTo("decisions[0].amount");
        assertThat(grants.state(best)).isEqualTo("SCORED");
        // Neither the applicant nor an expert learns from the case who else reviews; staff do.
        assertThat(grants.api.get("cso-a", "/api/cases/" + best).raw()).doesNotContain(cso).doesNotContain(government)
                .doesNotContain(business).contains("grant-review-submitted");
        assertThat(grants.api.get(cso, "/api/cases/" + best).raw()).contains(cso).doesNotContain(government)
                .doesNotContain(business);
        assertThat(grants.api.get("staff", "/api/cases/" + best).raw()).contains(cso);

        grants.complete("staff", competition, "DecideGrants",
                Map.of("decisions", List.of(Map.of("rank", 1, "decision", "APPROVE", "amount", 400000),
                        Map.of("rank", 2, "decision", "APPROVE", "amount", 250000), Map.of("rank", 3, "decision", "WAITLIST"))));
        grants.runDueJobs(List.of(best, second, third, weak));
        assertThat(grants.state(best)).isEqualTo("APPROVED");
        assertThat(grants.application("staff", second).path("approvedAmount").decimalValue()).isEqualByComparingTo("250000");
        assertThat(grants.state(third)).isEqualTo("WAITLISTED");
        assertThat(grants.state(weak)).isEqualTo("REJECTED");
        JsonNode money = grants.api.get("staff", "/api/grants/competitions/" + competition + "/dashboard").json();
        assertThat(money.path("committed").decimalValue()).isEqualByComparingTo("650000");

        assertThat(grants.outboxSubjects("cso-a@opora.test", "grant-approved", best)).containsExactly(
                "Grant approved: Foster family weekends");
        assertThat(grants.outboxSubjects("cso-a@opora.test", "grant-waitlisted", third)).containsExactly(
                "Application on the waitlist: Big playground");
        for (String application : List.of(best, second, third, weak)) {
            assertThat(grants.outboxSubjects("cso-b@opora.test", "grant-", application)).isEmpty();
        }

        // The rejected applicant learns the scores and comments, never the experts' names.
        grants.drainOutbox();
        MimeMessage rejection = GrantAdmissionTest.only(smtp.getReceivedMessagesForDomain("cso-a@opora.test"), "Grant not approved: " + weakTitle);
        String body = GreenMailUtil.getBody(rejection);
        assertThat(body).contains("Relevance: 4/10", "Budget: 4").doesNotContain(cso).doesNotContain(government)
                .doesNotContain(business);

        // The best one signs and is paid in two tranches, with an interim and a final report.
        grants.complete("cso-a", best, "SignAgreement", Map.of("bankAccount", "40703810900000000001", "bankBik", "044525225",
                "signatory", "Anna Petrova, director", "signed", true));
        JsonNode funding = grants.api.get("cso-a", "/api/grants/applications/" + best + "/funding").json();
        assertThat(funding.path("tranches").get(0).path("amount").decimalValue()).isEqualByComparingTo("200000");
        assertThat(funding.path("tranches").get(0).path("releasedAt").isNull()).isFalse();
        assertThat(funding.path("tranches").get(1).path("releasedAt").isMissingNode()).isTrue();

        grants.complete("cso-a", best, "SubmitReport", Map.of("narrative", "Five weekends held", "beneficiariesReached", 25,
                "spending", List.of(Map.of("spent", 100000), Map.of("spent", 90000))));
        grants.complete("staff", best, "ReviewReport", Map.of("verdict", "accept"));
        grants.complete("cso-a", best, "SubmitReport", Map.of("narrative", "All ten weekends held", "beneficiariesReached", 42,
                "spending", List.of(Map.of("spent", 200000), Map.of("spent", 200000))));
        grants.complete("staff", best, "ReviewReport", Map.of("verdict", "accept"));
        assertThat(grants.state(best)).isEqualTo("CLOSED");
        assertThat(grants.ended(best)).isTrue();
        JsonNode closed = grants.api.get("cso-a", "/api/grants/applications/" + best + "/funding").json();
        assertThat(closed.path("tranches").get(1).path("releasedAt").isMissingNode()).isFalse();
        assertThat(closed.path("reports").get(1).path("finalReport").asBoolean()).isTrue();

        // Exports of the ranked list and of all applications.
        Api.Response csv = grants.api.get("staff", "/api/grants/competitions/" + competition + "/ranking.csv");
        assertThat(csv.raw()).contains("rank,application", "Foster family weekends", "APPROVE");
        Api.Response xlsx = grants.api.get("staff", "/api/grants/competitions/" + competition + "/applications.xlsx");
        assertThat(xlsx.status()).isEqualTo(200);
        assertThat(xlsx.headers().getContentType().toString()).contains("spreadsheetml");
        assertThat(grants.api.get("cso-a", "/api/grants/competitions/" + competition + "/ranking.csv").status()).isEqualTo(403);
    }

    private static String other(List<String> panel, String expert) {
        return panel.stream().filter(id -> !id.equals(expert)).findFirst().orElseThrow();
    }
}
