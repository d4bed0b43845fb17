package org.opora.correspondence;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.time.ZoneId;
import java.util.Date;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.camunda.bpm.engine.HistoryService;
import org.camunda.bpm.engine.ManagementService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.camunda.bpm.engine.runtime.Job;
import org.camunda.bpm.engine.task.Task;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.opora.support.Api;
import org.opora.support.OporaIntegrationTest;
import org.opora.support.TestFixtures;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

import com.fasterxml.jackson.databind.JsonNode;

/** A letter from drafting to the answer, on the statutory clock, through the API members use. */
@OporaIntegrationTest
class LetterProcessTest {

    private static final ZoneId MOSCOW = ZoneId.of("Europe/Moscow");

    @Autowired
    Api api;
    @Autowired
    TaskService taskService;
    @Autowired
    ManagementService managementService;
    @Autowired
    HistoryService historyService;
    @Autowired
    JdbcClient jdbc;
    @Autowired
    TestFixtures fixtures;

    String region;
    String superiorId;
    String departmentId;

    @BeforeEach
    void aDepartmentUnderAMinistry() {
        region = "Region " + UUID.randomUUID();
        superiorId = createBody(null, "Ministry " + UUID.randomUUID(), "MINISTRY");
        departmentId = createBody(superiorId, "Department " + UUID.randomUUID(), "DEPARTMENT");
    }

    @Test
    @ExtendWith(OutputCaptureExtension.class)
    void aLetterIsSentRegisteredExtendedOnceAndAnsweredOnTheCalendar(CapturedOutput output) {
        String letterId = draft("We need transport for a children's excursion", "2026-03-20");

        complete(letterId, "SendLetter", Map.of("channel", "POST", "sentOn", "2026-03-02", "tracking", "RPO 123"));
        complete(letterId, "RecordRegistration", Map.of("registrationNumber", "Вх-42", "registeredOn", "2026-03-05"));

        JsonNode letter = api.get("cso-a", "/api/letters/" + letterId).json();
        // 30 days from 5 March end on Saturday 4 April: the answer is due on Monday 6 April.
        assertThat(letter.path("answerDue").asText()).isEqualTo("2026-04-06");
        assertThat(letter.path("registrationNumber").asText()).isEqualTo("Вх-42");
        assertThat(answerTimer(letterId).getDuedate().toInstant()).isEqualTo(startOf(LocalDate.of(2026, 4, 7)));

        complete(letterId, "RecordAnswer", Map.of("outcome", "extended"));
        assertThat(api.get("cso-a", "/api/letters/" + letterId).json().path("answerDue").asText()).isEqualTo("2026-05-06");
        assertThat(answerTimer(letterId).getDuedate().toInstant()).isEqualTo(startOf(LocalDate.of(2026, 5, 7)));

        // A second extension notice is refused and says why (59-FZ allows one); the deadline stays.
        int logBefore = output.getAll().length();
        Api.Response second = api.post("cso-a", "/api/tasks/" + task(letterId, "RecordAnswer").getId() + "/complete",
                Map.of("outcome", "extended"));
        assertThat(second.status()).as(second.raw()).isEqualTo(409);
        assertThat(second.json().path("detail").asText()).contains("once");
        // A 409 is the client's mistake: no ERROR line, no stack trace (issue 11, defect 9).
        assertThat(output.getAll().substring(logBefore)).doesNotContain(" ERROR ").doesNotContain("ENGINE-16004")
                .doesNotContain("\tat org.");
        assertThat(api.get("cso-a", "/api/letters/" + letterId).json().path("answerDue").asText()).isEqualTo("2026-05-06");
        assertThat(task(letterId, "RecordAnswer")).as("the answer is still awaited").isNotNull();

        complete(letterId, "RecordAnswer", Map.of("outcome", "answered", "answeredOn", "2026-04-30", "rating", "PARTIAL",
                "summary", "A bus for 8 people, not 12"));
        JsonNode answered = api.get("cso-a", "/api/letters/" + letterId).json();
        assertThat(answered.path("answerSummary").asText()).isEqualTo("A bus for 8 people, not 12");
        assertThat(answered.path("cosigners").toString()).contains("Parents' council of school No. 3");
        assertThat(answered.path("attachments").toString()).contains("List of children, 1 page");
        assertThat(answered.path("answerRating").asText()).isEqualTo("PARTIAL");
        assertThat(answered.path("state").asText()).isEqualTo("ANSWERED");
        assertThat(ended(letterId)).isTrue();
        assertThat(api.get("cso-a", "/api/letters?overdue=true&size=100").raw()).doesNotContain(letterId);

        // A partial answer can be followed up: a new letter with its own case and clock, linked to this one.
        Api.Response followUp = api.post("cso-a", "/api/letters/" + letterId + "/follow-up",
                Map.of("text", "Thank you; we still need the bus for 12 people."));
        assertThat(followUp.status()).as(followUp.raw()).isEqualTo(201);
        String followUpId = followUp.json().path("id").asText();
        assertThat(followUp.json().path("kind").asText()).isEqualTo("FOLLOW_UP");
        assertThat(followUp.json().path("parentLetterId").asText()).isEqualTo(letterId);
        assertThat(followUp.json().path("subject").asText()).startsWith("Re: ");
        assertThat(task(followUpId, "SendLetter")).isNotNull();
        assertThat(api.get("cso-a", "/api/cases/" + letterId).json().path("timeline").toString())
                .contains("letter-sent", "letter-registered", "answer-extended", "answer-received");
    }

