package org.opora.grants;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.opora.grants.committee.CommitteeGroup;
import org.opora.support.Api;
import org.opora.support.OporaIntegrationTest;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationContext;

import com.fasterxml.jackson.databind.JsonNode;
import com.icegreen.greenmail.junit5.GreenMailExtension;
import com.icegreen.greenmail.util.GreenMailUtil;
import org.opora.support.TestSmtp;

/** After the decision: the agreement and its deadline, the waitlist, tranches and reports. */
@OporaIntegrationTest
class GrantFundingTest {

    @RegisterExtension
    static GreenMailExtension smtp = TestSmtp.server();

    @Autowired
    ApplicationContext context;

    GrantScenario grants;
    List<String> pool;

    @BeforeEach
    void aCommitteeAndTwoExperts() {
        grants = GrantScenario.withCommitteeInMarch(context);
        pool = List.of(grants.expert("CSO", GrantScenario.TVER), grants.expert("GOVERNMENT", null));
    }

    @Test
    void anAgreementNotSignedInTimeLapsesAndTheWaitlistMovesUp() throws Exception {
        String competition = grants.createCompetition(grants.competition(pool, Map.of("budgetPool", 600_000)));
        String first = scored(competition, "Foster family weekends", 400_000, 9);
        String waiting = scored(competition, "Summer camp", 300_000, 8);
        String last = scored(competition, "Choir", 350_000, 7);   // more than is left once the camp is funded
        decide(competition, GrantScenario.decisions("APPROVE", "WAITLIST", "WAITLIST"), first, waiting, last);
        assertThat(grants.state(first)).isEqualTo("APPROVED");
        assertThat(grants.state(waiting)).isEqualTo("WAITLISTED");

        // Ten working days from Tuesday 21 April 2026 (1 May is a holiday): Wednesday 6 May.
        assertThat(grants.application("cso-a", first).path("agreementDue").asText()).isEqualTo("2026-05-06");
        GrantScenario.setClock(LocalDate.of(2026, 5, 6));
        grants.runDueJobs(first);
        assertThat(grants.state(first)).as("due on 6 May: not late yet").isEqualTo("APPROVED");
        GrantScenario.setClock(LocalDate.of(2026, 5, 7));
        grants.runDueJobs(first);

        assertThat(grants.state(first)).isEqualTo("LAPSED");
        assertThat(grants.state(waiting)).isEqualTo("APPROVED");
        assertThat(grants.state(last)).isEqualTo("WAITLISTED");
        assertThat(grants.taskFor("cso-a", waiting, "SignAgreement")).isNotNull();
        JsonNode money = grants.api.get("staff", "/api/grants/competitions/" + competition + "/dashboard").json();
        assertThat(money.path("committed").decimalValue()).isEqualByComparingTo("300000");
        grants.drainOutbox();
        assertThat(GrantAdmissionTest.subjects(smtp.getReceivedMessagesForDomain("cso-a@opora.test")))
                .contains("The agreement was not signed in time: Foster family weekends", "Grant approved: Summer camp");

        // The waitlist closes for the one still waiting.
        GrantScenario.setClock(LocalDate.of(2026, 6, 22));
        grants.runDueJobs(last);
        assertThat(grants.state(last)).isEqualTo("REJECTED");
        assertThat(grants.ended(last)).isTrue();
    }

