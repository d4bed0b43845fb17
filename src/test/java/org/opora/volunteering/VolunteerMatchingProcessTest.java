package org.opora.volunteering;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import org.camunda.bpm.engine.HistoryService;
import org.camunda.bpm.engine.ManagementService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.RepeatedTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.opora.mail.MailDispatcher;
import org.opora.support.Api;
import org.opora.support.OporaIntegrationTest;
import org.opora.support.TestSmtp;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

import com.fasterxml.jackson.databind.JsonNode;
import com.icegreen.greenmail.junit5.GreenMailExtension;

/**
 * A request from posting to thanks, through the API CSO members and staff use, the e-mails
 * volunteers get (GreenMail) and the pages behind their links; timers fired through the engine.
 */
@OporaIntegrationTest
class VolunteerMatchingProcessTest {

    @RegisterExtension
    static GreenMailExtension smtp = TestSmtp.server();

    @Autowired
    Api api;
    @Autowired
    TaskService taskService;
    @Autowired
    ManagementService managementService;
    @Autowired
    HistoryService historyService;
    @Autowired
    MailDispatcher dispatcher;
    @Autowired
    JdbcClient jdbc;
    @Autowired
    VolunteerService volunteerService;
    @Autowired
    VolunteerRepository volunteers;

    VolunteeringTestSupport t;

    @BeforeEach
    void aMondayBeforeTheSaturday() {
        t = new VolunteeringTestSupport(api, taskService, managementService, dispatcher, jdbc, smtp);
        t.drain();
        VolunteeringTestSupport.setClock(LocalDateTime.of(2027, 3, 1, 10, 0));
    }

    @Test
    void staffSendARequestBackForChangesThenRefuseItAndNothingReachesAVolunteer() {
        String volunteer = t.volunteer("Vera Vetting", Map.of());
        String requestId = t.request(1, Map.of());
        assertThat(t.view(requestId).path("state").asText()).isEqualTo("VETTING");
        assertThat(api.get("staff", "/api/volunteering/requests?state=VETTING").raw()).contains(requestId);

        t.complete("staff", requestId, VolunteeringDelegates.VET_REQUEST, Map.of("decision", "revise",
                "reason", "Say who receives the groceries"));
        assertThat(t.view(requestId).path("state").asText()).isEqualTo("REVISING");
        t.complete("cso-a", requestId, VolunteeringDelegates.REVISE_REQUEST, Map.of("what", "Bring groceries to Ms Petrova, 82"));
        assertThat(t.view(requestId).path("what").asText()).isEqualTo("Bring groceries to Ms Petrova, 82");
        assertThat(t.task(requestId, VolunteeringDelegates.VET_REQUEST)).isNotNull();

        t.complete("staff", requestId, VolunteeringDelegates.VET_REQUEST, Map.of("decision", "refuse",
                "reason", "This is work for paid social workers"));
        t.runJobs(requestId);

        JsonNode refused = t.view(requestId);
        assertThat(refused.path("state").asText()).isEqualTo("REFUSED");
        assertThat(refused.path("refusalReason").asText()).isEqualTo("This is work for paid social workers");
        VolunteeringTestSupport.Mail refusal = t.mail("contact." + t.skill + "@cso.test", "Заявка на волонтёров отклонена");
        assertThat(refusal.body()).contains("paid social workers");
        assertThat(t.mails(t.email("Vera Vetting"))).extracting(VolunteeringTestSupport.Mail::subject)
                .as("only the welcome, never an offer").containsExactly("Welcome to the volunteer pool");
        assertThat(t.offerStatus(requestId, volunteer)).isEqualTo("NONE");
        assertThat(historyService.createHistoricProcessInstanceQuery().processInstanceBusinessKey(requestId).singleResult()
                .getEndTime()).isNotNull();
    }

