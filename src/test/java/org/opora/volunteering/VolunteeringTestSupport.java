package org.opora.volunteering;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Date;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import org.camunda.bpm.engine.ManagementService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.camunda.bpm.engine.runtime.Job;
import org.camunda.bpm.engine.task.Task;
import org.opora.mail.MailDispatcher;
import org.opora.support.Api;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.jdbc.core.simple.JdbcClient;

import com.fasterxml.jackson.databind.JsonNode;
import com.icegreen.greenmail.junit5.GreenMailExtension;
import com.icegreen.greenmail.util.GreenMailUtil;

import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeUtility;

/**
 * What the volunteering tests do as people do it: staff enter volunteers and vet, a CSO member posts
 * and records attendance through the API, volunteers open the links in their e-mail (read from
 * GreenMail) and confirm with the page's form, CSRF token included.
 */
class VolunteeringTestSupport {

    static final ZoneId MOSCOW = ZoneId.of("Europe/Moscow");
    private static final Pattern LINK = Pattern.compile("/v/([A-Za-z0-9_-]{43})");
    private static final Pattern CSRF = Pattern.compile("name=\"_csrf\" value=\"([^\"]+)\"");

    final Api api;
    final TaskService taskService;
    final ManagementService managementService;
    final MailDispatcher dispatcher;
    final JdbcClient jdbc;
    final GreenMailExtension smtp;
    /** A skill only this test's volunteers have, so volunteers of other tests never match its requests. */
    final String skill = "skill-" + UUID.randomUUID().toString().substring(0, 8);

    VolunteeringTestSupport(Api api, TaskService taskService, ManagementService managementService, MailDispatcher dispatcher,
            JdbcClient jdbc, GreenMailExtension smtp) {
        this.api = api;
        this.taskService = taskService;
        this.managementService = managementService;
        this.dispatcher = dispatcher;
        this.jdbc = jdbc;
        this.smtp = smtp;
    }

    static void setClock(LocalDateTime at) {
        ClockUtil.setCurrentTime(Date.from(at.atZone(MOSCOW).toInstant()));
    }

    /** A volunteer entered by staff, free on Saturdays, with this test's skill. */
    String volunteer(String name, Map<String, Object> overrides) {
        Map<String, Object> body = new HashMap<>(Map.of("name", name, "email", email(name), "language", "en",
                "district", "Central", "city", "Moscow", "skills", List.of(skill, "first aid"), "interests", List.of("elderly"),
                "availability", List.of(Map.of("day", "SAT", "from", "09:00", "to", "15:00")), "maxPerMonth", 4));
        body.putAll(overrides);
        Api.Response response = api.post("staff", "/api/volunteering/volunteers", body);
        assertThat(response.status()).as(response.raw()).isEqualTo(201);
        return response.json().path("id").asText();
    }

    String email(String name) {
        return name.toLowerCase().replace(' ', '.') + "." + skill + "@volunteers.test";
    }

    /** A one-off request of CSO A on Saturday 6 March 2027, 10:00-14:00, needing this test's skill. */
    String request(int needed, Map<String, Object> overrides) {
        Map<String, Object> body = new HashMap<>(Map.of("title", "Visit lonely pensioners " + skill, "what", "Bring groceries",
                "why", "They cannot leave home", "place", "Lenina 1", "district", "Central", "city", "Moscow",
                "firstDate", "2027-03-06", "startTime", "10:00", "endTime", "14:00", "needed", needed));
        body.put("cause", "elderly");
        body.put("requiredSkills", List.of(skill));
        body.put("contactName", "Anna Contact");
        body.put("contactEmail", "contact." + skill + "@cso.test");
        body.put("contactPhone", "+7 900 000-00-00");
        body.putAll(overrides);
        Api.Response response = api.post("cso-a", "/api/volunteering/requests", body);
        assertThat(response.status()).as(response.raw()).isEqualTo(201);
        return response.json().path("id").asText();
    }

    JsonNode view(String requestId) {
        return api.get("cso-a", "/api/volunteering/requests/" + requestId).json();
    }

    Task task(String requestId, String key) {
        return taskService.createTaskQuery().processInstanceBusinessKey(requestId).taskDefinitionKey(key).singleResult();
    }

    void complete(String user, String requestId, String key, Map<String, Object> fields) {
        Task task = task(requestId, key);
        assertThat(task).as("open task " + key).isNotNull();
        Api.Response response = api.post(user, "/api/tasks/" + task.getId() + "/complete", fields);
        assertThat(response.status()).as(response.raw()).isEqualTo(204);
    }

    void approve(String requestId) {
        complete("staff", requestId, VolunteeringDelegates.VET_REQUEST, Map.of("decision", "approve"));
    }