    @Test
    void anOverdueAnswerGivesTheOrganisationADraftedComplaintToTheSuperiorBody() {
        setClock(LocalDate.of(2026, 3, 2));
        String letterId = draft("Repair the ramp at the polyclinic", null);
        complete(letterId, "SendLetter", Map.of("channel", "ONLINE", "sentOn", "2026-03-02"));
        setClock(LocalDate.of(2026, 3, 5));
        complete(letterId, "RecordRegistration", Map.of("registrationNumber", "Вх-7", "registeredOn", "2026-03-05"));

        setClock(LocalDate.of(2026, 4, 6));
        assertThat(executableTimers(letterId)).as("due on 6 April: not overdue yet").isZero();
        setClock(LocalDate.of(2026, 4, 7));
        assertThat(executableTimers(letterId)).isEqualTo(1);
        managementService.executeJob(answerTimer(letterId).getId());

        Task review = task(letterId, "ReviewComplaint");
        assertThat(review).isNotNull();
        assertThat(taskService.createTaskQuery().taskId(review.getId()).initializeFormKeys().singleResult().getCamundaFormRef())
                .as("the complaint task has a form").isNotNull();
        JsonNode letter = api.get("cso-a", "/api/letters/" + letterId).json();
        assertThat(letter.path("complaintDraft").asText()).contains("COMPLAINT", "59-FZ", "art. 12 part 1", "art. 5.59", "Вх-7",
                "05.03.2026", "06.04.2026", "Ministry", "Test organisation A", "INN 7707083893", "day after the registration");
        // In Russian, a formal complaint: addressee, the organisation's details, the law it was broken under.
        String russian = api.exchange("cso-a", org.springframework.http.HttpMethod.GET, "/api/letters/" + letterId, null,
                Map.of("Accept-Language", "ru")).json().path("complaintDraft").asText();
        assertThat(russian).startsWith("В Ministry").contains("ЖАЛОБА", "от Test organisation A, ИНН 7707083893, ОГРН 1027700132195",
                "Федерального закона от 02.05.2006 № 59-ФЗ", "части 1 статьи 12", "пункту 4 части 1 статьи 10",
                "статьёй 5.59 Кодекса Российской Федерации об административных правонарушениях", "за № Вх-7",
                "зарегистрированное 05.03.2026", "Срок истёк 06.04.2026", "статьи 191 и 193 Гражданского кодекса", "Прошу:")
                .doesNotContain("Complaint", "answer");
        assertThat(api.get("cso-a", "/api/tasks?caseId=" + letterId).raw()).contains("Review and send the complaint");
        assertThat(jdbc.sql("SELECT COUNT(*) FROM mail_outbox WHERE recipient = 'cso-a@opora.test' AND idempotency_key LIKE ?")
                .param("task-new:" + review.getId() + ":%").query(Long.class).single()).isEqualTo(1);
        // The answer is still awaited beside the complaint.
        assertThat(task(letterId, "RecordAnswer")).isNotNull();

        // The complaint becomes a letter of its own, to the department's superior ministry.
        assertThat(api.post("cso-b", "/api/letters/" + letterId + "/complaint", null).status()).isEqualTo(404);
        Api.Response complaint = api.post("cso-a", "/api/letters/" + letterId + "/complaint", null);
        assertThat(complaint.status()).as(complaint.raw()).isEqualTo(201);
        assertThat(complaint.json().path("kind").asText()).isEqualTo("COMPLAINT");
        assertThat(complaint.json().path("subject").asText()).startsWith("Жалоба на нарушение срока рассмотрения обращения «");
        assertThat(complaint.json().path("bodyId").asText()).isEqualTo(superiorId);
        assertThat(task(complaint.json().path("id").asText(), "SendLetter")).isNotNull();
        assertThat(task(letterId, "ReviewComplaint")).as("the complaint is made: its task is done").isNull();
        assertThat(api.post("cso-a", "/api/letters/" + letterId + "/complaint", null).status())
                .as("one complaint per overdue answer").isEqualTo(409);

        // Overdue letters are listed for the organisation and for staff, and for nobody else.
        assertThat(api.get("cso-a", "/api/letters?overdue=true&size=100").raw()).contains(letterId);
        assertThat(api.get("staff", "/api/letters?overdue=true&size=100").raw()).contains(letterId);
        assertThat(api.get("cso-b", "/api/letters?overdue=true&size=100").raw()).doesNotContain(letterId);
        JsonNode overdue = api.get("cso-a", "/api/letters/" + letterId).json();
        assertThat(overdue.path("daysLeft").asLong()).isNegative();
        assertThat(overdue.path("state").asText()).isEqualTo("OVERDUE");
    }