    @Test
    void offersAreEmailedWithLinksAGetChangesNothingAndTheFirstAcceptFillsThePlace() {
        String anna = t.volunteer("Anna Accept", Map.of());
        String boris = t.volunteer("Boris Bystander", Map.of("district", "Northern"));
        String requestId = t.request(1, Map.of());
        t.approve(requestId);

        VolunteeringTestSupport.Mail offer = t.mail(t.email("Anna Accept"), "Could you help?");
        assertThat(offer.body()).contains("Bring groceries", "Test organisation A", "lives in the same district",
                "free on Saturdays", t.skill);
        List<String> links = offer.tokens();
        assertThat(links).hasSize(3); // accept, decline, profile
        String accept = links.get(0);
        assertThat(t.mail(t.email("Boris Bystander"), "Could you help?").tokens()).hasSize(3);
        assertThat(t.view(requestId).path("state").asText()).isEqualTo("MATCHING");

        // Mail scanners fetch links: a GET shows the offer and asks, and changes nothing.
        VolunteeringTestSupport.Page page = t.open(accept);
        assertThat(page.status()).isEqualTo(200);
        assertThat(page.html()).contains("Visit lonely pensioners", "Lenina 1", "Accept");
        assertThat(page.headers().getFirst("Referrer-Policy")).isEqualTo("no-referrer");
        assertThat(page.headers().getFirst("Cache-Control")).contains("no-store");
        assertThat(t.open(accept).status()).isEqualTo(200);
        assertThat(t.offerStatus(requestId, anna)).isEqualTo("OFFERED");
        assertThat(t.view(requestId).path("filled").asInt()).isZero();

        Api.Response accepted = t.post("/v/" + accept, page, Map.of("action", "accept", "offer", t.offerId(requestId, anna)));

        assertThat(accepted.status()).as(accepted.raw()).isEqualTo(200);
        assertThat(accepted.raw()).contains("You are in");
        JsonNode view = t.view(requestId);
        assertThat(view.path("filled").asInt()).isEqualTo(1);
        assertThat(view.path("state").asText()).isEqualTo("FILLED");
        assertThat(view.path("volunteers").get(0).path("name").asText()).isEqualTo("Anna Accept");
        // Each side gets the other's contact details.
        assertThat(t.mail(t.email("Anna Accept"), "You are in").body()).contains("Anna Contact", "+7 900 000-00-00");
        assertThat(t.mail("contact." + t.skill + "@cso.test", "Придёт волонтёр").body()).contains("Anna Accept", t.email("Anna Accept"));
        // The other offer is withdrawn politely, and its link no longer works.
        assertThat(t.offerStatus(requestId, boris)).isEqualTo("WITHDRAWN");
        assertThat(t.mail(t.email("Boris Bystander"), "All places are filled").body()).contains("Thank you for your interest");
        String borisAccept = t.mail(t.email("Boris Bystander"), "Could you help?").tokens().get(0);
        VolunteeringTestSupport.Page late = t.open(borisAccept);
        assertThat(late.status()).isEqualTo(410);
        assertThat(late.html()).as("a later accept is told the places are filled").contains("All places are filled");
        // Replaying the accept is refused and changes nothing.
        Api.Response replay = t.post("/v/" + accept, page, Map.of("action", "accept", "offer", t.offerId(requestId, anna)));
        assertThat(replay.status()).isEqualTo(410);
        assertThat(t.view(requestId).path("filled").asInt()).isEqualTo(1);
        assertThat(t.mails(t.email("Anna Accept"))).filteredOn(mail -> mail.subject().startsWith("You are in")).hasSize(1);
    }

    @Test
    void tamperedExpiredAndAnotherVolunteersLinksAreRefusedWithNoChange() {
        String clara = t.volunteer("Clara Cross", Map.of());
        String denis = t.volunteer("Denis Delay", Map.of());
        String requestId = t.request(1, Map.of());
        t.approve(requestId);
        String claraAccept = t.mail(t.email("Clara Cross"), "Could you help?").tokens().get(0);
        String denisDecline = t.mail(t.email("Denis Delay"), "Could you help?").tokens().get(1);

        char last = claraAccept.charAt(42);
        String tampered = claraAccept.substring(0, 42) + (last == 'A' ? 'B' : 'A');
        assertThat(t.open(tampered).status()).isEqualTo(404);
        assertThat(t.open("not-a-token").status()).isEqualTo(404);

        // Clara's link, aimed at Denis's offer.
        VolunteeringTestSupport.Page page = t.open(claraAccept);
        Api.Response cross = t.post("/v/" + claraAccept, page, Map.of("action", "accept", "offer", t.offerId(requestId, denis)));
        assertThat(cross.status()).isEqualTo(404);
        assertThat(t.offerStatus(requestId, denis)).isEqualTo("OFFERED");
        assertThat(t.offerStatus(requestId, clara)).isEqualTo("OFFERED");

        // Two days later the window has closed: the link is refused, and nothing moves until the process looks.
        VolunteeringTestSupport.setClock(LocalDateTime.of(2027, 3, 3, 11, 0));
        assertThat(t.open(denisDecline).status()).isEqualTo(410);
        Api.Response late = t.post("/v/" + claraAccept, page, Map.of("action", "accept", "offer", t.offerId(requestId, clara)));
        assertThat(late.status()).isEqualTo(410);
        assertThat(t.view(requestId).path("filled").asInt()).isZero();
        assertThat(api.get(null, "/api/volunteering/requests").status()).isEqualTo(401);
    }