    @Test
    void theCommitteeCannotDecideWhileAThirdExpertStillReviews() {
        List<String> three = List.of(pool.get(0), pool.get(1), grants.expert("BUSINESS", null));
        String competition = grants.createCompetition(grants.competition(three, Map.of()));
        String id = grants.submit(competition, grants.application("Foster family weekends", 400_000));
        List<String> panel = grants.admitWithProposedPanel(id);
        grants.review(panel.get(0), id, 10, 10);
        grants.review(panel.get(1), id, 3, 3);
        assertThat(grants.panel(id)).hasSize(1);
        assertThat(grants.state(id)).isEqualTo("IN_REVIEW");

        grants.endReviewPeriod(competition, LocalDate.of(2026, 4, 21));
        Api.Response early = grants.tryComplete("staff", competition, "DecideGrants", Map.of("decisions", GrantScenario.decisions("APPROVE")));
        assertThat(early.status()).isEqualTo(409);
        assertThat(grants.state(id)).isEqualTo("IN_REVIEW");

        grants.review(grants.panel(id).get(0), id, 9, 9);
        // The committee's task shows the ranking as it is now.
        String ranking = (String) grants.taskService.getVariableLocal(grants.tasks(competition, "DecideGrants").get(0).getId(),
                "ranking");
        assertThat(ranking).contains("1. Foster family weekends — балл 95.00");
        grants.complete("staff", competition, "DecideGrants", Map.of("decisions", GrantScenario.decisions("APPROVE")));
        grants.runDueJobs(id);
        assertThat(grants.state(id)).isEqualTo("APPROVED");
        assertThat(grants.taskFor("cso-a", id, "SignAgreement")).isNotNull();
    }

    @Test
    void theCommitteesTaskIsAGrantsTaskOfTheCompetitionsCaseAndTheDecisionClosesTheIntake() {
        Map<String, Object> body = grants.competition(pool, Map.of());
        body.remove("trancheShares");
        String competition = grants.createCompetition(body);
        assertThat(grants.api.get("staff", "/api/grants/competitions/" + competition).json().path("trancheShares").toString())
                .as("the README's default").isEqualTo("[50,50]");
        String scored = scored(competition, "Foster family weekends", 400_000, 9);
        String late = grants.draft("cso-a", competition, grants.application("A late idea", 200_000));
        grants.endReviewPeriod(competition, LocalDate.of(2026, 4, 21));

        JsonNode grantTasks = grants.api.get("staff", "/api/tasks?count=true&process=grants&caseId=" + competition).json();
        assertThat(grantTasks.path("total").asInt()).isEqualTo(1);
        assertThat(grantTasks.path("items").get(0).path("caseId").asText()).isEqualTo(competition);
        assertThat(grantTasks.path("items").get(0).path("process").asText()).isEqualTo("grants");
        Api.Response byProcessId = grants.api.get("staff", "/api/tasks?count=true&process=grant-competition&caseId=" + competition);
        assertThat(byProcessId.status()).as(byProcessId.raw()).isEqualTo(200);
        assertThat(byProcessId.json().path("total").asInt()).isEqualTo(1);
        assertThat(grants.api.get("staff", "/api/cases/" + competition).status()).isEqualTo(200);
        assertThat(grants.api.get("cso-a", "/api/cases/" + competition).status()).isEqualTo(404);

        // The API takes the decisions as a typed list; each is checked where Tasklist's lines are checked.
        String decisions = "/api/grants/competitions/" + competition + "/decisions";
        Api.Response badRank = grants.api.post("staff", decisions, Map.of("decisions", List.of(Map.of("rank", 0, "decision", "APPROVE"))));
        assertThat(badRank.status()).isEqualTo(400);
        assertThat(badRank.json().path("errors").get(0).path("field").asText()).isEqualTo("decisions[0].rank");
        assertThat(grants.api.post("staff", decisions, Map.of("decisions", List.of(Map.of("rank", 1, "decision", "MAYBE"))))
                .json().path("errors").get(0).path("field").asText()).isEqualTo("decisions[0].decision");
        Api.Response unranked = grants.api.post("staff", decisions, Map.of("decisions", List.of(Map.of("rank", 2, "decision", "APPROVE"))));
        assertThat(unranked.status()).isEqualTo(400);
        assertThat(unranked.json().path("errors").get(0).path("message").asText()).contains("no application ranked 2");
        assertThat(grants.api.post("cso-a", decisions, Map.of("decisions", List.of(Map.of("rank", 1, "decision", "APPROVE"))))
                .status()).isEqualTo(403);
        Api.Response decided = grants.api.post("staff", decisions,
                Map.of("decisions", List.of(Map.of("rank", 1, "decision", "APPROVE", "amount", 300_000))));
        assertThat(decided.status()).as(decided.raw()).isEqualTo(204);
        assertThat(grants.tasks(competition, "DecideGrants")).isEmpty();
        grants.runDueJobs(scored);
        assertThat(grants.state(scored)).isEqualTo("APPROVED");
        assertThat(grants.application("staff", scored).path("approvedAmount").decimalValue()).isEqualByComparingTo("300000");
        assertThat(grants.api.post("staff", decisions, Map.of("decisions", List.of(Map.of("rank", 1, "decision", "REJECT"))))
                .status()).isEqualTo(409);
        // Even on a day the intake window would allow, nothing enters the competition once it is decided.
        GrantScenario.setClock(LocalDate.of(2026, 3, 20));
        assertThat(grants.api.post("cso-a", "/api/grants/applications/" + late + "/submit", null).status()).isEqualTo(409);
        assertThat(grants.api.post("cso-a", "/api/grants/applications", Map.of("competitionId", competition)).status())
                .isEqualTo(409);
    }

