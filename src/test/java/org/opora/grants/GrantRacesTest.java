package org.opora.grants;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import org.camunda.bpm.engine.task.Task;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.opora.security.Role;
import org.opora.grants.committee.CommitteeGroup;
import org.opora.support.Api;
import org.opora.support.OporaIntegrationTest;
import org.opora.support.TestSmtp;
import org.opora.users.NotificationMode;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationContext;

import com.icegreen.greenmail.junit5.GreenMailExtension;

/**
 * Races of the grant competition, as people make them: committee members deciding at the same moment,
 * two experts submitting their scores at the same instant. The invariants hold (the pool is never
 * exceeded, every review is kept) and a loser gets a 409 problem it can retry, never a 500.
 */
@OporaIntegrationTest
class GrantRacesTest {

    private static final int COMMITTEE = 6;

    @RegisterExtension
    static GreenMailExtension smtp = TestSmtp.server();

    @Autowired
    ApplicationContext context;

    GrantScenario grants;
    List<String> pool;

    @BeforeEach
    void inMarch() {
        grants = new GrantScenario(context);
        grants.staffOnCommittee();
        GrantScenario.setClock(LocalDate.of(2026, 3, 2));
        pool = List.of(grants.expert("CSO", GrantScenario.TVER), grants.expert("GOVERNMENT", null));
    }

    @Test
    void committeeMembersDecidingAtTheSameMomentNeverExceedThePool() throws Exception {
        for (int round = 0; round < 2; round++) {
            GrantScenario.setClock(LocalDate.of(2026, 3, 2));
            String competition = grants.createCompetition(grants.competition(pool, Map.of("budgetPool", 600_000)));
            String first = scored(competition, "Foster family weekends " + round, 400_000);
            String second = scored(competition, "Rural library evenings " + round, 400_000);
            grants.endReviewPeriod(competition, LocalDate.of(2026, 4, 21));
            List<String> members = new ArrayList<>();
            for (int i = 0; i < COMMITTEE; i++) {
                String member = grants.fixtures.newUser(Role.STAFF, "committee", NotificationMode.NONE, null);
                grants.identityService.createMembership(member, CommitteeGroup.GROUP_ID);
                members.add(member);
            }

            // Each member approves one of the two (both fit the pool alone, not together) and waitlists the other.
            List<Callable<Api.Response>> decisions = new ArrayList<>();
            for (int i = 0; i < COMMITTEE; i++) {
                String member = members.get(i);
                int approved = i % 2 + 1;
                decisions.add(() -> grants.api.post(member, "/api/grants/competitions/" + competition + "/decisions",
                        Map.of("decisions", List.of(Map.of("rank", approved, "decision", "APPROVE"),
                                Map.of("rank", 3 - approved, "decision", "WAITLIST")))));
            }
            List<Api.Response> responses = atOnce(decisions);

            assertThat(responses).extracting(Api.Response::status).as(describe(responses)).containsOnly(204, 409)
                    .filteredOn(status -> status == 204).hasSize(1);
            assertOnlyConflictProblems(responses);
            grants.runDueJobs(List.of(first, second));
            List<String> states = List.of(grants.state(first), grants.state(second));
            assertThat(states).as("one approved within the pool of 600,000, the other waitlisted")
                    .containsExactlyInAnyOrder("APPROVED", "WAITLISTED");
            assertThat(grants.tasks(competition, "DecideGrants")).isEmpty();
        }
    }

    @Test
    void twoExpertsSubmittingAtTheSameInstantBothKeepTheirScoresAndALoserRetries() throws Exception {
        String competition = grants.createCompetition(grants.competition(pool, Map.of()));
        for (int round = 0; round < 3; round++) {
            String id = grants.submit(competition, grants.application("Weekend workshops " + round, 300_000));
            List<String> panel = grants.admitWithProposedPanel(id);
            assertThat(panel).hasSize(2);
            for (String expert : panel) {
                grants.complete(expert, id, "DeclareConflicts", Map.of("conflict", "no"));
            }
            List<Callable<Api.Response>> submissions = new ArrayList<>();
            for (String expert : panel) {
                Task task = grants.taskFor(expert, id, "ReviewApplication");
                submissions.add(() -> grants.api.post(expert, "/api/tasks/" + task.getId() + "/complete", scores()));
            }
            List<Api.Response> responses = atOnce(submissions);

            assertThat(responses).extracting(Api.Response::status).as(describe(responses))
                    .allMatch(status -> status == 204 || status == 409).contains(204);
            assertOnlyConflictProblems(responses);
            for (int i = 0; i < panel.size(); i++) {
                if (responses.get(i).status() == 409) {
                    // The loser's form is still there: submitting again is enough.
                    grants.complete(panel.get(i), id, "ReviewApplication", scores());
                }
            }
            assertThat(grants.state(id)).isEqualTo("SCORED");
            assertThat(grants.jdbc.sql("SELECT COUNT(DISTINCT s.review_id) FROM grant_review_score s JOIN grant_review r "
                    + "ON r.id = s.review_id WHERE r.application_id = ? AND r.submitted_at IS NOT NULL")
                    .param(java.util.UUID.fromString(id)).query(Long.class).single()).as("both reviews kept").isEqualTo(2);
        }
    }

    private static Map<String, Object> scores() {
        return Map.of("score1", 8, "comment1", "Relevant", "score2", 7, "comment2", "Realistic");
    }

    private String scored(String competition, String title, long amount) {
        String id = grants.submit(competition, grants.application(title, amount));
        for (String expert : grants.admitWithProposedPanel(id)) {
            grants.review(expert, id, 9, 8);
        }
        assertThat(grants.state(id)).isEqualTo("SCORED");
        return id;
    }

    private static List<Api.Response> atOnce(List<Callable<Api.Response>> calls) throws Exception {
        CountDownLatch start = new CountDownLatch(1);
        ExecutorService threads = Executors.newFixedThreadPool(calls.size());
        try {
            List<Future<Api.Response>> futures = new ArrayList<>();
            for (Callable<Api.Response> call : calls) {
                futures.add(threads.submit(() -> {
                    start.await();
                    return call.call();
                }));
            }
            start.countDown();
            List<Api.Response> responses = new ArrayList<>();
            for (Future<Api.Response> future : futures) {
                responses.add(future.get());
            }
            return responses;
        } finally {
            threads.shutdownNow();
        }
    }

    private static void assertOnlyConflictProblems(List<Api.Response> responses) {
        for (Api.Response response : responses) {
            if (response.status() == 409) {
                assertThat(response.headers().getContentType().toString()).startsWith("application/problem+json");
                assertThat(response.json().path("type").asText()).isEqualTo("urn:opora:problem:conflict");
            }
        }
    }

    private static String describe(List<Api.Response> responses) {
        StringBuilder text = new StringBuilder();
        responses.forEach(response -> text.append(response.status()).append(' ').append(response.raw()).append('\n'));
        return text.toString();
    }
}