    @Test
    void linksAreStoredOnlyAsHashesAndEachExpiresWithItsPurpose() {
        String hanna = t.volunteer("Hanna Hash", Map.of());
        String requestId = t.request(1, Map.of());
        t.approve(requestId);
        List<String> tokens = t.mail(t.email("Hanna Hash"), "Could you help?").tokens();
        Instant offered = ClockUtil.getCurrentTime().toInstant();
        List<String> purposes = new java.util.ArrayList<>();

        for (String token : tokens) {
            Map<String, Object> link = lowerCaseKeys(jdbc.sql("SELECT * FROM volunteer_link WHERE token_hash = ?")
                    .param(VolunteerLinks.hash(token)).query().singleRow());
            assertThat(link.toString()).as("the token itself is stored nowhere in its row").doesNotContain(token);
            assertThat(jdbc.sql("SELECT COUNT(*) FROM volunteer_link WHERE token_hash = ?").param(token).query(Long.class)
                    .single()).isZero();
            Instant expires = jdbc.sql("SELECT expires_at FROM volunteer_link WHERE token_hash = ?")
                    .param(VolunteerLinks.hash(token))
                    .query((rs, row) -> rs.getObject(1, java.time.OffsetDateTime.class).toInstant()).single();
            String purpose = (String) link.get("purpose");
            purposes.add(purpose);
            // An offer's accept and decline links last its 48-hour window (the Saturday starts later); the profile link 180 days.
            Duration lasts = purpose.equals("PROFILE") ? Duration.ofDays(180) : Duration.ofHours(48);
            assertThat(expires).as(purpose).isEqualTo(offered.plus(lasts));
        }
        assertThat(purposes).containsExactly("ACCEPT", "DECLINE", "PROFILE");

        // One second before its window closes the offer's link still works; at the second it closes it is gone.
        VolunteeringTestSupport.setClock(LocalDateTime.of(2027, 3, 3, 9, 59, 59));
        assertThat(t.open(tokens.get(0)).status()).isEqualTo(200);
        VolunteeringTestSupport.setClock(LocalDateTime.of(2027, 3, 3, 10, 0));
        assertThat(t.open(tokens.get(0)).status()).isEqualTo(410);
        assertThat(t.open(tokens.get(tokens.size() - 1)).status()).as("the profile link lasts longer").isEqualTo(200);
        assertThat(hanna).isNotNull();
    }

    @Test
    void ofConcurrentAcceptsForTheLastPlaceExactlyOneWins() throws Exception {
        String eva = t.volunteer("Eva Race", Map.of());
        String fedor = t.volunteer("Fedor Race", Map.of());
        String requestId = t.request(1, Map.of());
        t.approve(requestId);
        String evaAccept = t.mail(t.email("Eva Race"), "Could you help?").tokens().get(0);
        String fedorAccept = t.mail(t.email("Fedor Race"), "Could you help?").tokens().get(0);
        VolunteeringTestSupport.Page evaPage = t.open(evaAccept);
        VolunteeringTestSupport.Page fedorPage = t.open(fedorAccept);
        String evaOffer = t.offerId(requestId, eva);
        String fedorOffer = t.offerId(requestId, fedor);

        CountDownLatch start = new CountDownLatch(1);
        ExecutorService threads = Executors.newFixedThreadPool(2);
        try {
            Callable<Api.Response> evaClicks = () -> {
                start.await();
                return t.post("/v/" + evaAccept, evaPage, Map.of("action", "accept", "offer", evaOffer));
            };
            Callable<Api.Response> fedorClicks = () -> {
                start.await();
                return t.post("/v/" + fedorAccept, fedorPage, Map.of("action", "accept", "offer", fedorOffer));
            };
            Future<Api.Response> first = threads.submit(evaClicks);
            Future<Api.Response> second = threads.submit(fedorClicks);
            start.countDown();
            List<String> pages = List.of(first.get().raw(), second.get().raw());

            assertThat(pages).filteredOn(html -> html.contains("You are in")).hasSize(1);
            assertThat(pages).filteredOn(html -> html.contains("All places are filled")).hasSize(1);
        } finally {
            threads.shutdownNow();
        }
        JsonNode view = t.view(requestId);
        assertThat(view.path("filled").asInt()).isEqualTo(1);
        assertThat(view.path("volunteers")).hasSize(1);
        assertThat(List.of(t.offerStatus(requestId, eva), t.offerStatus(requestId, fedor)))
                .containsExactlyInAnyOrder("ACCEPTED", "WITHDRAWN");
    }