    @Test
    void aForwardedLetterStartsANewClockAtTheCompetentBodyAndRoutingLearnsIt() {
        String letterId = draft("Accessible entrance for the day centre", null);
        Map<String, Object> early = Map.of("bodyId", superiorId, "forwardedOn", "2026-03-10", "registrationNumber", "M-1",
                "registeredOn", "2026-03-12");
        assertThat(api.post("cso-a", "/api/letters/" + letterId + "/forwarding", early).status())
                .as("nothing to forward before the answer is awaited").isEqualTo(409);
        complete(letterId, "SendLetter", Map.of("channel", "ONLINE", "sentOn", "2026-03-02"));
        complete(letterId, "RecordRegistration", Map.of("registrationNumber", "Вх-9", "registeredOn", "2026-03-05"));

        Api.Response sameBody = api.post("cso-a", "/api/letters/" + letterId + "/forwarding", Map.of("bodyId", departmentId,
                "forwardedOn", "2026-03-10", "registrationNumber", "M-1", "registeredOn", "2026-03-12"));
        assertThat(sameBody.json().path("errors").get(0).path("field").asText()).isEqualTo("bodyId");
        Api.Response backwards = api.post("cso-a", "/api/letters/" + letterId + "/forwarding", Map.of("bodyId", superiorId,
                "forwardedOn", "2026-03-10", "registrationNumber", "M-1", "registeredOn", "2026-03-09"));
        assertThat(backwards.json().path("errors").get(0).path("field").asText()).isEqualTo("registeredOn");

        Api.Response forwarded = api.post("cso-a", "/api/letters/" + letterId + "/forwarding", Map.of("bodyId", superiorId,
                "forwardedOn", "2026-03-10", "registrationNumber", "M-1", "registeredOn", "2026-03-20"));

        assertThat(forwarded.status()).as(forwarded.raw()).isEqualTo(200);
        // 30 days from 20 March end on Sunday 19 April: due Monday 20 April at the new body.
        assertThat(forwarded.json().path("answerDue").asText()).isEqualTo("2026-04-20");
        assertThat(forwarded.json().path("bodyId").asText()).isEqualTo(superiorId);
        assertThat(forwarded.json().path("forwardings").get(0).path("forwardedOn").asText()).isEqualTo("2026-03-10");
        assertThat(answerTimer(letterId).getDuedate().toInstant()).isEqualTo(startOf(LocalDate.of(2026, 4, 21)));
        assertThat(api.get("cso-a", "/api/letters/routing?topic=social support&bodyId=" + departmentId).json()
                .path("warnings").toString()).contains("forwarded to Ministry", "1 time");
    }

