package org.opora.tasks;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.List;

import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.camunda.bpm.engine.task.Task;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.opora.cases.CaseRecord;
import org.opora.mail.MailDispatcher;
import org.opora.security.Role;
import org.opora.support.Api;
import org.opora.support.OporaIntegrationTest;
import org.opora.support.OutboxMail;
import org.opora.support.TestSmtp;
import org.opora.support.TestFixtures;
import org.opora.users.NotificationMode;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

import com.icegreen.greenmail.junit5.GreenMailExtension;

/** Everyone hears about their tasks in the way they chose, once per event. */
@OporaIntegrationTest
class TaskNotificationTest {

    @RegisterExtension
    static GreenMailExtension smtp = TestSmtp.server();

    @Autowired
    TestFixtures fixtures;
    @Autowired
    OutboxMail outboxMail;
    @Autowired
    TaskReminders reminders;
    @Autowired
    MailDispatcher dispatcher;
    @Autowired
    TaskService taskService;
    @Autowired
    IdentityService identityService;
    @Autowired
    JdbcClient jdbc;
    @Autowired
    Api api;

    String immediate;
    String digest;
    String silent;

    @BeforeEach
    void threeColleaguesWithDifferentPreferences() {
        immediate = fixtures.newUser(Role.STAFF, "immediate", NotificationMode.IMMEDIATE, null);
        digest = fixtures.newUser(Role.STAFF, "digest", NotificationMode.DIGEST, null);
        silent = fixtures.newUser(Role.STAFF, "silent", NotificationMode.NONE, null);
    }

    @Test
    void aNewGroupTaskIsMailedToMembersWhoWantImmediateMail() throws Exception {
        CaseRecord record = fixtures.openCase(fixtures.organisationA(), "Leaflets for the fair");

        assertThat(subjectsTo(immediate)).containsExactly("New task: Review case");
        assertThat(subjectsTo(digest)).isEmpty();
        assertThat(subjectsTo(silent)).isEmpty();

        drainOutbox();
        assertThat(smtp.getReceivedMessagesForDomain(immediate + "@opora.test")).hasSize(1);
        String body = com.icegreen.greenmail.util.GreenMailUtil.getBody(
                smtp.getReceivedMessagesForDomain(immediate + "@opora.test")[0]);
        assertThat(body).contains("Leaflets for the fair").contains("/camunda/app/tasklist/default/#/?task=");
        assertThat(record).isNotNull();
    }

    @Test
    void aTaskAssignedBySomeoneElseIsMailedButClaimingItYourselfIsNot() {
        CaseRecord record = fixtures.openCase(fixtures.organisationA(), "Assignments");
        Task task = taskService.createTaskQuery().processInstanceId(record.processInstanceId()).singleResult();

        identityService.setAuthentication("staff", List.of(Role.STAFF.groupId()), List.of(fixtures.centre().tenantId()));
        try {
            taskService.setAssignee(task.getId(), immediate);
        } finally {
            identityService.clearAuthentication();
        }
        assertThat(subjectsTo(immediate)).contains("Assigned to you: Review case");

        String claimer = fixtures.newUser(Role.STAFF, "claimer", NotificationMode.IMMEDIATE, null);
        CaseRecord another = fixtures.openCase(fixtures.organisationA(), "Self-claimed");
        Task second = taskService.createTaskQuery().processInstanceId(another.processInstanceId()).singleResult();
        assertThat(api.post(claimer, "/api/tasks/" + second.getId() + "/claim", null).status()).isEqualTo(204);
        assertThat(subjectsTo(claimer)).containsExactly("New task: Review case");
    }

    @Test
    void dueSoonAndOverdueRemindersGoOutOnceEach() {
        CaseRecord record = fixtures.openCase(fixtures.organisationA(), "Reminders");
        Task task = taskService.createTaskQuery().processInstanceId(record.processInstanceId()).singleResult();
        Instant due = task.getDueDate().toInstant();

        ClockUtil.setCurrentTime(Date.from(due.minus(Duration.ofHours(12))));
        reminders.sendReminders();
        reminders.sendReminders();
        assertThat(subjectsAbout(task, immediate)).containsExactly("New task: Review case", "Due soon: Review case");

        ClockUtil.setCurrentTime(Date.from(due.plus(Duration.ofHours(1))));
        reminders.sendReminders();
        reminders.sendReminders();
        assertThat(subjectsAbout(task, immediate))
                .containsExactly("New task: Review case", "Due soon: Review case", "Overdue: Review case");
        assertThat(subjectsTo(silent)).isEmpty();
        assertThat(subjectsTo(digest)).isEmpty();
    }

    @Test
    void digestReadersGetOneDailySummaryInTheirLanguage() {
        fixtures.setMode(digest, NotificationMode.DIGEST, "ru");
        fixtures.openCase(fixtures.organisationA(), "Digest case");

        reminders.sendDigests();
        reminders.sendDigests();

        List<String> subjects = subjectsTo(digest);
        assertThat(subjects).hasSize(1);
        assertThat(subjects.get(0)).startsWith("Ваши задачи на сегодня");
        String body = outboxMail.to(digest + "@opora.test").get(0).body();
        assertThat(body).contains("Digest case").contains("новая");
        assertThat(subjectsTo(silent)).isEmpty();
    }

    @Test
    void usersChooseTheirLanguageAndNotificationModeThroughTheApi() {
        Api.Response updated = api.put(silent, "/api/me/settings", java.util.Map.of("language", "ru", "notificationMode", "DIGEST"));
        assertThat(updated.status()).isEqualTo(200);
        assertThat(updated.json().path("notificationMode").asText()).isEqualTo("DIGEST");
        assertThat(api.get(silent, "/api/me").json().path("language").asText()).isEqualTo("ru");

        Api.Response invalid = api.put(silent, "/api/me/settings", java.util.Map.of("language", "de", "notificationMode", "LOUD"));
        assertThat(invalid.status()).isEqualTo(400);
        assertThat(invalid.json().path("errors").get(0).path("field").asText()).isEqualTo("notificationMode");
        Api.Response wrongLanguage = api.put(silent, "/api/me/settings", java.util.Map.of("language", "de", "notificationMode", "NONE"));
        assertThat(wrongLanguage.json().path("errors").get(0).path("field").asText()).isEqualTo("language");
        assertThat(api.get(silent, "/api/me").json().path("notificationMode").asText()).isEqualTo("DIGEST");
    }

    private List<String> subjectsAbout(Task task, String userId) {
        return jdbc.sql("SELECT subject FROM mail_outbox WHERE recipient = ? AND idempotency_key LIKE ? ORDER BY created_at")
                .param(userId + "@opora.test").param("%:" + task.getId() + ":" + userId + "%").query(String.class).list();
    }

    private List<String> subjectsTo(String userId) {
        return jdbc.sql("SELECT subject FROM mail_outbox WHERE recipient = ? ORDER BY created_at")
                .param(userId + "@opora.test").query(String.class).list();
    }

    /** Sends everything due, however much other tests left in the shared outbox. */
    private void drainOutbox() {
        while (dispatcher.dispatchDue() > 0) {
            // keep going: each call attempts one batch, and a failed message waits for its backoff
        }
    }
}