    /** Six volunteers click Accept at the same moment for three places; repeated, each time with new people. */
    @RepeatedTest(3)
    void ofManyConcurrentAcceptsExactlyAsManyWinAsThereArePlaces() throws Exception {
        int places = 3;
        List<String> volunteers = new java.util.ArrayList<>();
        for (int i = 0; i < places * 2; i++) {
            volunteers.add(t.volunteer("Crowd " + (char) ('A' + i) + " Race", Map.of()));
        }
        String requestId = t.request(places, Map.of());
        t.approve(requestId);
        List<Callable<Api.Response>> clicks = new java.util.ArrayList<>();
        for (int i = 0; i < volunteers.size(); i++) {
            String accept = t.mail(t.email("Crowd " + (char) ('A' + i) + " Race"), "Could you help?").tokens().get(0);
            VolunteeringTestSupport.Page page = t.open(accept);
            String offer = t.offerId(requestId, volunteers.get(i));
            clicks.add(() -> t.post("/v/" + accept, page, Map.of("action", "accept", "offer", offer)));
        }

        CountDownLatch start = new CountDownLatch(1);
        ExecutorService threads = Executors.newFixedThreadPool(clicks.size());
        List<Api.Response> responses = new java.util.ArrayList<>();
        try {
            List<Future<Api.Response>> futures = new java.util.ArrayList<>();
            for (Callable<Api.Response> click : clicks) {
                futures.add(threads.submit(() -> {
                    start.await();
                    return click.call();
                }));
            }
            start.countDown();
            for (Future<Api.Response> future : futures) {
                responses.add(future.get());
            }
        } finally {
            threads.shutdownNow();
        }

        assertThat(responses).extracting(Api.Response::status).as("never a server error").allMatch(status -> status < 500);
        assertThat(responses).filteredOn(response -> response.raw().contains("You are in")).hasSize(places);
        assertThat(responses).filteredOn(response -> response.raw().contains("All places are filled")).hasSize(places);
        JsonNode view = t.view(requestId);
        assertThat(view.path("filled").asInt()).isEqualTo(places);
        assertThat(view.path("volunteers")).hasSize(places);
        List<String> statuses = volunteers.stream().map(volunteer -> t.offerStatus(requestId, volunteer)).toList();
        assertThat(statuses).filteredOn("ACCEPTED"::equals).hasSize(places);
        assertThat(statuses).filteredOn("WITHDRAWN"::equals).hasSize(places);
    }

    @Test
    void silenceSendsTheNextCandidatesADeclineToo_AndWhenCandidatesRunOutStaffGetATask() {
        String galina = t.volunteer("Galina Silent", Map.of());
        String grigory = t.volunteer("Grigory Silent", Map.of("district", "Northern"));
        String hanna = t.volunteer("Hanna Next", Map.of("district", "Southern", "availability", List.of(Map.of("day", "SAT", "from", "12:00", "to", "15:00"))));
        String requestId = t.request(1, Map.of());
        t.approve(requestId);
        assertThat(t.offerStatus(requestId, galina)).isEqualTo("OFFERED");
        assertThat(t.offerStatus(requestId, grigory)).isEqualTo("OFFERED");
        assertThat(t.offerStatus(requestId, hanna)).isEqualTo("NONE");

        // Grigory declines "not this date": the freed offer goes to the next candidate at once.
        String decline = t.mail(t.email("Grigory Silent"), "Could you help?").tokens().get(1);
        Api.Response declined = t.confirm(decline, Map.of("action", "decline", "reason", "DATE",
                "offer", t.offerId(requestId, grigory)));
        assertThat(declined.raw()).contains("Declined");
        assertThat(t.offerStatus(requestId, grigory)).isEqualTo("DECLINED");
        assertThat(t.offerStatus(requestId, hanna)).isEqualTo("OFFERED");

        // Nobody answers within the window (48 hours): the offers expire and, no one being left, staff get a task.
        assertThat(t.timer(requestId, VolunteeringDelegates.OFFER_WINDOW_ENDS).getDuedate().toInstant())
                .isEqualTo(LocalDateTime.of(2027, 3, 3, 10, 0).atZone(VolunteeringTestSupport.MOSCOW).toInstant());
        t.fire(requestId, VolunteeringDelegates.OFFER_WINDOW_ENDS);
        assertThat(t.offerStatus(requestId, galina)).isEqualTo("EXPIRED");
        assertThat(t.offerStatus(requestId, hanna)).isEqualTo("EXPIRED");
        assertThat(t.task(requestId, VolunteeringDelegates.NO_MATCH)).isNotNull();
        assertThat(t.view(requestId).path("state").asText()).isEqualTo("NO_MATCH");
        assertThat(api.get("staff", "/api/volunteering/requests?shortOfVolunteers=true").raw()).contains(requestId);
        assertThat(api.get("staff", "/api/tasks?caseId=" + requestId).raw()).contains("No match");

        // Staff find a volunteer by phone, enter them and look again.
        String ivan = t.volunteer("Ivan Phone", Map.of());
        t.complete("staff", requestId, VolunteeringDelegates.NO_MATCH, Map.of("retry", true));
        assertThat(t.offerStatus(requestId, ivan)).isEqualTo("OFFERED");
    }