    @Test
    void onlyTheCommitteeOfTheCompetitionsCentreDecides() {
        String competition = grants.createCompetition(grants.competition(pool, Map.of()));
        String id = scored(competition, "Foster family weekends", 400_000, 9);
        grants.endReviewPeriod(competition, LocalDate.of(2026, 4, 21));
        String colleague = grants.fixtures.newUser(org.opora.security.Role.STAFF, "colleague",
                org.opora.users.NotificationMode.NONE, null);

        Api.Response notOnTheCommittee = grants.tryComplete(colleague, competition, "DecideGrants",
                Map.of("decisions", GrantScenario.decisions("APPROVE")));

        assertThat(notOnTheCommittee.status()).isEqualTo(403);
        assertThat(grants.state(id)).isEqualTo("SCORED");
    }

    @Test
    void aCommitteeMemberOfAnotherCentreIsRefused() {
        String competition = grants.createCompetition(grants.competition(pool, Map.of()));
        String id = scored(competition, "Rural library evenings", 400_000, 9);
        grants.endReviewPeriod(competition, LocalDate.of(2026, 4, 21));
        String elsewhere = grants.fixtures.newUserOfOtherCentre(org.opora.security.Role.STAFF, "committee-elsewhere");
        grants.identityService.createMembership(elsewhere, CommitteeGroup.GROUP_ID);

        Api.Response byTask = grants.tryComplete(elsewhere, competition, "DecideGrants", Map.of("decisions", GrantScenario.decisions("APPROVE")));
        Api.Response byApi = grants.api.post(elsewhere, "/api/grants/competitions/" + competition + "/decisions",
                Map.of("decisions", List.of(Map.of("rank", 1, "decision", "APPROVE"))));

        // Not even told that the competition or its task exists.
        assertThat(byTask.status()).isEqualTo(404);
        assertThat(byApi.status()).isEqualTo(404);
        assertThat(grants.state(id)).isEqualTo("SCORED");
        assertThat(grants.tasks(competition, "DecideGrants")).hasSize(1);
    }