    Job timer(String requestId, String activityId) {
        return managementService.createJobQuery().processInstanceId(instance(requestId)).timers().activityId(activityId)
                .singleResult();
    }

    String instance(String requestId) {
        return jdbc.sql("SELECT process_instance_id FROM opora_case WHERE id = ?").param(UUID.fromString(requestId))
                .query(String.class).single();
    }

    /** Moves the engine clock to the timer's due time and fires it, as the job executor would. */
    void fire(String requestId, String activityId) {
        Job timer = timer(requestId, activityId);
        assertThat(timer).as("timer " + activityId).isNotNull();
        ClockUtil.setCurrentTime(new Date(timer.getDuedate().getTime() + 1000));
        managementService.executeJob(timer.getId());
    }

    /** Runs the asynchronous continuations waiting in a request's process. */
    void runJobs(String requestId) {
        for (Job job : managementService.createJobQuery().processInstanceId(instance(requestId)).executable().list()) {
            if (job.getDuedate() == null || !job.getDuedate().after(ClockUtil.getCurrentTime())) {
                managementService.executeJob(job.getId());
            }
        }
    }

    void drain() {
        while (dispatcher.dispatchDue() > 0) {
            // sends everything due
        }
    }

    /** The e-mails a person received, each as subject and body. */
    List<Mail> mails(String address) {
        drain();
        List<Mail> mails = new ArrayList<>();
        for (MimeMessage message : smtp.getReceivedMessagesForDomain(address)) {
            try {
                String raw = GreenMailUtil.getBody(message);
                String body = new String(MimeUtility.decode(new ByteArrayInputStream(raw.getBytes(StandardCharsets.US_ASCII)),
                        "quoted-printable").readAllBytes(), StandardCharsets.UTF_8);
                mails.add(new Mail(message.getSubject(), body));
            } catch (jakarta.mail.MessagingException | java.io.IOException e) {
                throw new IllegalStateException(e);
            }
        }
        return mails;
    }

    Mail mail(String address, String subjectStart) {
        List<Mail> found = mails(address).stream().filter(mail -> mail.subject().startsWith(subjectStart)).toList();
        assertThat(found).as("one mail '%s' to %s", subjectStart, address).hasSize(1);
        return found.get(0);
    }

    record Mail(String subject, String body) {

        /** The links in the body, in order, as their tokens. */
        List<String> tokens() {
            Matcher matcher = LINK.matcher(body);
            List<String> tokens = new ArrayList<>();
            while (matcher.find()) {
                tokens.add(matcher.group(1));
            }
            return tokens;
        }
    }

    record Page(int status, String html, String cookie, String csrf, HttpHeaders headers) {
    }

    Page open(String token) {
        Api.Response response = api.get(null, "/v/" + token);
        String cookie = response.cookies().stream().map(value -> value.split(";")[0]).collect(Collectors.joining("; "));
        Matcher csrf = CSRF.matcher(response.raw());
        return new Page(response.status(), response.raw(), cookie, csrf.find() ? csrf.group(1) : null, response.headers());
    }

    /** Opens the link's page, then submits its form as a browser would. */
    Api.Response confirm(String token, Map<String, ?> fields) {
        Page page = open(token);
        assertThat(page.csrf()).as("the page has a form: " + page.html()).isNotNull();
        return post("/v/" + token, page, fields);
    }

    /** A field whose value is a list is sent once per item, as a browser sends ticked boxes and repeated fields. */
    Api.Response post(String path, Page page, Map<String, ?> fields) {
        Map<String, Object> form = new LinkedHashMap<>(fields);
        form.put("_csrf", page.csrf());
        String body = form.entrySet().stream()
                .flatMap(entry -> (entry.getValue() instanceof List<?> items ? items.stream() : java.util.stream.Stream.of(entry.getValue()))
                        .map(value -> entry.getKey() + "=" + java.net.URLEncoder.encode(String.valueOf(value),
                                java.nio.charset.StandardCharsets.UTF_8)))
                .collect(Collectors.joining("&"));
        return api.exchange(null, HttpMethod.POST, path, body, Map.of(HttpHeaders.COOKIE, page.cookie()));
    }

    String offerId(String requestId, String volunteerId) {
        return jdbc.sql("SELECT id FROM volunteer_offer WHERE request_id = ? AND volunteer_id = ?")
                .params(UUID.fromString(requestId), UUID.fromString(volunteerId)).query(UUID.class).single().toString();
    }

    String offerStatus(String requestId, String volunteerId) {
        return jdbc.sql("SELECT status FROM volunteer_offer WHERE request_id = ? AND volunteer_id = ?")
                .params(UUID.fromString(requestId), UUID.fromString(volunteerId)).query(String.class).optional().orElse("NONE");
    }
}