    @Test
    void aCancellationReopensThePlaceForTheNextCandidate() {
        String kira = t.volunteer("Kira Cancel", Map.of());
        // Lev lives where the help is needed, Maria elsewhere: two offers go to Kira and Lev, whatever order the
        // pool is read in (Lev and Maria both away from the place would tie, and PostgreSQL reads rows in no set order).
        String lev = t.volunteer("Lev Second", Map.of());
        String maria = t.volunteer("Maria Third", Map.of("district", "Southern", "language", "ru"));
        String requestId = t.request(1, Map.of());
        t.approve(requestId);
        String accept = t.mail(t.email("Kira Cancel"), "Could you help?").tokens().get(0);
        t.confirm(accept, Map.of("action", "accept", "offer", t.offerId(requestId, kira)));
        assertThat(t.view(requestId).path("state").asText()).isEqualTo("FILLED");
        assertThat(t.offerStatus(requestId, lev)).isEqualTo("WITHDRAWN");

        String cancel = t.mail(t.email("Kira Cancel"), "You are in").tokens().get(0);
        Api.Response cancelled = t.confirm(cancel, Map.of("action", "cancel", "offer", t.offerId(requestId, kira)));

        assertThat(cancelled.raw()).contains("Cancelled");
        assertThat(t.offerStatus(requestId, kira)).isEqualTo("CANCELLED");
        assertThat(t.view(requestId).path("filled").asInt()).isZero();
        assertThat(t.offerStatus(requestId, maria)).as("the next candidate, never asked before").isEqualTo("OFFERED");
        // Her e-mail and the page behind its link speak her language, whatever the browser's.
        String mariaAccept = t.mail(t.email("Maria Third"), "Сможете помочь?").tokens().get(0);
        Api.Response englishBrowser = api.exchange(null, org.springframework.http.HttpMethod.GET, "/v/" + mariaAccept, null,
                Map.of("Accept-Language", "en"));
        assertThat(englishBrowser.raw()).contains("lang=\"ru\"", "Придёте?");
        assertThat(t.mail("contact." + t.skill + "@cso.test", "Волонтёр не сможет прийти")).isNotNull();
    }

