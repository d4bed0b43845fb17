package org.opora.grants;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.camunda.bpm.engine.TaskService;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.opora.support.Api;
import org.opora.support.OporaIntegrationTest;
import org.opora.support.TestFixtures;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationContext;

/**
 * A centre's public page, open without a login: nothing until the centre publishes; then each decided
 * competition's funded projects (never an expert, never an applicant not funded) and, when the centre
 * chooses it too, the public bodies' record on its organisations' letters. Lives beside the grant
 * scenario, which it needs to decide a competition through the API and the engine.
 */
@OporaIntegrationTest
class PublicPageTest {

    @Autowired
    ApplicationContext context;
    @Autowired
    TestFixtures fixtures;
    @Autowired
    TaskService taskService;
    @Autowired
    org.opora.organisations.OrganisationService organisationService;

    GrantScenario grants;
    List<String> pool;

    @BeforeEach
    void aCommitteeAndTwoExperts() {
        grants = new GrantScenario(context);
        grants.staffOnCommittee();
        GrantScenario.setClock(LocalDate.of(2026, 3, 2));
        pool = List.of(grants.expert("CSO", GrantScenario.TVER), grants.expert("GOVERNMENT", null));
    }

    @Test
    void theCentrePublishesWhatItChoosesAndNeverTheExpertsOrTheApplicantsNotFunded() {
        Api api = grants.api;
        UUID centre = fixtures.centre().id();
        String page = "/public/" + centre;
        publish(false, false);
        assertThat(api.get(null, page).status()).as("nothing published, no page").isEqualTo(404);
        assertThat(api.get(null, "/public/" + UUID.randomUUID()).status()).isEqualTo(404);

        String competition = grants.createCompetition(grants.competition(pool, Map.of()));
        String fundedTitle = "Foster family weekends " + UUID.randomUUID().toString().substring(0, 6);
        String rejectedTitle = "Leaflets for everyone " + UUID.randomUUID().toString().substring(0, 6);
        String funded = scored(competition, fundedTitle, 400_000, 9);
        String rejected = scored(competition, rejectedTitle, 300_000, 7);
        grants.endReviewPeriod(competition, LocalDate.of(2026, 4, 21));
        grants.complete("staff", competition, "DecideGrants", Map.of("decisions", GrantScenario.decisions("APPROVE", "REJECT")));
        grants.runDueJobs(List.of(funded, rejected));
        assertThat(grants.state(funded)).isEqualTo("APPROVED");
        assertThat(grants.state(rejected)).isEqualTo("REJECTED");

        String bodyName = "Министерство социальной защиты " + UUID.randomUUID().toString().substring(0, 6);
        String bodyId = body(bodyName);
        answeredOnTime("cso-a", bodyId);

        assertThat(api.put("staff", "/api/admin/centres/" + centre + "/publication",
                Map.of("grantResults", true, "letterRecord", true)).status()).as("administrators decide").isEqualTo(403);
        publish(true, false);
        Api.Response results = api.get(null, page);
        assertThat(results.status()).isEqualTo(200);
        assertThat(results.raw()).contains("<html lang=\"ru\"", "Открытые данные: " + TestFixtures.CENTRE, fundedTitle,
                fixtures.organisationA().name(), "400", "id=\"grant-results\"")
                .doesNotContain(rejectedTitle).doesNotContain(pool.get(0)).doesNotContain(pool.get(1))
                .doesNotContain("id=\"letter-record\"").doesNotContain(bodyName);
        assertThat(api.get(null, page + "?lang=en").raw()).contains("<html lang=\"en\"", "Grant competitions: who was funded");

        publish(false, true);
        // One organisation's letters are its own business: a body is shown once three organisations wrote to it.
        Api.Response oneWriter = api.get(null, page);
        assertThat(oneWriter.raw()).contains("id=\"letter-record\"", "id=\"letter-record-rule\"", "не менее 3")
                .doesNotContain(bodyName);
        answeredOnTime("cso-b", bodyId);
        org.opora.organisations.Organisation third = organisationService.register(centre, "Третья организация", "Третья",
                org.opora.organisations.Organisation.Kind.INITIATIVE_GROUP, null, null, null, GrantScenario.TVER, null);
        answeredOnTime(fixtures.newUser(org.opora.security.Role.CSO, "third", org.opora.users.NotificationMode.NONE, third), bodyId);
        Api.Response record = api.get(null, page);
        assertThat(record.raw()).contains("id=\"letter-record\"", bodyName, "3 из 3 ответов")
                .doesNotContain(fundedTitle).doesNotContain("id=\"grant-results\"");
        // The administrators' page of the centres sets the same, checkboxes unticked meaning no.
        Api.Response centres = api.get("admin", "/admin/centres");
        assertThat(centres.raw()).contains("id=\"letters-" + centre + "\"", "href=\"" + page + "\"");
        assertThat(api.get("staff", "/admin/centres").status()).isEqualTo(403);
        assertThat(api.post("admin", "/admin/centres/" + centre, "grantResults=true").status()).isEqualTo(302);
        assertThat(api.get(null, page).raw()).contains(fundedTitle).doesNotContain(bodyName);
        assertThat(api.post("admin", "/admin/centres/" + centre, "").status()).isEqualTo(302);
        assertThat(api.get(null, page).status()).isEqualTo(404);
    }