    @Test
    void anOverdueReportIsRemindedThenEscalatedToStaff() {
        String competition = grants.createCompetition(grants.competition(pool, Map.of()));
        String id = signedGrant(competition);
        JsonNode report = grants.api.get("cso-a", "/api/grants/applications/" + id + "/funding").json().path("reports").get(0);
        // Two tranches over ten months: the interim report is due five months after signing.
        assertThat(report.path("dueOn").asText()).isEqualTo("2026-09-21");
        assertThat(grants.application("cso-a", id).path("expected").get(0).path("task").asText()).isEqualTo("Submit the report");

        GrantScenario.setClock(LocalDate.of(2026, 9, 14));
        grants.runDueJobs(id);
        assertThat(grants.outboxSubjects("cso-a@opora.test", "grant-report-reminder", id))
                .containsExactly("Report due soon: Foster family weekends");
        assertThat(grants.tasks(id, "ChaseReport")).isEmpty();

        GrantScenario.setClock(LocalDate.of(2026, 9, 22));
        grants.runDueJobs(id);
        assertThat(grants.tasks(id, "ChaseReport")).hasSize(1);
        JsonNode dashboard = grants.api.get("staff", "/api/grants/competitions/" + competition + "/dashboard").json();
        assertThat(dashboard.path("overdueReports")).hasSize(1);
        assertThat(dashboard.path("overdueReports").get(0).path("applicationId").asText()).isEqualTo(id);
        assertThat(dashboard.path("overdueReports").get(0).path("projectTitle").asText()).isEqualTo("Foster family weekends");
        assertThat(dashboard.path("overdueReports").get(0).path("number").asInt()).isEqualTo(1);
        assertThat(dashboard.path("overdueReports").get(0).path("finalReport").asBoolean()).isFalse();
        assertThat(dashboard.path("overdueReports").get(0).path("dueOn").asText()).isEqualTo("2026-09-21");
        // The report can still come: the organisation's task stays open beside the staff's.
        assertThat(grants.taskFor("cso-a", id, "SubmitReport")).isNotNull();
        grants.complete("staff", id, "ChaseReport", Map.of("note", "Called the director; the report comes on Friday"));

        // Returned after its due date, the report gets ten more days instead of being chased again at once.
        // Through the API the amounts are a list, one per budget line.
        String reportApi = "/api/grants/applications/" + id + "/report";
        Api.Response negative = grants.api.post("cso-a", reportApi, Map.of("narrative", "Half done", "beneficiariesReached", 20,
                "spending", List.of(100_000, -1)));
        assertThat(negative.status()).isEqualTo(400);
        assertThat(negative.json().path("errors").get(0).path("field").asText()).startsWith("spending[1]");
        Api.Response tooFew = grants.api.post("cso-a", reportApi, Map.of("narrative", "Half done", "beneficiariesReached", 20,
                "spending", List.of(100_000)));
        assertThat(tooFew.status()).isEqualTo(400);
        assertThat(tooFew.json().path("errors").get(0).path("field").asText()).isEqualTo("spending");
        assertThat(grants.api.post("cso-b", reportApi, Map.of("narrative", "Half done", "beneficiariesReached", 20,
                "spending", List.of(100_000, 90_000))).status()).isEqualTo(404);
        Api.Response submitted = grants.api.post("cso-a", reportApi, Map.of("narrative", "Half done", "beneficiariesReached", 20,
                "spending", List.of(100_000, 90_000.5)));
        assertThat(submitted.status()).as(submitted.raw()).isEqualTo(204);
        assertThat(grants.tasks(id, "SubmitReport")).isEmpty();
        grants.complete("staff", id, "ReviewReport", Map.of("verdict", "return", "comment", "Add the photos"));
        grants.runDueJobs(id);
        assertThat(grants.tasks(id, "ChaseReport")).isEmpty();
        assertThat(grants.api.get("cso-a", "/api/grants/applications/" + id + "/funding").json().path("reports").get(0)
                .path("dueOn").asText()).isEqualTo("2026-10-02");
    }

    @Test
    void overspendingABudgetLineByMoreThanTenPercentNeedsStaffApproval() {
        String competition = grants.createCompetition(grants.competition(pool, Map.of()));
        String id = signedGrant(competition);
        // Materials were planned at 200,000: 230,000 is 15% over.
        grants.complete("cso-a", id, "SubmitReport", Map.of("narrative", "Half done", "beneficiariesReached", 20,
                "spending", List.of(Map.of("spent", 230000), Map.of("spent", 10000))));

        Api.Response unapproved = grants.tryComplete("staff", id, "ReviewReport", Map.of("verdict", "accept"));
        assertThat(unapproved.status()).isEqualTo(400);
        assertThat(unapproved.json().path("errors").get(0).path("field").asText()).isEqualTo("overspendApproved");

        grants.complete("staff", id, "ReviewReport", Map.of("verdict", "return", "comment", "Explain the materials"));
        assertThat(grants.taskFor("cso-a", id, "SubmitReport")).isNotNull();
        grants.complete("cso-a", id, "SubmitReport", Map.of("narrative", "Half done; paint cost more", "beneficiariesReached", 20,
                "spending", List.of(Map.of("spent", 230000), Map.of("spent", 10000))));
        grants.complete("staff", id, "ReviewReport", Map.of("verdict", "accept", "overspendApproved", true));

        JsonNode funding = grants.api.get("staff", "/api/grants/applications/" + id + "/funding").json();
        assertThat(funding.path("reports").get(0).path("state").asText()).isEqualTo("ACCEPTED");
        assertThat(funding.path("reports").get(0).path("overspendApprovedBy").asText()).isEqualTo("staff");
        assertThat(funding.path("tranches").get(1).path("releasedAt").isMissingNode()).isFalse();
    }