    @Test
    void afterTheDateTheCsoConfirmsHoursANoShowLosesReliabilityAndVolunteersAreThanked() {
        String nina = t.volunteer("Nina Came", Map.of());
        String oleg = t.volunteer("Oleg Absent", Map.of());
        String requestId = t.request(2, Map.of());
        t.approve(requestId);
        for (String name : List.of("Nina Came", "Oleg Absent")) {
            String id = name.startsWith("Nina") ? nina : oleg;
            t.confirm(t.mail(t.email(name), "Could you help?").tokens().get(0), Map.of("action", "accept",
                    "offer", t.offerId(requestId, id)));
        }
        assertThat(t.view(requestId).path("filled").asInt()).isEqualTo(2);

        t.fire(requestId, VolunteeringDelegates.DAY_BEFORE);
        assertThat(t.mail(t.email("Nina Came"), "Tomorrow").body()).contains("Anna Contact", "Lenina 1");
        assertThat(t.task(requestId, VolunteeringDelegates.RECORD_ATTENDANCE)).isNull();
        assertThat(api.post("cso-a", "/api/volunteering/requests/" + requestId + "/attendance",
                Map.of("entries", List.of(), "close", false)).status()).as("not before the date is over").isEqualTo(409);

        t.fire(requestId, VolunteeringDelegates.DATE_OVER);
        assertThat(api.get("cso-a", "/api/tasks?caseId=" + requestId).raw()).contains("Confirm attendance and hours");
        assertThat(api.post("cso-b", "/api/volunteering/requests/" + requestId + "/attendance",
                Map.of("entries", List.of(), "close", false)).status()).isEqualTo(404);
        Api.Response recorded = api.post("cso-a", "/api/volunteering/requests/" + requestId + "/attendance", Map.of("entries",
                List.of(Map.of("volunteerId", nina, "hours", 4.5), Map.of("volunteerId", oleg, "hours", 0)), "close", false));
        assertThat(recorded.status()).as(recorded.raw()).isEqualTo(200);
        t.runJobs(requestId);

        assertThat(t.view(requestId).path("hours").decimalValue()).isEqualByComparingTo("4.5");
        VolunteeringTestSupport.Mail thanks = t.mail(t.email("Nina Came"), "Thank you for your help");
        assertThat(thanks.body()).contains("Hours recorded: 4.5");
        assertThat(t.mails(t.email("Oleg Absent"))).noneMatch(mail -> mail.subject().startsWith("Thank you"));
        assertThat(t.view(requestId).path("state").asText()).isEqualTo("CLOSED");
        assertThat(historyService.createHistoricProcessInstanceQuery().processInstanceBusinessKey(requestId).singleResult()
                .getEndTime()).isNotNull();

        // The no-show ranks lower next time, and says why.
        String next = t.request(1, Map.of("firstDate", "2027-03-13"));
        JsonNode matches = api.exchange("staff", org.springframework.http.HttpMethod.GET,
                "/api/volunteering/requests/" + next + "/matches", null, Map.of("Accept-Language", "en")).json();
        assertThat(matches.get(0).path("volunteerId").asText()).isEqualTo(nina);
        assertThat(matches.get(1).path("explanation").toString()).contains("did not come 1 time(s)");

        // The volunteer's record of hours, and feedback on the CSO, through the thank-you's links.
        List<String> links = thanks.tokens();
        VolunteeringTestSupport.Page record = t.open(links.get(1));
        assertThat(record.status()).isEqualTo(200);
        assertThat(record.html()).contains("Record of volunteer hours", "Nina Came", "Total: 4.5 hours", "@media print");
        Api.Response feedback = t.confirm(links.get(0), Map.of("action", "feedback", "rating", "5", "comment", "Kind people",
                "offer", t.offerId(requestId, nina)));
        assertThat(feedback.raw()).contains("Your feedback helps");
        assertThat(api.get("staff", "/api/volunteering/feedback").raw()).contains("Kind people").doesNotContain("Nina");
        assertThat(api.get("cso-a", "/api/volunteering/feedback").status()).isEqualTo(403);
        assertThat(t.open(links.get(0)).status()).as("feedback links are single-use").isEqualTo(410);
    }

    @Test
    void aRecurringRequestRepeatsItsDatesUntilTheCsoClosesIt() {
        String pavel = t.volunteer("Pavel Weekly", Map.of());
        String requestId = t.request(1, Map.of("repeatWeeks", 1));
        t.approve(requestId);
        t.confirm(t.mail(t.email("Pavel Weekly"), "Could you help?").tokens().get(0), Map.of("action", "accept",
                "offer", t.offerId(requestId, pavel)));

        t.fire(requestId, VolunteeringDelegates.DAY_BEFORE);
        t.fire(requestId, VolunteeringDelegates.DATE_OVER);
        // Completed from Tasklist's form: the confirmed volunteer came for the planned four hours.
        t.complete("cso-a", requestId, VolunteeringDelegates.RECORD_ATTENDANCE, Map.of("closeRequest", false));
        t.runJobs(requestId);
        JsonNode second = t.view(requestId);
        assertThat(second.path("occurrence").asText()).isEqualTo("2027-03-13");
        assertThat(second.path("hours").decimalValue()).isEqualByComparingTo("4");
        assertThat(t.timer(requestId, VolunteeringDelegates.DAY_BEFORE)).isNotNull();

        t.fire(requestId, VolunteeringDelegates.DAY_BEFORE);
        assertThat(t.mails(t.email("Pavel Weekly"))).filteredOn(mail -> mail.subject().startsWith("Tomorrow")).hasSize(2);
        assertThat(api.post("cso-b", "/api/volunteering/requests/" + requestId + "/close", null).status()).isEqualTo(404);
        assertThat(api.post("cso-a", "/api/volunteering/requests/" + requestId + "/close", null).status()).isEqualTo(200);
        t.fire(requestId, VolunteeringDelegates.DATE_OVER);
        api.post("cso-a", "/api/volunteering/requests/" + requestId + "/attendance", Map.of("entries",
                List.of(Map.of("volunteerId", pavel, "hours", 3)), "close", false));
        t.runJobs(requestId);

        JsonNode closed = t.view(requestId);
        assertThat(closed.path("state").asText()).isEqualTo("CLOSED");
        assertThat(closed.path("hours").decimalValue()).isEqualByComparingTo("7");
        assertThat(t.mails(t.email("Pavel Weekly"))).filteredOn(mail -> mail.subject().startsWith("Thank you")).hasSize(2);
    }

