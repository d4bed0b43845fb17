package org.opora.grants;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.util.List;
import java.util.Map;

import org.camunda.bpm.engine.FormService;
import org.camunda.bpm.engine.task.Task;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.opora.security.Role;
import org.opora.support.Api;
import org.opora.support.OporaIntegrationTest;
import org.opora.users.NotificationMode;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationContext;

import com.fasterxml.jackson.databind.JsonNode;
import com.icegreen.greenmail.junit5.GreenMailExtension;
import com.icegreen.greenmail.util.GreenMailUtil;
import org.opora.support.TestSmtp;

import jakarta.mail.internet.MimeMessage;

/** Intake and formal admission: the window, the admission table's reasons, clarification and silence. */
@OporaIntegrationTest
class GrantAdmissionTest {

    @RegisterExtension
    static GreenMailExtension smtp = TestSmtp.server();

    @Autowired
    ApplicationContext context;
    @Autowired
    FormService formService;
    @Autowired
    org.opora.organisations.OrganisationService organisationService;
    @Autowired
    org.opora.organisations.OrganisationRepository organisations;

    GrantScenario grants;
    String competition;

    @BeforeEach
    void aCompetitionTakingApplications() {
        grants = new GrantScenario(context);
        GrantScenario.setClock(LocalDate.of(2026, 3, 2));
        competition = grants.createCompetition(grants.competition(List.of(grants.expert("CSO", null)), Map.of()));
    }

    @Test
    void everyRuleOfAdmissionStatesItsReason() {
        Map<String, String> expected = Map.of(
                // Test CSO B is an initiative group; the young organisation was registered in September 2025.
                "NOT_REGISTERED", grants.submitAs("cso-b", competition, grants.application("Foster family weekends", 400_000)),
                "REGISTERED_RECENTLY", grants.submitAs(youngOrganisationsMember(), competition,
                        grants.application("Foster family weekends", 400_000)),
                "AMOUNT_TOO_LOW", submitWith(amount(50_000)),
                "AMOUNT_TOO_HIGH", submitWith(amount(700_000)),
                "DURATION_TOO_LONG", submitWith(Map.of("durationMonths", 24)),
                "BUDGET_DOES_NOT_ADD_UP", submitWith(Map.of("budgetLines", List.of(Map.of("item", "Materials", "amount", 1000)))),
                "DOCUMENTS_MISSING: charter", submitWith(Map.of("attachments", List.of(Map.of("kind", "budget", "name", "b.xlsx")))));
        expected.forEach((reason, applicationId) -> {
            JsonNode application = grants.application("staff", applicationId);
            assertThat(application.path("admissionReasons")).as(reason).hasSize(1);
            assertThat(application.path("admissionReasons").get(0).asText()).isEqualTo(reason);
            // The code, and the sentence in the reader's language.
            assertThat(application.path("admissionFindings").get(0).path("code").asText()).isEqualTo(reason.split(":")[0]);
            assertThat(application.path("admissionFindings").get(0).path("text").asText()).matches(".*[a-z]{3,}.*")
                    .doesNotContain("_");
            String russian = grants.api.exchange("staff", org.springframework.http.HttpMethod.GET,
                    "/api/grants/applications/" + applicationId, null, Map.of("Accept-Language", "ru")).json()
                    .path("admissionFindings").get(0).path("text").asText();
            assertThat(russian).matches("[^A-Za-z]*(charter[^A-Za-z]*)?");
            // Staff see the table's findings in their task.
            Task check = grants.tasks(applicationId, "CheckAdmission").get(0);
            assertThat((String) grants.taskService.getVariableLocal(check.getId(), "admissionFindings"))
                    .contains(reason.split(":")[0] + " — ");
        });
        String clean = submitWith(Map.of());
        assertThat(grants.application("staff", clean).path("admissionReasons")).isEmpty();
    }