    @Test
    void aLearntForwardingChangesTheNextSuggestion() {
        String agencyId = createBody(null, "Social support agency " + UUID.randomUUID(), "OTHER");
        String suggestionUrl = "/api/letters/routing?topic=social support&region=" + region;
        assertThat(api.get("cso-a", suggestionUrl).json().path("body").path("id").asText()).isEqualTo(superiorId);

        Map<String, Object> toMinistry = letter("Help for lonely pensioners", null);
        toMinistry.put("bodyId", superiorId);
        String letterId = api.post("cso-a", "/api/letters", toMinistry).json().path("letter").path("id").asText();
        complete(letterId, "SendLetter", Map.of("channel", "ONLINE", "sentOn", "2026-03-02"));
        complete(letterId, "RecordRegistration", Map.of("registrationNumber", "Вх-11", "registeredOn", "2026-03-05"));
        assertThat(api.post("cso-a", "/api/letters/" + letterId + "/forwarding", Map.of("bodyId", agencyId,
                "forwardedOn", "2026-03-10", "registrationNumber", "A-5", "registeredOn", "2026-03-11")).status()).isEqualTo(200);

        JsonNode suggestion = api.get("cso-a", suggestionUrl).json();
        assertThat(suggestion.path("body").path("id").asText()).isEqualTo(agencyId);
        assertThat(suggestion.path("reason").asText()).contains("were forwarded to Social support agency");
    }

    @Test
    void aRequestForDocumentsGivesTheOrganisationATaskDueThenWhileTheAnswerClockRunsOn() {
        String letterId = draft("Grant for a summer camp", null);
        Map<String, Object> request = Map.of("what", "The camp's programme and budget", "dueBy", "2026-03-16");
        assertThat(api.post("cso-a", "/api/letters/" + letterId + "/documents-request", request).status()).isEqualTo(409);
        complete(letterId, "SendLetter", Map.of("channel", "ONLINE", "sentOn", "2026-03-02"));
        complete(letterId, "RecordRegistration", Map.of("registrationNumber", "Вх-3", "registeredOn", "2026-03-05"));

        Api.Response response = api.post("cso-a", "/api/letters/" + letterId + "/documents-request", request);

        assertThat(response.status()).as(response.raw()).isEqualTo(200);
        assertThat(response.json().path("answerDue").asText()).isEqualTo("2026-04-06");
        Task documents = task(letterId, "SendDocuments");
        assertThat(documents.getDueDate().toInstant()).isEqualTo(startOf(LocalDate.of(2026, 3, 17)));
        assertThat(task(letterId, "RecordAnswer")).isNotNull();
        assertThat(api.post("cso-b", "/api/letters/" + letterId + "/documents-request", request).status()).isEqualTo(404);
    }

    @Test
    void whereTheCentreAsksForItStaffReviewEachLetterBeforeItIsSent() {
        String reviewSetting = "/api/admin/centres/" + fixtures.centre().id() + "/letter-review";
        assertThat(api.put("staff", reviewSetting, Map.of("required", true)).status()).isEqualTo(403);
        assertThat(api.put("admin", reviewSetting, Map.of("required", true)).status()).isEqualTo(200);
        try {
            String letterId = api.post("cso-a", "/api/letters", letter("Please fund our festival", null)).json()
                    .path("letter").path("id").asText();
            assertThat(task(letterId, "SendLetter")).isNull();
            assertThat(api.get("cso-a", "/api/tasks?count=true&caseId=" + letterId).json().path("total").asInt()).isZero();

            completeAs("staff", letterId, "ReviewLetter", Map.of("approved", false, "comment", "Ask for the stage, not money"));
            completeAs("cso-a", letterId, "ReviseLetter", Map.of("text", "Please lend us the city stage on 12 June."));
            // A box left unticked is "not approved", whatever 'approved' held before.
            completeAs("staff", letterId, "ReviewLetter", Map.of("comment", "Still unclear"));
            assertThat(task(letterId, "ReviseLetter")).isNotNull();
            completeAs("cso-a", letterId, "ReviseLetter", Map.of("text", "Please lend us the city stage on 12 June."));
            completeAs("staff", letterId, "ReviewLetter", Map.of("approved", true));

            assertThat(task(letterId, "SendLetter")).isNotNull();
            assertThat(jdbc.sql("SELECT text FROM letter WHERE id = ?").param(UUID.fromString(letterId)).query(String.class)
                    .single()).isEqualTo("Please lend us the city stage on 12 June.");
            assertThat(api.get("cso-a", "/api/cases/" + letterId).json().path("timeline").toString())
                    .contains("letter-returned", "Ask for the stage, not money", "letter-revised", "letter-approved");
        } finally {
            api.put("admin", reviewSetting, Map.of("required", false));
        }
    }

