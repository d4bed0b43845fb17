package org.opora.grants;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.util.List;
import java.util.Map;

import org.camunda.bpm.engine.HistoryService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.history.UserOperationLogEntry;
import org.camunda.bpm.engine.task.Task;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.opora.support.Api;
import org.opora.support.OporaIntegrationTest;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationContext;

import com.fasterxml.jackson.databind.JsonNode;
import com.icegreen.greenmail.junit5.GreenMailExtension;
import org.opora.support.TestSmtp;

/** The expert panel and its reviews: conflicts, private scores, late reviews and a third expert. */
@OporaIntegrationTest
class GrantReviewTest {

    @RegisterExtension
    static GreenMailExtension smtp = TestSmtp.server();

    @Autowired
    ApplicationContext context;
    @Autowired
    RuntimeService runtimeService;
    @Autowired
    HistoryService historyService;

    GrantScenario grants;

    @BeforeEach
    void inMarch() {
        grants = new GrantScenario(context);
        GrantScenario.setClock(LocalDate.of(2026, 3, 2));
    }

    @Test
    void theProposedPanelHasARegionalExpertTheSectorMixAndNobodyTiedToTheApplicant() {
        String tied = grants.expert("CSO", GrantScenario.TVER, "7707083893");
        String regional = grants.expert("BUSINESS", GrantScenario.TVER);
        String cso = grants.expert("CSO", null);
        String government = grants.expert("GOVERNMENT", null);
        String business = grants.expert("BUSINESS", null);
        String competition = grants.createCompetition(grants.competition(List.of(tied, regional, cso, government, business),
                Map.of("expertsPerApplication", 3)));
        String id = grants.submit(competition, grants.application("Foster family weekends", 400_000));
        grants.complete("staff", id, "CheckAdmission", Map.of("verdict", "admit"));

        Task confirm = grants.tasks(id, "ConfirmPanel").get(0);
        String proposal = (String) grants.taskService.getVariableLocal(confirm.getId(), "proposal");
        assertThat(proposal).contains(regional, cso, government).doesNotContain(tied).doesNotContain(business);
        assertThat(proposal).as("Tasklist's sheet names sectors in Russian").contains("Государство").doesNotContain("GOVERNMENT");

        // Tasklist's checklist offers the experts free to review the application, the proposed ones ticked.
        @SuppressWarnings("unchecked")
        List<Map<String, Object>> options = (List<Map<String, Object>>) grants.taskService.getVariableLocal(confirm.getId(),
                "expertOptions");
        assertThat(options).extracting(option -> (String) option.get("value")).contains(regional, cso, government, business)
                .doesNotContain(tied);
        @SuppressWarnings("unchecked")
        List<String> ticked = (List<String>) grants.taskService.getVariableLocal(confirm.getId(), "experts");
        assertThat(ticked).isNotEmpty().allMatch(proposal::contains).doesNotContain(tied, business);

        // Staff may change the panel, but never to someone tied to the applicant: in the task's form (a checklist)
        // and through the panel's API, both lists, with the same checks.
        Api.Response withTied = grants.tryComplete("staff", id, "ConfirmPanel", Map.of("experts", List.of(tied, cso, government)));
        assertThat(withTied.status()).isEqualTo(400);
        assertThat(withTied.json().path("errors").get(0).path("field").asText()).isEqualTo("experts");
        String panel = "/api/grants/applications/" + id + "/panel";
        Api.Response tiedInList = grants.api.post("staff", panel, Map.of("experts", List.of(tied, cso, government)));
        assertThat(tiedInList.status()).isEqualTo(400);
        assertThat(tiedInList.json().path("errors").get(0).path("message").asText()).contains(tied, "tied to the applicant");
        Api.Response notAnId = grants.api.post("staff", panel, Map.of("experts", List.of("a, b", cso, government)));
        assertThat(notAnId.json().path("errors").get(0).path("field").asText()).startsWith("experts[0]");
        assertThat(grants.api.post("cso-a", panel, Map.of("experts", List.of(business, cso, government))).status())
                .isEqualTo(403);
        Api.Response named = grants.api.post("staff", panel, Map.of("experts", List.of(business, cso, government)));
        assertThat(named.status()).as(named.raw()).isEqualTo(204);
        assertThat(grants.panel(id)).containsExactlyInAnyOrder(business, cso, government);
        assertThat(grants.api.post("staff", panel, Map.of()).status()).as("confirmed already").isEqualTo(409);
    }