    @Test
    void aRefusalIsMailedToTheApplicantsMembersEachInTheirLanguage() throws Exception {
        String russian = grants.fixtures.newUser(Role.CSO, "ru-member", NotificationMode.IMMEDIATE, grants.fixtures.organisationA());
        grants.fixtures.setMode(russian, NotificationMode.IMMEDIATE, "ru");
        String id = submitWith(amount(700_000));

        grants.complete("staff", id, "CheckAdmission", Map.of("verdict", "reject", "comment", "The amount is above the limit"));

        assertThat(grants.state(id)).isEqualTo("INADMISSIBLE");
        assertThat(grants.ended(id)).isTrue();
        grants.drainOutbox();
        MimeMessage english = only(smtp.getReceivedMessagesForDomain("cso-a@opora.test"), "Application not admitted");
        assertThat(english.getSubject()).isEqualTo("Application not admitted: Foster family weekends");
        assertThat(GreenMailUtil.getBody(english)).contains("The amount requested is above the competition");
        MimeMessage inRussian = only(smtp.getReceivedMessagesForDomain(russian + "@opora.test"), "Заявка не допущена");
        assertThat(inRussian.getSubject()).isEqualTo("Заявка не допущена к конкурсу: Foster family weekends");
        assertThat(subjects(smtp.getReceivedMessagesForDomain("cso-b@opora.test"))).noneMatch(subject -> subject.contains("not admitted"));
    }

    @Test
    void applicationsAreTakenOnlyWhileTheIntakeIsOpen() {
        GrantScenario.setClock(LocalDate.of(2026, 2, 27));
        Api.Response early = grants.api.post("cso-a", "/api/grants/applications", Map.of("competitionId", competition));
        assertThat(early.status()).as(early.raw()).isEqualTo(409);
        assertThat(early.json().path("detail").asText()).contains("not taking applications");

        GrantScenario.setClock(LocalDate.of(2026, 3, 10));
        String draft = grants.draft("cso-a", competition, grants.application("Foster family weekends", 400_000));
        assertThat(grants.state(draft)).isEqualTo("DRAFT");

        // The intake closes on the draft: the process closes it, and nothing can be added later.
        GrantScenario.setClock(LocalDate.of(2026, 3, 31));
        grants.runDueJobs(draft);
        assertThat(grants.state(draft)).isEqualTo("NOT_SUBMITTED");
        assertThat(grants.api.post("cso-a", "/api/grants/applications/" + draft + "/submit", null).status()).isEqualTo(409);
        assertThat(grants.api.post("cso-a", "/api/grants/applications", Map.of("competitionId", competition)).status())
                .isEqualTo(409);
    }

    @Test
    void aDraftIsSavedBeforeItsBudgetAndDocumentsAreFilledIn() {
        Api.Response started = grants.api.post("cso-a", "/api/grants/applications", Map.of("competitionId", competition));
        String id = started.json().path("id").asText();
        Map<String, Object> early = grants.application("Only a title so far", 100_000);
        early.remove("budgetLines");
        early.remove("attachments");

        Api.Response saved = grants.api.put("cso-a", "/api/grants/applications/" + id, early);

        assertThat(saved.status()).as(saved.raw()).isEqualTo(200);
        assertThat(grants.application("cso-a", id).path("details").path("budgetLines")).isEmpty();
    }

