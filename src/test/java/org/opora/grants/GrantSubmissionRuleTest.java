package org.opora.grants;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.util.List;
import java.util.Map;

import org.camunda.bpm.engine.task.Task;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.opora.organisations.Organisation;
import org.opora.security.Role;
import org.opora.support.Api;
import org.opora.support.OporaIntegrationTest;
import org.opora.support.TestSmtp;
import org.opora.users.NotificationMode;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationContext;

import com.icegreen.greenmail.junit5.GreenMailExtension;

/**
 * ADR 35: a grant application's submission is checked by Opora (the applicant's organisation, no colleague holding
 * the task) and by the engine's claim; the form is then submitted without the engine's check. Probes of that path.
 */
@OporaIntegrationTest
class GrantSubmissionRuleTest {

    @RegisterExtension
    static GreenMailExtension smtp = TestSmtp.server();

    @Autowired
    ApplicationContext context;

    GrantScenario grants;
    String draft;

    @BeforeEach
    void aDraftOfOrganisationA() {
        grants = new GrantScenario(context);
        GrantScenario.setClock(LocalDate.of(2026, 3, 2));
        List<String> pool = List.of(grants.expert("CSO", GrantScenario.TVER), grants.expert("GOVERNMENT", null));
        String competition = grants.createCompetition(grants.competition(pool, Map.of()));
        draft = grants.draft("cso-a", competition, grants.application("Family weekends", 300_000));
    }

    @Test
    void anotherOrganisationsMemberOrAColleagueHoldingTheTaskCannotSubmit() {
        assertThat(grants.api.post("cso-b", "/api/grants/applications/" + draft + "/submit", null).status()).isIn(403, 404);
        assertThat(grants.api.post("expert", "/api/grants/applications/" + draft + "/submit", null).status()).isIn(403, 404);
        assertThat(grants.api.post("staff", "/api/grants/applications/" + draft + "/submit", null).status()).isEqualTo(403);

        String colleague = grants.fixtures.newUser(Role.CSO, "cso-a2", NotificationMode.NONE, grants.fixtures.organisationA());
        Task submission = submissionTask();
        assertThat(grants.api.post(colleague, "/api/tasks/" + submission.getId() + "/claim", null).status()).isEqualTo(204);

        assertThat(grants.api.post("cso-a", "/api/grants/applications/" + draft + "/submit", null).status()).isEqualTo(409);

        assertThat(submissionTask().getAssignee()).isEqualTo(colleague);
        assertThat(grants.api.get("cso-a", "/api/grants/applications/" + draft).json().path("state").asText()).isEqualTo("DRAFT");
    }

    /**
     * Staff take the organisation off the submission task's candidates (found by the ADR 35 attack review): the
     * submission applies Opora's candidate rule as a completion does (403), not only the engine's claim, whose grant
     * outlives the candidacy.
     */
    @Test
    void aMemberWhoseOrganisationIsNoLongerACandidateCannotSubmitEither() {
        Task submission = submissionTask();
        String organisationGroup = Organisation.groupIdFor(grants.fixtures.organisationA().id());
        assertThat(grants.api.post("staff", "/engine-rest/task/" + submission.getId() + "/identity-links/delete",
                Map.of("groupId", organisationGroup, "type", "candidate")).status()).isEqualTo(204);
        assertThat(grants.api.post("cso-a", "/api/tasks/" + submission.getId() + "/complete", Map.of()).status())
                .as("Opora's completion rule").isEqualTo(403);

        Api.Response submitted = grants.api.post("cso-a", "/api/grants/applications/" + draft + "/submit", null);

        assertThat(submitted.status()).as(submitted.raw()).isEqualTo(403);
        assertThat(grants.api.get("cso-a", "/api/grants/applications/" + draft).json().path("state").asText()).isEqualTo("DRAFT");
    }

    private Task submissionTask() {
        return grants.taskService.createTaskQuery().processInstanceBusinessKey(draft).taskDefinitionKey("SubmitApplication")
                .singleResult();
    }
}