    @Test
    void onlyAPartialAnswerOrARefusalIsFollowedUpAndOnlyAnOverdueOneComplainedAbout() {
        String letterId = draft("Not yet answered", null);
        Api.Response impossibleDate = api.post("cso-a", "/api/tasks/" + task(letterId, "SendLetter").getId() + "/complete",
                Map.of("channel", "POST", "sentOn", "2026-13-45"));
        assertThat(impossibleDate.status()).isEqualTo(400);
        assertThat(impossibleDate.json().path("errors").get(0).path("field").asText()).isEqualTo("sentOn");
        assertThat(api.post("cso-a", "/api/letters/" + letterId + "/follow-up", Map.of()).status()).isEqualTo(409);
        assertThat(api.post("cso-a", "/api/letters/" + letterId + "/complaint", null).status()).isEqualTo(409);
    }

    @Test
    void datesInTheFutureAndNumbersForTextOrDatesAreRefused() {
        String letterId = draft("Dates that have not come", null);
        String tomorrow = LocalDate.now(ZoneId.of("Europe/Moscow")).plusDays(2).toString();
        Api.Response futureSending = api.post("cso-a", "/api/tasks/" + task(letterId, "SendLetter").getId() + "/complete",
                Map.of("channel", "POST", "sentOn", tomorrow));
        assertThat(futureSending.status()).as(futureSending.raw()).isEqualTo(400);
        assertThat(futureSending.json().path("errors").get(0).path("field").asText()).isEqualTo("sentOn");
        complete(letterId, "SendLetter", Map.of("channel", "POST", "sentOn", "2026-03-02"));

        Api.Response futureRegistration = api.post("cso-a", "/api/tasks/" + task(letterId, "RecordRegistration").getId()
                + "/complete", Map.of("registrationNumber", "Вх-1", "registeredOn", tomorrow));
        assertThat(futureRegistration.status()).as(futureRegistration.raw()).isEqualTo(400);
        assertThat(futureRegistration.json().path("errors").get(0).path("field").asText()).isEqualTo("registeredOn");
        complete(letterId, "RecordRegistration", Map.of("registrationNumber", "Вх-1", "registeredOn", "2026-03-05"));

        Api.Response futureAnswer = api.post("cso-a", "/api/tasks/" + task(letterId, "RecordAnswer").getId() + "/complete",
                Map.of("outcome", "answered", "answeredOn", tomorrow, "rating", "SATISFACTORY"));
        assertThat(futureAnswer.status()).as(futureAnswer.raw()).isEqualTo(400);
        assertThat(futureAnswer.json().path("errors").get(0).path("field").asText()).isEqualTo("answeredOn");
        Api.Response answerBeforeRegistration = api.post("cso-a", "/api/tasks/" + task(letterId, "RecordAnswer").getId()
                + "/complete", Map.of("outcome", "answered", "answeredOn", "2026-03-01", "rating", "SATISFACTORY"));
        assertThat(answerBeforeRegistration.status()).as(answerBeforeRegistration.raw()).isEqualTo(400);
        assertThat(task(letterId, "RecordAnswer")).isNotNull();

        Map<String, Object> numberForText = letter("placeholder", null);
        numberForText.put("subject", 12345);
        Api.Response subject = api.post("cso-a", "/api/letters", numberForText);
        assertThat(subject.status()).as(subject.raw()).isEqualTo(400);
        assertThat(subject.json().path("errors").get(0).path("field").asText()).isEqualTo("subject");
        Map<String, Object> numberForDate = letter("A number for a date", null);
        numberForDate.put("neededBy", 12345);
        Api.Response neededBy = api.post("cso-a", "/api/letters", numberForDate);
        assertThat(neededBy.status()).as(neededBy.raw()).isEqualTo(400);
        assertThat(neededBy.json().path("errors").get(0).path("field").asText()).isEqualTo("neededBy");
    }