    @Test
    void tasklistsFormShowsTheSavedDraftAndSubmitsIt() {
        String id = grants.draft("cso-a", competition, grants.application("Foster family weekends", 400_000));
        Task submit = grants.tasks(id, "SubmitApplication").get(0);
        // What Tasklist renders: the saved draft in the form's fields.
        Map<String, Object> shown = new java.util.HashMap<>(formService.getTaskFormVariables(submit.getId()));
        assertThat(shown).containsEntry("projectTitle", "Foster family weekends");
        // The budget as its dynamic list's rows, a JSON value Tasklist hands to the form as a list.
        assertThat(formService.getTaskFormVariables(submit.getId()).getValueTyped("budgetLines").getType().getName())
                .isEqualTo("object");
        assertThat(((List<?>) shown.get("budgetLines")).stream().map(row -> (Object) ((Map<?, ?>) row).get("item")).toList())
                .containsExactly("Materials", "Transport");

        // What Tasklist sends back: every field, one of them changed.
        Map<String, Object> submitted = new java.util.HashMap<>(shown);
        submitted.remove("clarificationRequest");
        submitted.put("summary", "Weekend workshops and a summer trip");
        // As Tasklist calls it: signed in as a member of the organisation, whose group is the task's candidate.
        grants.identityService.setAuthentication("cso-a",
                List.of(org.opora.organisations.Organisation.groupIdFor(grants.fixtures.organisationA().id()), "cso"),
                List.of(grants.fixtures.centre().tenantId()));
        try {
            formService.submitTaskForm(submit.getId(), submitted);
        } finally {
            grants.identityService.clearAuthentication();
        }

        JsonNode application = grants.application("cso-a", id);
        assertThat(application.path("state").asText()).isEqualTo("SUBMITTED");
        assertThat(application.path("details").path("summary").asText()).isEqualTo("Weekend workshops and a summer trip");
        assertThat(application.path("details").path("budgetLines")).hasSize(2);
        assertThat(grants.tasks(id, "CheckAdmission")).hasSize(1);
    }

    @Test
    void theRegistryDataAreTheOrganisationsNotTheApplicants() {
        Api.Response started = grants.api.post("cso-a", "/api/grants/applications", Map.of("competitionId", competition));
        String id = started.json().path("id").asText();
        Map<String, Object> body = grants.application("Foster family weekends", 400_000);
        body.put("registeredOn", "2000-01-01");
        Api.Response typed = grants.api.put("cso-a", "/api/grants/applications/" + id, body);
        assertThat(typed.status()).isEqualTo(400);
        assertThat(typed.json().path("errors").toString()).contains("registeredOn");

        body.remove("registeredOn");
        body.put("attachments", List.of(Map.of("kind", "charter", "name", "charter.pdf\nbudget: fake.pdf")));
        body.put("requestedAmount", new java.math.BigDecimal("12345678901234567"));
        Api.Response malformed = grants.api.put("cso-a", "/api/grants/applications/" + id, body);
        assertThat(malformed.status()).isEqualTo(400);
        assertThat(malformed.json().path("errors").toString()).contains("attachments[0].name", "requestedAmount");
        assertThat(grants.application("cso-a", id).path("details").path("projectTitle").isMissingNode()).isTrue();
        assertThat(grants.application("cso-a", id).path("details").path("inn").asText()).isEqualTo("7707083893");

        assertThat(grants.api.get("cso-b", "/api/grants/applications/" + id).status()).isEqualTo(404);
        body.put("attachments", List.of());
        body.put("requestedAmount", 400_000);
        assertThat(grants.api.put("cso-b", "/api/grants/applications/" + id, body).status()).isEqualTo(404);
    }

    @Test
    void anAnsweredRequestForClarificationGoesBackToAdmission() throws Exception {
        String id = submitWith(Map.of("budgetLines", List.of(Map.of("item", "Materials", "amount", 1000))));
        grants.complete("staff", id, "CheckAdmission", Map.of("verdict", "clarify",
                "comment", "Please give the whole budget"));

        JsonNode asked = grants.application("cso-a", id);
        assertThat(asked.path("state").asText()).isEqualTo("CLARIFICATION");
        // Five working days from Monday 2 March 2026 (9 March is a holiday): Tuesday 10 March.
        assertThat(asked.path("clarificationDue").asText()).isEqualTo("2026-03-10");
        assertThat(asked.path("expected").get(0).path("task").asText()).isEqualTo("Clarify the application");
        grants.drainOutbox();
        MimeMessage mail = only(smtp.getReceivedMessagesForDomain("cso-a@opora.test"), "Please clarify your application");
        assertThat(mail.getSubject()).startsWith("Please clarify your application");
        assertThat(GreenMailUtil.getBody(mail)).contains("Please give the whole budget", "10.03.2026");

        Map<String, Object> fixed = grants.application("Foster family weekends", 400_000);
        assertThat(grants.api.put("cso-a", "/api/grants/applications/" + id, fixed).status()).isEqualTo(200);
        Api.Response answered = grants.api.post("cso-a", "/api/grants/applications/" + id + "/submit",
                Map.of("clarificationAnswer", "The whole budget is attached now"));
        assertThat(answered.status()).as(answered.raw()).isEqualTo(204);

        assertThat(grants.application("staff", id).path("admissionReasons")).isEmpty();
        assertThat(grants.tasks(id, "CheckAdmission")).hasSize(1);
        assertThat(grants.api.get("staff", "/api/cases/" + id).json().path("timeline").toString())
                .contains("The whole budget is attached now");
    }