    @Test
    void leavingErasesPersonalDataReopensThePlaceAndKeepsAnonymousStatistics() {
        String rita = t.volunteer("Rita Leaves", Map.of("phone", "+7 911 111-11-11", "about", "I drive a van",
                "district", "Zamoskvorechye " + t.skill, "latitude", 55.7306, "longitude", 37.6290, "birthYear", 1987));
        String requestId = t.request(1, Map.of());
        t.approve(requestId);
        t.confirm(t.mail(t.email("Rita Leaves"), "Could you help?").tokens().get(0), Map.of("action", "accept",
                "offer", t.offerId(requestId, rita)));
        String profile = t.mail(t.email("Rita Leaves"), "You are in").tokens().get(1);

        VolunteeringTestSupport.Page page = t.open(profile);
        assertThat(page.html()).contains("Rita Leaves", "I drive a van");
        Api.Response left = t.post("/v/" + profile, page, Map.of("action", "leave"));

        assertThat(left.raw()).contains("Your personal data is erased");
        // Every personal column, one by one (a single null among them proves nothing).
        Map<String, Object> row = lowerCaseKeys(jdbc.sql("SELECT * FROM volunteer WHERE id = ?")
                .param(UUID.fromString(rita)).query().singleRow());
        assertThat(row.get("status")).isEqualTo("LEFT");
        for (String personal : List.of("name", "email", "phone", "latitude", "longitude", "birth_year", "about")) {
            assertThat(row).as(personal).containsKey(personal);
            assertThat(row.get(personal)).as(personal).isNull();
        }
        assertThat(row.get("availability")).as("availability, the hours of her week").isEqualTo("[]");
        assertThat(row.get("left_at")).isNotNull();
        assertThat(row.toString()).doesNotContain("Rita", "+7 911", "I drive a van", "volunteers.test", "55.73", "37.62",
                "09:00").contains("Zamoskvorechye", t.skill);
        assertThat(t.offerStatus(requestId, rita)).isEqualTo("CANCELLED");
        // Her e-mails, kept by the outbox after sending, go too (the organisation's copy of her details included).
        assertThat(jdbc.sql("SELECT COUNT(*) FROM mail_outbox WHERE recipient = ? OR body_html LIKE ? OR model LIKE ?")
                .params(t.email("Rita Leaves"), "%" + t.email("Rita Leaves") + "%", "%" + t.email("Rita Leaves") + "%")
                .query(Long.class).single()).isZero();
        assertThat(t.view(requestId).path("filled").asInt()).isZero();
        assertThat(t.open(profile).status()).as("every link stops working").isEqualTo(410);
        assertThat(api.get("staff", "/api/volunteering/statistics").json().path("volunteersByStatus").path("LEFT").asLong())
                .isPositive();
    }

    @Test
    void aMessageAboutAVolunteerNotSentWhenSheLeavesIsNeverSent() {
        String rita = t.volunteer("Rita Quick", Map.of("phone", "+7 922 222-22-22"));
        String requestId = t.request(1, Map.of());
        t.approve(requestId);
        VolunteeringTestSupport.Mail offer = t.mail(t.email("Rita Quick"), "Could you help?");
        String profile = offer.tokens().get(offer.tokens().size() - 1);
        t.confirm(offer.tokens().get(0), Map.of("action", "accept", "offer", t.offerId(requestId, rita)));
        // She leaves before the dispatcher ran: the contact's "volunteer joined" (her e-mail, her phone) is still waiting.
        VolunteeringTestSupport.Page page = t.open(profile);
        assertThat(t.post("/v/" + profile, page, Map.of("action", "leave")).raw()).contains("Your personal data is erased");
        t.drain();
        assertThat(jdbc.sql("SELECT COUNT(*) FROM mail_outbox WHERE recipient = ? OR body_html LIKE ? OR model LIKE ?")
                .params(t.email("Rita Quick"), "%" + t.email("Rita Quick") + "%", "%" + t.email("Rita Quick") + "%")
                .query(Long.class).single()).as("outbox rows naming her address after she left").isZero();
    }