    @Test
    void anUnrecordedRegistrationAsksTheOrganisationToCheck() {
        setClock(LocalDate.of(2026, 3, 2));
        String letterId = draft("Premises for a support group", null);
        complete(letterId, "SendLetter", Map.of("channel", "POST", "sentOn", "2026-03-02"));

        Job timer = managementService.createJobQuery().processInstanceId(instanceOf(letterId)).timers().singleResult();
        // Posted on 2 March, delivered by 9 March, to be registered by 12 March: checked from 13 March.
        assertThat(timer.getDuedate().toInstant()).isEqualTo(startOf(LocalDate.of(2026, 3, 13)));
        setClock(LocalDate.of(2026, 3, 12));
        assertThat(executableTimers(letterId)).isZero();
        setClock(LocalDate.of(2026, 3, 13));
        assertThat(executableTimers(letterId)).isEqualTo(1);
        managementService.executeJob(timer.getId());

        assertThat(task(letterId, "CheckRegistration")).isNotNull();
        assertThat(task(letterId, "RecordRegistration")).as("the registration can still be recorded").isNotNull();
    }

    @Test
    void onlyTheWritersOrganisationSeesTheLetterAndOnlyMembersWriteOne() {
        String letterId = draft("Private", null);

        assertThat(api.get("cso-b", "/api/letters/" + letterId).status()).isEqualTo(404);
        assertThat(api.get("cso-b", "/api/tasks?size=100").raw()).doesNotContain(letterId);
        assertThat(api.post("staff", "/api/letters", letter("From staff", null)).status()).isEqualTo(403);

        Map<String, Object> unknownBody = letter("Nowhere", null);
        unknownBody.put("bodyId", UUID.randomUUID().toString());
        Api.Response refused = api.post("cso-a", "/api/letters", unknownBody);
        assertThat(refused.status()).isEqualTo(400);
        assertThat(refused.json().path("errors").get(0).path("field").asText()).isEqualTo("bodyId");
    }

    @Test
    void aLetterWrittenTooLateIsWarnedAtOnce() {
        Api.Response response = api.post("cso-a", "/api/letters", letter("Urgent help", LocalDate.now().plusDays(5).toString()));

        assertThat(response.status()).isEqualTo(201);
        assertThat(response.json().path("timing").path("tooLate").asBoolean()).isTrue();
        assertThat(response.json().path("timing").path("suggestions").toString()).contains("meeting");
    }

    @Test
    void extensionNoticesSentAtTheSameMomentExtendTheAnswerPeriodOnce() throws Exception {
        for (int round = 0; round < 3; round++) {
            String letterId = draft("Extension race " + round, "2026-03-20");
            complete(letterId, "SendLetter", Map.of("channel", "ONLINE", "sentOn", "2026-03-02"));
            complete(letterId, "RecordRegistration", Map.of("registrationNumber", "Вх-" + round, "registeredOn", "2026-03-05"));
            String taskId = task(letterId, "RecordAnswer").getId();

            // The same notice recorded six times at once (double clicks, two tabs, a colleague).
            List<String> senders = java.util.Collections.nCopies(6, "cso-a");
            java.util.concurrent.CountDownLatch start = new java.util.concurrent.CountDownLatch(1);
            java.util.concurrent.ExecutorService threads = java.util.concurrent.Executors.newFixedThreadPool(senders.size());
            List<Api.Response> responses = new java.util.ArrayList<>();
            try {
                List<java.util.concurrent.Future<Api.Response>> futures = new java.util.ArrayList<>();
                for (String sender : senders) {
                    futures.add(threads.submit(() -> {
                        start.await();
                        return api.post(sender, "/api/tasks/" + taskId + "/complete", Map.of("outcome", "extended"));
                    }));
                }
                start.countDown();
                for (java.util.concurrent.Future<Api.Response> future : futures) {
                    responses.add(future.get());
                }
            } finally {
                threads.shutdownNow();
            }

            assertThat(responses).extracting(Api.Response::status).containsOnly(204, 409)
                    .filteredOn(status -> status == 204).hasSize(1);
            responses.stream().filter(response -> response.status() == 409).forEach(response ->
                    assertThat(response.json().path("type").asText()).isEqualTo("urn:opora:problem:conflict"));
            assertThat(api.get("cso-a", "/api/letters/" + letterId).json().path("answerDue").asText()).isEqualTo("2026-05-06");
            assertThat(jdbc.sql("SELECT COUNT(*) FROM case_event WHERE case_id = ? AND kind = 'answer-extended'")
                    .param(UUID.fromString(letterId)).query(Long.class).single()).isEqualTo(1);
            assertThat(answerTimer(letterId).getDuedate().toInstant()).isEqualTo(startOf(LocalDate.of(2026, 5, 7)));
            assertThat(task(letterId, "RecordAnswer")).as("the answer is awaited once more").isNotNull();
        }
    }