    @Test
    void silenceAfterARequestForClarificationMakesTheApplicationInadmissible() throws Exception {
        String id = submitWith(Map.of());
        grants.complete("staff", id, "CheckAdmission", Map.of("verdict", "clarify", "comment", "Which district?"));

        GrantScenario.setClock(LocalDate.of(2026, 3, 10));
        grants.runDueJobs(id);
        assertThat(grants.state(id)).as("due on 10 March: not late yet").isEqualTo("CLARIFICATION");
        GrantScenario.setClock(LocalDate.of(2026, 3, 11));
        grants.runDueJobs(id);

        assertThat(grants.state(id)).isEqualTo("INADMISSIBLE");
        assertThat(grants.ended(id)).isTrue();
        grants.drainOutbox();
        MimeMessage refusal = only(smtp.getReceivedMessagesForDomain("cso-a@opora.test"), "Application not admitted");
        assertThat(GreenMailUtil.getBody(refusal)).contains("No clarification came by 10.03.2026", "Which district?");
    }

    @Test
    void staffMustSayWhyTheyReturnOrRefuse() {
        String id = submitWith(Map.of());
        Api.Response silent = grants.tryComplete("staff", id, "CheckAdmission", Map.of("verdict", "reject"));
        assertThat(silent.status()).isEqualTo(400);
        assertThat(silent.json().path("errors").get(0).path("field").asText()).isEqualTo("comment");
        assertThat(grants.state(id)).isEqualTo("SUBMITTED");
    }

    /** A member of an organisation registered on 1 September 2025, less than the 12 months required. */
    private String youngOrganisationsMember() {
        org.opora.organisations.Organisation young = organisations.findByShortName("Young CSO").orElseGet(() ->
                organisationService.register(grants.fixtures.centre().id(), "Young CSO", "Young CSO",
                        org.opora.organisations.Organisation.Kind.REGISTERED, "7736050003", "1027700070518",
                        LocalDate.of(2025, 9, 1), "Test region", null));
        return grants.fixtures.newUser(Role.CSO, "young", NotificationMode.NONE, young);
    }

    private String submitWith(Map<String, Object> changes) {
        Map<String, Object> body = grants.application("Foster family weekends", 400_000);
        body.putAll(changes);
        body.values().removeIf(value -> "".equals(value));
        return grants.submit(competition, body);
    }

    private static Map<String, Object> amount(long amount) {
        return Map.of("requestedAmount", amount, "budgetLines", List.of(Map.of("item", "Everything", "amount", amount)));
    }

    /** The one message whose subject starts so (others, such as task notifications, may be there too). */
    static MimeMessage only(MimeMessage[] messages, String subjectStart) throws Exception {
        List<MimeMessage> matching = new java.util.ArrayList<>();
        for (MimeMessage message : messages) {
            if (message.getSubject().startsWith(subjectStart)) {
                matching.add(message);
            }
        }
        assertThat(matching).as(subjectStart).hasSize(1);
        return matching.get(0);
    }

    static List<String> subjects(MimeMessage[] messages) throws Exception {
        List<String> subjects = new java.util.ArrayList<>();
        for (MimeMessage message : messages) {
            subjects.add(message.getSubject());
        }
        return subjects;
    }
}