    @Test
    void anExpertWhoDeclaresAConflictHandsTheReviewToTheNextCandidate() {
        Admitted application = admittedWithThreeSectorPool();
        String id = application.id();
        String first = application.first();

        // Before declaring, the expert sees the title in their assignments, but neither the application nor its case.
        assertThat(grants.api.get(first, "/api/grants/reviews").raw()).contains("Foster family weekends");
        assertThat(grants.api.get(first, "/api/grants/applications/" + id).status()).isEqualTo(404);
        assertThat(grants.api.get(first, "/api/cases/" + id).status()).isEqualTo(404);

        grants.complete(first, id, "DeclareConflicts", Map.of("conflict", "yes", "conflictNote", "I advise this organisation"));

        assertThat(grants.panel(id)).containsExactlyInAnyOrder(application.second(), application.spare());
        assertThat(grants.api.get(first, "/api/grants/applications/" + id).status()).isEqualTo(404);
        assertThat(grants.api.get(first, "/api/grants/reviews").raw()).doesNotContain(id);
        assertThat(grants.api.get(first, "/api/cases/" + id).status()).isEqualTo(404);
        grants.complete(application.spare(), id, "DeclareConflicts", Map.of("conflict", "no"));
        assertThat(grants.api.get(application.spare(), "/api/grants/applications/" + id).status()).isEqualTo(200);
        assertThat(grants.api.get(application.spare(), "/api/cases/" + id).status()).isEqualTo(200);
        assertThat(grants.api.get("staff", "/api/cases/" + id).json().path("timeline").toString())
                .contains("grant-conflict-declared");
    }

    /**
     * Having declared, the expert sees the application's case, and with it the other expert's open tasks: Opora,
     * not the engine's authorizations, keeps them from completing those (ADR 35), and the engine still records
     * who completed their own.
     */
    @Test
    void anExpertCompletesOnlyTheirOwnTasksAndTheEngineRecordsThem() {
        String first = grants.expert("CSO", GrantScenario.TVER);
        String second = grants.expert("GOVERNMENT", null);
        String id = admittedApplication(List.of(first, second));
        grants.complete(first, id, "DeclareConflicts", Map.of("conflict", "no"));
        assertThat(grants.api.get(first, "/api/cases/" + id).status()).isEqualTo(200);

        Task secondsDeclaration = grants.taskFor(second, id, "DeclareConflicts");
        Api.Response notTheirs = grants.api.post(first, "/api/tasks/" + secondsDeclaration.getId() + "/complete",
                Map.of("conflict", "yes", "conflictNote", "not mine to say"));
        assertThat(notTheirs.status()).as(notTheirs.raw()).isEqualTo(409);
        assertThat(grants.taskService.createTaskQuery().taskId(secondsDeclaration.getId()).singleResult().getAssignee())
                .isEqualTo(second);
        String outsider = grants.expert("BUSINESS", null);
        assertThat(grants.api.post(outsider, "/api/tasks/" + secondsDeclaration.getId() + "/complete",
                Map.of("conflict", "no")).status()).isEqualTo(404);
        assertThat(grants.taskService.createTaskQuery().taskId(secondsDeclaration.getId()).count()).isOne();

        assertThat(historyService.createUserOperationLogQuery().processInstanceId(grants.instanceOf(id))
                .operationType(UserOperationLogEntry.OPERATION_TYPE_COMPLETE).list())
                .extracting(UserOperationLogEntry::getUserId).contains("cso-a", "staff", first).doesNotContain(second, outsider);
        assertThat(grants.api.get("staff", "/api/cases/" + id).raw()).contains("grant-no-conflict", first);
    }