    @Test
    void aSpendingReportMustCoverEveryBudgetLine() {
        String competition = grants.createCompetition(grants.competition(pool, Map.of()));
        String id = signedGrant(competition);
        Api.Response partial = grants.tryComplete("cso-a", id, "SubmitReport", Map.of("narrative", "Half done",
                "beneficiariesReached", 20, "spending", List.of(Map.of("spent", 100000))));
        assertThat(partial.status()).isEqualTo(400);
        assertThat(partial.json().path("errors").get(0).path("field").asText()).isEqualTo("spending");
        // A bad row is refused by the form's rules for its field, named by its place; nothing is recorded.
        Api.Response notANumber = grants.tryComplete("cso-a", id, "SubmitReport", Map.of("narrative", "Half done",
                "beneficiariesReached", 20, "spending", List.of(Map.of("spent", 10), Map.of("spent", "a lot"))));
        assertThat(notANumber.status()).as(notANumber.raw()).isEqualTo(400);
        assertThat(notANumber.json().path("errors").findValuesAsText("field")).containsExactly("spending[1].spent");
        Api.Response negative = grants.tryComplete("cso-a", id, "SubmitReport", Map.of("narrative", "Half done",
                "beneficiariesReached", 20, "spending", List.of(Map.of("spent", 10), Map.of("spent", -5))));
        assertThat(negative.status()).as(negative.raw()).isEqualTo(400);
        assertThat(negative.json().path("errors").findValuesAsText("field")).containsExactly("spending[1]");
        // The report's API takes the amounts in the budget's order, under the same rule.
        Api.Response byApi = grants.api.post("cso-a", "/api/grants/applications/" + id + "/report", Map.of("narrative",
                "Half done", "beneficiariesReached", 20, "spending", List.of(10, 10.001)));
        assertThat(byApi.status()).as(byApi.raw()).isEqualTo(400);
        assertThat(byApi.json().path("errors").findValuesAsText("field")).containsExactly("spending[1]");
        assertThat(grants.api.get("cso-a", "/api/grants/applications/" + id + "/funding").json().path("reports").get(0)
                .path("state").asText()).isEqualTo("DUE");
        assertThat(grants.taskFor("cso-a", id, "SubmitReport")).isNotNull();
    }

    /** Submitted, admitted and scored by both experts with {@code relevance} and a budget score of 8. */
    private String scored(String competition, String title, long amount, int relevance) {
        String id = grants.submit(competition, grants.application(title, amount));
        for (String expert : grants.admitWithProposedPanel(id)) {
            grants.review(expert, id, relevance, 8);
        }
        assertThat(grants.state(id)).isEqualTo("SCORED");
        return id;
    }

    private void decide(String competition, List<Map<String, Object>> decisions, String... applications) {
        grants.endReviewPeriod(competition, LocalDate.of(2026, 4, 21));
        grants.complete("staff", competition, "DecideGrants", Map.of("decisions", decisions));
        grants.runDueJobs(List.of(applications));
    }

    /** A grant of 400,000 in two tranches, approved and signed: the first tranche is released. */
    private String signedGrant(String competition) {
        String id = scored(competition, "Foster family weekends", 400_000, 9);
        decide(competition, GrantScenario.decisions("APPROVE"), id);
        sign(id);
        return id;
    }

    private void sign(String id) {
        grants.complete("cso-a", id, "SignAgreement", Map.of("bankAccount", "40703810900000000001", "bankBik", "044525225",
                "signatory", "Anna Petrova, director", "signed", true));
    }
}