    private void publish(boolean grantResults, boolean letterRecord) {
        Api.Response set = grants.api.put("admin", "/api/admin/centres/" + fixtures.centre().id() + "/publication",
                Map.of("grantResults", grantResults, "letterRecord", letterRecord));
        assertThat(set.status()).as(set.raw()).isEqualTo(200);
    }

    private String scored(String competition, String title, long amount, int relevance) {
        String id = grants.submit(competition, grants.application(title, amount));
        for (String expert : grants.admitWithProposedPanel(id)) {
            grants.review(expert, id, relevance, 8);
        }
        assertThat(grants.state(id)).isEqualTo("SCORED");
        return id;
    }

    private String body(String bodyName) {
        Map<String, Object> body = new HashMap<>(Map.of("name", bodyName, "kind", "MINISTRY", "level", "REGIONAL",
                "region", GrantScenario.TVER, "topics", List.of("social support")));
        return grants.api.post("staff", "/api/public-bodies", body).json().path("id").asText();
    }

    /** A member's letter, sent, registered and answered within the 30 days, through the API members use. */
    private void answeredOnTime(String member, String bodyId) {
        String letter = grants.api.post(member, "/api/letters", Map.of("bodyId", bodyId, "subject", "Ramp at the polyclinic",
                "topic", "social support", "requestKind", "IN_KIND")).json().path("letter").path("id").asText();
        GrantScenario.setClock(LocalDate.of(2026, 5, 4));
        complete(member, letter, "SendLetter", Map.of("channel", "ONLINE", "sentOn", "2026-05-04"));
        GrantScenario.setClock(LocalDate.of(2026, 5, 6));
        complete(member, letter, "RecordRegistration", Map.of("registrationNumber", "Вх-1", "registeredOn", "2026-05-06"));
        GrantScenario.setClock(LocalDate.of(2026, 5, 20));
        complete(member, letter, "RecordAnswer", Map.of("outcome", "answered", "answeredOn", "2026-05-20", "rating", "SATISFACTORY"));
    }

    private void complete(String member, String letterId, String key, Map<String, Object> fields) {
        String taskId = taskService.createTaskQuery().processInstanceBusinessKey(letterId).taskDefinitionKey(key)
                .singleResult().getId();
        Api.Response done = grants.api.post(member, "/api/tasks/" + taskId + "/complete", fields);
        assertThat(done.status()).as(done.raw()).isEqualTo(204);
    }
}