    @Test
    void aReviewerSeesNoOtherScoresBeforeSubmittingNeitherThroughTheApiNorThroughTheEngine() {
        String first = grants.expert("CSO", GrantScenario.TVER);
        String second = grants.expert("GOVERNMENT", null);
        String id = admittedApplication(List.of(first, second));
        grants.complete(second, id, "DeclareConflicts", Map.of("conflict", "no"));

        grants.review(first, id, 7, 3);

        JsonNode seenBySecond = grants.api.get(second, "/api/grants/applications/" + id + "/reviews").json();
        assertThat(seenBySecond).hasSize(1);
        assertThat(seenBySecond.get(0).path("expert").asText()).isEqualTo(second);
        assertThat(seenBySecond.toString()).doesNotContain("Relevance: 7");
        Task secondsReview = grants.taskFor(second, id, "ReviewApplication");
        Map<String, Object> visibleToTheTask = grants.taskService.getVariables(secondsReview.getId());
        assertThat(visibleToTheTask).doesNotContainValue(7L).doesNotContainValue("Relevance: 7");
        assertThat(visibleToTheTask.get("score1")).isNull();
        // Nowhere in the process instance, on any of its executions, is a submitted score left behind.
        assertThat(runtimeService.createVariableInstanceQuery().processInstanceIdIn(grants.instanceOf(id)).list())
                .filteredOn(variable -> variable.getName().startsWith("score") || variable.getName().startsWith("comment"))
                .allMatch(variable -> variable.getValue() == null);
        assertThat(grants.api.get("cso-a", "/api/grants/applications/" + id + "/reviews").json()).isEmpty();

        grants.complete(second, id, "ReviewApplication", Map.of("score1", 6, "comment1", "Good", "score2", 5, "comment2", "Fair"));
        JsonNode afterSubmitting = grants.api.get(second, "/api/grants/applications/" + id + "/reviews").json();
        assertThat(afterSubmitting).hasSize(2);
        assertThat(afterSubmitting.toString()).contains("Relevance: 7", "\"expert\":\"Expert ").doesNotContain(first);
        assertThat(grants.api.get("staff", "/api/grants/applications/" + id + "/reviews").raw()).contains(first, second);
    }

    @Test
    void anExpertCannotScoreAnotherExpertsReviewByChangingTheBranchVariable() {
        String first = grants.expert("CSO", GrantScenario.TVER);
        String second = grants.expert("GOVERNMENT", null);
        String id = admittedApplication(List.of(first, second));
        grants.complete(first, id, "DeclareConflicts", Map.of("conflict", "no"));
        grants.complete(second, id, "DeclareConflicts", Map.of("conflict", "no"));
        String secondsReview = grants.taskService.getVariable(grants.taskFor(second, id, "ReviewApplication").getId(), "reviewId")
                .toString();

        // What the engine's task API would let the first expert do to their own task.
        Task firstsTask = grants.taskFor(first, id, "ReviewApplication");
        grants.taskService.setVariable(firstsTask.getId(), "reviewId", secondsReview);
        Api.Response response = grants.tryComplete(first, id, "ReviewApplication",
                Map.of("score1", 0, "comment1", "Bad", "score2", 0, "comment2", "Bad"));

        assertThat(response.status()).isEqualTo(403);
        JsonNode reviews = grants.api.get("staff", "/api/grants/applications/" + id + "/reviews").json();
        assertThat(reviews.toString()).doesNotContain("SUBMITTED");
    }

    @Test
    void scoresOutOfScaleOrWithoutCommentsAreRefused() {
        String first = grants.expert("CSO", GrantScenario.TVER);
        String second = grants.expert("GOVERNMENT", null);
        String id = admittedApplication(List.of(first, second));
        grants.complete(first, id, "DeclareConflicts", Map.of("conflict", "no"));

        Api.Response response = grants.tryComplete(first, id, "ReviewApplication",
                Map.of("score1", 11, "comment1", "Too good", "score2", 5));
        assertThat(response.status()).isEqualTo(400);
        assertThat(response.json().path("errors").toString()).contains("score1", "from 0 to 10", "comment2");
        assertThat(grants.taskFor(first, id, "ReviewApplication")).isNotNull();
    }