    private String draft(String subject, String neededBy) {
        Api.Response response = api.post("cso-a", "/api/letters", letter(subject, neededBy));
        assertThat(response.status()).as(response.raw()).isEqualTo(201);
        String letterId = response.json().path("letter").path("id").asText();
        assertThat(task(letterId, "SendLetter")).isNotNull();
        return letterId;
    }

    private Map<String, Object> letter(String subject, String neededBy) {
        Map<String, Object> letter = new HashMap<>();
        letter.put("bodyId", departmentId);
        letter.put("subject", subject);
        letter.put("topic", "social support");
        letter.put("text", "Dear colleagues, ...");
        letter.put("requestKind", "IN_KIND");
        letter.put("neededBy", neededBy);
        letter.put("region", "Тверская область");
        letter.put("cosigners", List.of("Parents' council of school No. 3"));
        letter.put("attachments", List.of("List of children, 1 page"));
        return letter;
    }

    private void complete(String letterId, String taskKey, Map<String, Object> fields) {
        completeAs("cso-a", letterId, taskKey, fields);
    }

    private void completeAs(String user, String letterId, String taskKey, Map<String, Object> fields) {
        Task task = task(letterId, taskKey);
        assertThat(task).as("open task " + taskKey).isNotNull();
        Api.Response response = api.post(user, "/api/tasks/" + task.getId() + "/complete", fields);
        assertThat(response.status()).as(response.raw()).isEqualTo(204);
    }

    private Task task(String letterId, String taskKey) {
        return taskService.createTaskQuery().processInstanceBusinessKey(letterId).taskDefinitionKey(taskKey).singleResult();
    }

    private String instanceOf(String letterId) {
        return historyService.createHistoricProcessInstanceQuery().processInstanceBusinessKey(letterId).singleResult().getId();
    }

    private Job answerTimer(String letterId) {
        return managementService.createJobQuery().processInstanceId(instanceOf(letterId)).timers().activityId("AnswerOverdue")
                .singleResult();
    }

    /** Moves the engine clock to noon of a day in Moscow: timers fire through the engine, not by sleeping. */
    private static void setClock(LocalDate day) {
        ClockUtil.setCurrentTime(Date.from(day.atTime(12, 0).atZone(MOSCOW).toInstant()));
    }

    private long executableTimers(String letterId) {
        return managementService.createJobQuery().processInstanceId(instanceOf(letterId)).timers().executable().count();
    }

    private boolean ended(String letterId) {
        return historyService.createHistoricProcessInstanceQuery().processInstanceBusinessKey(letterId).singleResult()
                .getEndTime() != null;
    }

    private String createBody(String parentId, String name, String kind) {
        Map<String, Object> body = new HashMap<>();
        body.put("parentId", parentId);
        body.put("name", name);
        body.put("kind", kind);
        body.put("level", "REGIONAL");
        body.put("region", region);
        body.put("topics", List.of("social support"));
        return api.post("staff", "/api/public-bodies", body).json().path("id").asText();
    }

    private static java.time.Instant startOf(LocalDate day) {
        return day.atStartOfDay(MOSCOW).toInstant();
    }
}