    @Test
    void aVolunteerPausedOrErasedOnAnotherNodeIsNotOffered() {
        String paula = t.volunteer("Paula Paused", Map.of());
        String lena = t.volunteer("Lena Left", Map.of());
        String first = t.request(1, Map.of());
        t.approve(first);
        // This node's pool holds both: they were just offered the first request.
        assertThat(t.offerStatus(first, paula)).isEqualTo("OFFERED");
        assertThat(t.offerStatus(first, lena)).isEqualTo("OFFERED");

        // Another node pauses one and erases the other: only that node's pool learns of it (ADR 32).
        assertThat(volunteers.setStatus(UUID.fromString(paula), Volunteer.Status.ACTIVE, Volunteer.Status.PAUSED)).isTrue();
        assertThat(volunteers.erase(UUID.fromString(lena), Instant.now())).isTrue();

        String second = t.request(1, Map.of());
        t.approve(second);
        assertThat(t.offerStatus(second, paula)).as("paused").isEqualTo("NONE");
        assertThat(t.offerStatus(second, lena)).as("erased").isEqualTo("NONE");
    }

    @Test
    void leavingAfterTheRequestIsOverErasesTheNameEverywhereKeepsTheHoursAndCanBeRepeated() {
        String sofia = t.volunteer("Sofia Done", Map.of());
        String requestId = t.request(1, Map.of());
        t.approve(requestId);
        t.confirm(t.mail(t.email("Sofia Done"), "Could you help?").tokens().get(0), Map.of("action", "accept",
                "offer", t.offerId(requestId, sofia)));
        t.fire(requestId, VolunteeringDelegates.DAY_BEFORE);
        t.fire(requestId, VolunteeringDelegates.DATE_OVER);
        api.post("cso-a", "/api/volunteering/requests/" + requestId + "/attendance", Map.of("entries",
                List.of(Map.of("volunteerId", sofia, "hours", 3)), "close", false));
        t.runJobs(requestId);
        assertThat(t.view(requestId).path("state").asText()).isEqualTo("CLOSED");
        List<String> links = t.mail(t.email("Sofia Done"), "Thank you for your help").tokens();
        String profile = links.get(links.size() - 1);

        VolunteeringTestSupport.Page page = t.open(profile);
        assertThat(page.html()).contains("Sofia Done");
        Api.Response left = t.post("/v/" + profile, page, Map.of("action", "leave"));

        assertThat(left.status()).as(left.raw()).isEqualTo(200);
        assertThat(left.raw()).contains("Your personal data is erased");
        assertThat(jdbc.sql("SELECT name FROM volunteer WHERE id = ?").param(UUID.fromString(sofia)).query(String.class)
                .optional()).isEmpty();
        assertThat(t.offerStatus(requestId, sofia)).as("the past place stays taken, anonymously").isEqualTo("ACCEPTED");
        assertThat(t.view(requestId).path("hours").decimalValue()).isEqualByComparingTo("3");
        assertThat(t.view(requestId).toString()).doesNotContain("Sofia");
        assertThat(api.get("staff", "/api/volunteering/statistics").raw()).doesNotContain("Sofia Done");
        assertThat(api.get("staff", "/api/volunteering/hours.csv").raw()).doesNotContain("Sofia Done");
        assertThat(t.mails("contact." + t.skill + "@cso.test")).noneMatch(mail -> mail.subject().startsWith("Волонтёр не сможет"));
        // Leaving again (a second click, a second link) changes nothing and does not fail.
        volunteerService.leave(UUID.fromString(sofia));
        assertThat(t.open(profile).status()).isEqualTo(410);
    }

    private static Map<String, Object> lowerCaseKeys(Map<String, Object> row) {
        Map<String, Object> lower = new java.util.HashMap<>();
        row.forEach((column, value) -> lower.put(column.toLowerCase(java.util.Locale.ROOT), value));
        return lower;
    }
}