    @Test
    void aLateReviewIsRemindedThenExtendedThenReassigned() {
        Admitted application = admittedWithThreeSectorPool();
        String id = application.id();
        String first = application.first();
        grants.complete(first, id, "DeclareConflicts", Map.of("conflict", "no"));
        grants.review(application.second(), id, 8, 8);

        // Two days before the review is due on 20 April, the expert is reminded.
        GrantScenario.setClock(LocalDate.of(2026, 4, 18));
        grants.runDueJobs(id);
        assertThat(grants.outboxSubjects(first + "@opora.test", "grant-review-reminder", id))
                .containsExactly("Review due soon: Foster family weekends");
        assertThat(grants.tasks(id, "ReassignReview")).isEmpty();

        // Overdue: staff give five more days.
        GrantScenario.setClock(LocalDate.of(2026, 4, 21));
        grants.runDueJobs(id);
        grants.complete("staff", id, "ReassignReview", Map.of("extraDays", 5));
        assertThat(grants.taskFor(first, id, "ReviewApplication")).isNotNull();
        JsonNode dueDates = grants.api.get("staff", "/api/grants/applications/" + id + "/reviews").json();
        assertThat(dueDates.toString()).contains("2026-04-26");

        // Late again: the review goes to another expert, who declares and reviews.
        GrantScenario.setClock(LocalDate.of(2026, 4, 27));
        grants.runDueJobs(id);
        grants.complete("staff", id, "ReassignReview", Map.of("expert", application.spare()));
        assertThat(grants.panel(id)).containsExactly(application.spare());
        assertThat(grants.api.get(first, "/api/grants/reviews").raw()).doesNotContain(id);
        grants.review(application.spare(), id, 9, 9);
        assertThat(grants.state(id)).isEqualTo("SCORED");
    }

    @Test
    void anExpertWhoNeverDeclaresIsReplacedWhenTheReviewIsDue() {
        Admitted application = admittedWithThreeSectorPool();
        String id = application.id();
        String silent = application.first();
        grants.review(application.second(), id, 8, 8);

        GrantScenario.setClock(LocalDate.of(2026, 4, 21));
        grants.runDueJobs(id);
        grants.complete("staff", id, "ReassignReview", Map.of("expert", application.spare()));

        assertThat(grants.panel(id)).containsExactly(application.spare());
        assertThat(grants.api.get(silent, "/api/grants/reviews").raw()).doesNotContain(id);
    }

    @Test
    void scoresFarApartCallAThirdExpertAndTheOutlierIsLeftOut() {
        Admitted application = admittedWithThreeSectorPool();
        String id = application.id();
        assertThat(application.panel()).as("the regional expert and one of another sector").hasSize(2)
                .contains(application.pool().get(0));

        grants.review(application.first(), id, 10, 10);   // 100 points
        grants.review(application.second(), id, 3, 3);    // 30 points: 70 apart, more than 30% of the scale

        assertThat(grants.panel(id)).containsExactly(application.spare());
        grants.review(application.spare(), id, 9, 9);     // 90 points: the median; 30 is the outlier
        JsonNode scored = grants.application("staff", id);
        assertThat(scored.path("state").asText()).isEqualTo("SCORED");
        assertThat(scored.path("finalScore").decimalValue()).isEqualByComparingTo("95.00");
    }

    /**
     * An expert's scope is the cases of their own tasks (CaseAccess asks the engine's task history in the database):
     * the case list, a case by id and the task list show each expert the applications assigned to them, through
     * every task they had, and never one of another panel. The case list applies the scope alone.
     */
    @Test
    void anExpertSeesTheApplicationsAssignedToThemAndNoneOfAnotherPanel() {
        Admitted reviewed = admittedWithThreeSectorPool();
        Admitted another = admittedWithThreeSectorPool();
        String first = reviewed.id();
        String reviewer = reviewed.first();
        String outsider = reviewed.spare();
        String second = another.id();
        String secondReviewer = another.first();

        // Before declaring no conflict an expert's task shows the title only: the case list says what /api/cases/{id} says.
        assertThat(grants.api.get(reviewer, "/api/cases?size=100").raw()).doesNotContain(first).doesNotContain(second);
        assertThat(grants.api.get(reviewer, "/api/cases/" + first).status()).isEqualTo(404);
        assertThat(grants.api.get(outsider, "/api/cases?size=100").raw()).doesNotContain(first).doesNotContain(second);
        assertThat(grants.api.get(reviewer, "/api/tasks?caseId=" + first).raw()).contains("DeclareConflicts");
        assertThat(grants.api.get(secondReviewer, "/api/tasks?caseId=" + first).json().path("items")).isEmpty();

        grants.review(reviewer, first, 8, 8);

        // Their tasks done, the history still names the reviewer: the application stays theirs to read.
        assertThat(grants.api.get(reviewer, "/api/cases/" + first).status()).isEqualTo(200);
        assertThat(grants.api.get(reviewer, "/api/grants/applications/" + first).status()).isEqualTo(200);
        assertThat(grants.api.get(reviewer, "/api/cases?size=100").raw()).contains(first).doesNotContain(second);
        grants.review(secondReviewer, second, 7, 7);
        assertThat(grants.api.get(secondReviewer, "/api/cases?size=100").raw()).contains(second).doesNotContain(first);
        assertThat(grants.api.get(reviewer, "/api/cases/" + second).status()).isEqualTo(404);
        assertThat(grants.api.get(secondReviewer, "/api/cases/" + first).status()).isEqualTo(404);
        assertThat(grants.api.get(outsider, "/api/cases/" + first).status()).isEqualTo(404);
        assertThat(grants.api.get(outsider, "/api/grants/applications/" + first).status()).isEqualTo(404);
    }

    /**
     * Attack (ADR 36 review): an expert who declared a conflict "loses sight" of the application (ExpertCaseVisibility),
     * and the case by id says 404; the case list applies the involvement scope alone, so the application, its title
     * and its organisation stay in the expert's /api/cases for good, and a replaced expert's likewise.
     */
    @Test
    void anExpertWhoDeclaredAConflictNoLongerFindsTheApplicationInTheCaseList() {
        Admitted application = admittedWithThreeSectorPool();
        String id = application.id();
        String first = application.first();
        grants.complete(first, id, "DeclareConflicts", Map.of("conflict", "yes", "conflictNote", "I advise this organisation"));

        assertThat(grants.api.get(first, "/api/cases/" + id).status()).isEqualTo(404);
        assertThat(grants.api.get(first, "/api/cases?size=100").raw()).doesNotContain(id).doesNotContain("Foster family weekends");
    }

    /**
     * Attack (ADR 36 review): an expert who is also a CSO member of another organisation (a second role an administrator
     * can give in the engine's Admin) lists every application their involvement reaches, in full, whether or not they
     * declared: ApplicationController skips ExpertCaseVisibility.mayRead for anyone with the CSO role, though the
     * scope holds another organisation's application only through the expert's involvement.
     */
    @Test
    void anExpertWhoIsAlsoACsoMemberOfAnotherOrganisationDoesNotListAnApplicationTheyDoNotReview() {
        Admitted application = admittedWithThreeSectorPool();
        String id = application.id();
        String first = application.first();
        grants.identityService.createMembership(first, org.opora.security.Role.CSO.groupId());
        grants.identityService.createMembership(first, grants.fixtures.organisationB().groupId());

        assertThat(grants.api.get(first, "/api/grants/applications/" + id).status()).isEqualTo(404);
        assertThat(grants.api.get(first, "/api/grants/applications").raw()).doesNotContain(id);

        grants.complete(first, id, "DeclareConflicts", Map.of("conflict", "yes", "conflictNote", "I advise this organisation"));
        assertThat(grants.api.get(first, "/api/grants/applications").raw()).doesNotContain(id);
    }

    /** An admitted application, the pool of its competition and the panel of two proposed from it and confirmed. */
    private record Admitted(String id, List<String> pool, List<String> panel) {

        String first() {
            return panel.get(0);
        }

        String second() {
            return panel.get(1);
        }

        /** The pool's expert left off the panel: the next candidate when one of the panel drops out. */
        String spare() {
            return pool.stream().filter(expert -> !panel.contains(expert)).findFirst().orElseThrow();
        }
    }

    /**
     * An application of a new competition whose pool is a regional CSO expert, a government and a business one (the
     * regional one first), admitted, with the proposed panel confirmed.
     */
    private Admitted admittedWithThreeSectorPool() {
        List<String> pool = List.of(grants.expert("CSO", GrantScenario.TVER), grants.expert("GOVERNMENT", null),
                grants.expert("BUSINESS", null));
        String id = admittedApplication(pool);
        return new Admitted(id, pool, grants.panel(id));
    }

    /** An application of a new competition with this pool, admitted, with the proposed panel confirmed. */
    private String admittedApplication(List<String> pool) {
        String competition = grants.createCompetition(grants.competition(pool, Map.of()));
        String id = grants.submit(competition, grants.application("Foster family weekends", 400_000));
        grants.admitWithProposedPanel(id);
        return id;
    }
}
