package org.opora.mail;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Date;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;

import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.opora.support.Api;
import org.opora.support.OporaIntegrationTest;
import org.opora.support.TestSmtp;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.mail.javamail.JavaMailSenderImpl;
import org.springframework.transaction.IllegalTransactionStateException;
import org.springframework.transaction.support.TransactionTemplate;

import com.icegreen.greenmail.junit5.GreenMailExtension;

import jakarta.mail.Message;
import jakarta.mail.internet.MimeMessage;

@OporaIntegrationTest
class MailOutboxTest {

    @RegisterExtension
    static GreenMailExtension smtp = TestSmtp.server();

    @Autowired
    MailOutbox outbox;
    @Autowired
    MailDispatcher dispatcher;
    @Autowired
    TransactionTemplate transaction;
    @Autowired
    JdbcClient jdbc;
    @Autowired
    Api api;
    @Autowired
    OutboxRepository repository;
    @Autowired
    MailTemplates templates;
    @Autowired
    MailProperties properties;
    @Autowired
    JavaMailSenderImpl sender;
    @Autowired
    java.time.Clock clock;

    @Test
    void aStepThatRollsBackLeavesNoMail() {
        String key = "rollback-" + UUID.randomUUID();

        assertThatThrownBy(() -> transaction.executeWithoutResult(status -> {
            outbox.enqueue(message(key, "rolled-back@opora.test", "Never sent"));
            throw new IllegalStateException("the step fails after writing its mail");
        })).isInstanceOf(IllegalStateException.class);

        assertThat(rowsWithKey(key)).isZero();
    }

    @Test
    void mailIsOnlyWrittenInsideTheCallersTransaction() {
        assertThatThrownBy(() -> outbox.enqueue(message("no-tx-" + UUID.randomUUID(), "x@opora.test", "x")))
                .isInstanceOf(IllegalTransactionStateException.class);
    }

    @Test
    void theSameEventWrittenTwiceIsOneMessage() {
        String key = "twice-" + UUID.randomUUID();

        boolean first = transaction.execute(status -> outbox.enqueue(message(key, "twice@opora.test", "Once")));
        boolean second = transaction.execute(status -> outbox.enqueue(message(key, "twice@opora.test", "Once")));

        assertThat(first).isTrue();
        assertThat(second).isFalse();
        assertThat(rowsWithKey(key)).isEqualTo(1);
    }

    @Test
    void whileSmtpIsDownNothingIsLostAndWhenItReturnsEachMessageArrivesExactlyOnce() throws Exception {
        String run = UUID.randomUUID().toString().substring(0, 8);
        List<String> recipients = List.of("one-" + run + "@opora.test", "two-" + run + "@opora.test",
                "three-" + run + "@opora.test");
        smtp.stop();
        transaction.executeWithoutResult(status -> recipients.forEach(to -> outbox.enqueue(message("outage-" + to, to, "Backlog"))));

        drainOutbox();
        for (String to : recipients) {
            assertThat(statusOf("outage-" + to)).isEqualTo("PENDING");
            assertThat(attemptsOf("outage-" + to)).isEqualTo(1);
        }

        smtp.start();
        drainOutbox();
        assertThat(receivedBy(recipients)).as("the retry waits for its backoff").isEmpty();

        moveClock(Duration.ofMinutes(2));
        drainOutbox();
        moveClock(Duration.ofHours(2));
        drainOutbox();

        assertThat(receivedBy(recipients)).hasSize(3);
        for (String to : recipients) {
            assertThat(statusOf("outage-" + to)).isEqualTo("SENT");
        }
    }

    @Test
    void aFailingMessageBacksOffDoublingThenFailsAfterItsLastAttemptAndAnAdministratorsRetrySendsItOnce() throws Exception {
        String run = UUID.randomUUID().toString().substring(0, 8);
        String key = "hopeless-" + run;
        // An address no SMTP server takes: only this message fails, the rest of the shared outbox goes on.
        transaction.executeWithoutResult(status -> outbox.enqueue(message(key, "hopeless " + run + "@@opora.test", "Hopeless")));
        UUID id = idOf(key);
        ClockUtil.setCurrentTime(ClockUtil.getCurrentTime());

        List<Duration> waits = new ArrayList<>();
        for (int attempt = 1; attempt <= properties.maxAttempts(); attempt++) {
            Instant now = ClockUtil.getCurrentTime().toInstant();
            drainOutbox();
            assertThat(attemptsOf(key)).isEqualTo(attempt);
            if (attempt < properties.maxAttempts()) {
                assertThat(statusOf(key)).isEqualTo("PENDING");
                Instant next = nextAttemptOf(key);
                waits.add(Duration.between(now, next));
                // Not a moment before its time.
                ClockUtil.setCurrentTime(Date.from(next.minusSeconds(1)));
                drainOutbox();
                assertThat(attemptsOf(key)).isEqualTo(attempt);
                ClockUtil.setCurrentTime(Date.from(next));
            }
        }
        assertThat(statusOf(key)).isEqualTo("FAILED");
        assertThat(waits).startsWith(Duration.ofMinutes(1), Duration.ofMinutes(2), Duration.ofMinutes(4), Duration.ofMinutes(8),
                Duration.ofMinutes(16), Duration.ofMinutes(32), Duration.ofHours(1));
        assertThat(waits.subList(6, waits.size())).allMatch(Duration.ofHours(1)::equals);
        moveClock(Duration.ofDays(2));
        drainOutbox();
        assertThat(attemptsOf(key)).as("a FAILED message waits for a person").isEqualTo(properties.maxAttempts());
        assertThat(api.get("admin", "/api/admin/outbox?status=FAILED&size=100").raw()).contains(id.toString());

        // The cause is fixed (the address corrected); only an administrator puts it back, and only a FAILED one.
        jdbc.sql("UPDATE mail_outbox SET recipient = ? WHERE id = ?").params("mended-" + run + "@opora.test", id).update();
        assertThat(api.post("staff", "/api/admin/outbox/" + id + "/retry", null).status()).isEqualTo(403);
        assertThat(api.post("admin", "/api/admin/outbox/" + UUID.randomUUID() + "/retry", null).status()).isEqualTo(404);
        assertThat(api.post("admin", "/api/admin/outbox/" + id + "/retry", null).status()).isEqualTo(204);
        assertThat(api.post("admin", "/api/admin/outbox/" + id + "/retry", null).status()).isEqualTo(409);
        drainOutbox();

        List<MimeMessage> received = receivedBy(List.of("mended-" + run + "@opora.test"));
        assertThat(received).hasSize(1);
        assertThat(received.get(0).getHeader("X-Opora-Message-Id")).containsExactly(id.toString());
        assertThat(statusOf(key)).isEqualTo("SENT");
    }

    @Test
    void aMessageWhoseSenderDiedIsSentOnceItsLeaseRunsOutAndCarriesItsIdForReceivers() throws Exception {
        String to = "orphan-" + UUID.randomUUID().toString().substring(0, 8) + "@opora.test";
        String key = "orphan-" + to;
        transaction.executeWithoutResult(status -> outbox.enqueue(message(key, to, "Orphaned")));
        UUID id = idOf(key);
        Instant now = ClockUtil.getCurrentTime().toInstant();
        ClockUtil.setCurrentTime(Date.from(now));

        // Another node claims it and dies before sending: its two-minute lease keeps everyone else off.
        assertThat(repository.claim(id, now, now.plus(Duration.ofMinutes(2)))).isTrue();
        drainOutbox();
        ClockUtil.setCurrentTime(Date.from(now.plus(Duration.ofMinutes(2))));
        drainOutbox();
        assertThat(receivedBy(List.of(to))).isEmpty();
        assertThat(statusOf(key)).isEqualTo("SENDING");

        ClockUtil.setCurrentTime(Date.from(now.plus(Duration.ofMinutes(2)).plusSeconds(1)));
        drainOutbox();
        moveClock(Duration.ofHours(3));
        drainOutbox();

        List<MimeMessage> received = receivedBy(List.of(to));
        assertThat(received).hasSize(1);
        assertThat(received.get(0).getHeader("X-Opora-Message-Id")).containsExactly(id.toString());
        assertThat(statusOf(key)).isEqualTo("SENT");
        assertThat(attemptsOf(key)).as("the dead sender's claim counted").isEqualTo(2);
        // The dead sender's late report cannot undo the send: its lease is not the message's any more.
        repository.markFailedAttempt(id, now.plus(Duration.ofMinutes(2)), true, now, "late report");
        assertThat(statusOf(key)).isEqualTo("SENT");
    }

    @Test
    void twoNodesDispatchingAtOnceSendEachMessageOnceInBatchesOverOneConnectionEach() throws Exception {
        drainOutbox();
        String run = UUID.randomUUID().toString().substring(0, 8);
        int count = 3 * properties.batchSize() / 2;
        List<String> recipients = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            recipients.add("batch-" + i + "-" + run + "@opora.test");
        }
        // One message of the lot cannot be sent; it fails alone.
        String broken = "broken " + run + "@@opora.test";
        transaction.executeWithoutResult(status -> {
            recipients.forEach(to -> outbox.enqueue(message("batch-" + to, to, "Batch")));
            outbox.enqueue(message("batch-" + broken, broken, "Broken"));
        });
        // Two nodes: each with its own sender, on the same outbox, counting the SMTP connections they open.
        JavaMailSenderImpl counting = new JavaMailSenderImpl();
        counting.setHost(sender.getHost());
        counting.setPort(sender.getPort());
        counting.setJavaMailProperties(sender.getJavaMailProperties());
        counting.getSession().setProvider(new jakarta.mail.Provider(jakarta.mail.Provider.Type.TRANSPORT, "smtp",
                CountingSmtpTransport.class.getName(), "Opora tests", "1"));
        MailDispatcher nodeA = new MailDispatcher(repository, templates, counting, properties, transaction, clock);
        MailDispatcher nodeB = new MailDispatcher(repository, templates, counting, properties, transaction, clock);
        CountingSmtpTransport.CONNECTIONS.set(0);

        java.util.concurrent.CyclicBarrier together = new java.util.concurrent.CyclicBarrier(2);
        java.util.concurrent.atomic.AtomicInteger batches = new java.util.concurrent.atomic.AtomicInteger();
        java.util.concurrent.ExecutorService nodes = java.util.concurrent.Executors.newFixedThreadPool(2);
        try {
            List<java.util.concurrent.Future<?>> running = new ArrayList<>();
            for (MailDispatcher node : List.of(nodeA, nodeB)) {
                running.add(nodes.submit(() -> {
                    together.await();
                    while (node.dispatchDue() > 0) {
                        batches.incrementAndGet();
                    }
                    return null;
                }));
            }
            for (var node : running) {
                node.get(2, java.util.concurrent.TimeUnit.MINUTES);
            }
        } finally {
            nodes.shutdownNow();
        }

        List<MimeMessage> received = receivedBy(recipients);
        assertThat(received).hasSize(count);
        assertThat(received.stream().map(m -> {
            try {
                return m.getHeader("X-Opora-Message-Id")[0];
            } catch (jakarta.mail.MessagingException ex) {
                throw new IllegalStateException(ex);
            }
        }).distinct()).as("no message twice").hasSize(count);
        for (String to : recipients) {
            assertThat(statusOf("batch-" + to)).isEqualTo("SENT");
            assertThat(attemptsOf("batch-" + to)).as("claimed by one node, once").isEqualTo(1);
        }
        assertThat(statusOf("batch-" + broken)).isEqualTo("PENDING");
        assertThat(attemptsOf("batch-" + broken)).isEqualTo(1);
        // Every batch went over one connection: far fewer connections than messages.
        assertThat(CountingSmtpTransport.CONNECTIONS.get()).isPositive().isLessThanOrEqualTo(batches.get())
                .isLessThan(count / 10);
    }

    @Test
    void aMessageIsRenderedInTheRecipientsLanguageWithEverythingEscaped() throws Exception {
        String to = "ru-" + UUID.randomUUID().toString().substring(0, 8) + "@opora.test";
        transaction.executeWithoutResult(status -> outbox.enqueue(new MailMessage("escape-" + to, to,
                Locale.forLanguageTag("ru"), "task-new", new Object[] {"Проверка"},
                Map.of("recipientName", "<b>Алла</b>", "taskName", "<script>alert(1)</script>", "caseTitle", "",
                        "due", "", "taskUrl", "https://opora.test/t/1"))));

        drainOutbox();

        MimeMessage received = receivedBy(List.of(to)).get(0);
        assertThat(received.getSubject()).isEqualTo("Новая задача: Проверка");
        String body = (String) received.getContent();
        assertThat(body).contains("&lt;script&gt;").doesNotContain("<script>").contains("&lt;b&gt;");
        assertThat(body).contains("Для вас есть новая задача");
    }

    @Test
    void aMessageIsWrittenWithItsSubjectAndRenderedWhenSentKeepingTheBodyItWasSentWith() throws Exception {
        String to = "later-" + UUID.randomUUID().toString().substring(0, 8) + "@opora.test";
        String key = "later-" + to;
        transaction.executeWithoutResult(status -> outbox.enqueue(message(key, to, "Rendered later")));

        Map<String, Object> written = row(key);
        assertThat(written.get("subject")).isEqualTo("New task: Rendered later");
        assertThat(written.get("body_html")).as("the step's transaction renders no body").isNull();
        assertThat((String) written.get("model")).contains("\"taskName\":\"Rendered later\"");
        assertThat(outbox.read(idOf(key)).body()).as("what an administrator reads before it is sent").contains("Rendered later");

        drainOutbox();

        String received = (String) receivedBy(List.of(to)).get(0).getContent();
        Map<String, Object> sent = row(key);
        assertThat(sent.get("status")).isEqualTo("SENT");
        // SMTP carries the body with CRLF line ends.
        assertThat((String) sent.get("body_html")).as("the body it was sent with is kept").contains("Rendered later")
                .isEqualToIgnoringNewLines(received);
        assertThat(sent.get("model")).isNull();
    }

    @Test
    void aMessageWrittenBeforeBodiesWereRenderedAtDispatchIsSentAsItIs() throws Exception {
        String to = "old-" + UUID.randomUUID().toString().substring(0, 8) + "@opora.test";
        java.time.OffsetDateTime now = java.time.OffsetDateTime.now();
        jdbc.sql("INSERT INTO mail_outbox (id, idempotency_key, recipient, language, template, subject, body_html, status, attempts, "
                        + "next_attempt_at, created_at) VALUES (?, ?, ?, 'ru', 'task-new', 'Новая задача: старая', ?, 'PENDING', 0, ?, ?)")
                .params(UUID.randomUUID(), "old-" + to, to, "<p>Отрисовано заранее</p>", now.minusMinutes(1), now.minusMinutes(1))
                .update();

        drainOutbox();

        MimeMessage received = receivedBy(List.of(to)).get(0);
        assertThat(received.getSubject()).isEqualTo("Новая задача: старая");
        assertThat((String) received.getContent()).contains("<p>Отрисовано заранее</p>");
        assertThat(statusOf("old-" + to)).isEqualTo("SENT");
    }

    @Test
    void aMessageThatFailsToRenderIsRetriedVisiblyAndTheRestOfItsBatchIsSent() throws Exception {
        String run = UUID.randomUUID().toString().substring(0, 8);
        String broken = "unrenderable-" + run + "@opora.test";
        String fine = "renderable-" + run + "@opora.test";
        java.time.OffsetDateTime now = java.time.OffsetDateTime.now();
        // A template that a later version removed: the message cannot be rendered when it is sent.
        jdbc.sql("INSERT INTO mail_outbox (id, idempotency_key, recipient, language, template, subject, model, status, attempts, "
                        + "next_attempt_at, created_at) VALUES (?, ?, ?, 'en', 'no-such-template', 'Lost template', '{}', 'PENDING', 0, ?, ?)")
                .params(UUID.randomUUID(), "unrenderable-" + run, broken, now.minusMinutes(1), now.minusMinutes(1))
                .update();
        transaction.executeWithoutResult(status -> outbox.enqueue(message("renderable-" + run, fine, "Still sent")));

        drainOutbox();

        assertThat(receivedBy(List.of(fine))).hasSize(1);
        assertThat(receivedBy(List.of(broken))).isEmpty();
        Map<String, Object> failed = row("unrenderable-" + run);
        assertThat(failed.get("status")).as("kept, to be tried again after its backoff").isEqualTo("PENDING");
        assertThat(((Number) failed.get("attempts")).intValue()).isEqualTo(1);
        assertThat((String) failed.get("last_error")).contains("no-such-template");

        // After its last attempt it is FAILED, where administrators see it and can queue it again.
        jdbc.sql("UPDATE mail_outbox SET attempts = ?, next_attempt_at = ? WHERE idempotency_key = ?")
                .params(properties.maxAttempts() - 1, now.minusMinutes(1), "unrenderable-" + run).update();
        drainOutbox();
        assertThat(statusOf("unrenderable-" + run)).isEqualTo("FAILED");
        assertThat(api.get("admin", "/api/admin/outbox?status=FAILED&size=100").raw()).contains(broken);
        Api.Response one = api.get("admin", "/api/admin/outbox/" + idOf("unrenderable-" + run));
        assertThat(one.status()).isEqualTo(200);
        assertThat(one.json().path("subject").asText()).isEqualTo("Lost template");
    }

    @Test
    void administratorsReadTheOutboxThroughTheApi() {
        String to = "visible-" + UUID.randomUUID().toString().substring(0, 8) + "@opora.test";
        transaction.executeWithoutResult(status -> outbox.enqueue(message("visible-" + to, to, "Shown to admins")));
        UUID id = jdbc.sql("SELECT id FROM mail_outbox WHERE recipient = ?").param(to).query(UUID.class).single();

        Api.Response list = api.get("admin", "/api/admin/outbox?status=PENDING&size=100");
        Api.Response one = api.get("admin", "/api/admin/outbox/" + id);

        assertThat(list.status()).isEqualTo(200);
        assertThat(one.json().path("recipient").asText()).isEqualTo(to);
        assertThat(one.json().path("bodyHtml").asText()).contains("Shown to admins");
        assertThat(api.get("admin", "/api/admin/outbox?status=LOST").status()).isEqualTo(400);
    }

    @Test
    void administratorsAndTestsReadOneBodyTheOneSentOrToBeSentInTheRecipientsLanguage() throws Exception {
        String run = UUID.randomUUID().toString().substring(0, 8);
        String to = "read-" + run + "@opora.test";
        transaction.executeWithoutResult(status -> outbox.enqueue(new MailMessage("read-" + run, to, Locale.forLanguageTag("ru"),
                "task-new", new Object[] {"Прочесть"}, Map.of("recipientName", "Алла", "taskName", "Прочесть", "caseTitle", "",
                        "due", "", "taskUrl", "https://opora.test/t/2"))));
        UUID id = idOf("read-" + run);

        String beforeSending = outbox.read(id).body();
        assertThat(beforeSending).contains("Для вас есть новая задача", "Прочесть");
        assertThat(api.get("admin", "/api/admin/outbox/" + id).json().path("bodyHtml").asText()).isEqualTo(beforeSending);

        drainOutbox();
        String received = (String) receivedBy(List.of(to)).get(0).getContent();
        assertThat(received).isEqualToIgnoringNewLines(beforeSending);
        // Once sent, the body it was sent with, not a new rendering (the model is gone; this marks the kept body).
        jdbc.sql("UPDATE mail_outbox SET body_html = body_html || '<!-- kept -->' WHERE id = ?").param(id).update();
        assertThat(outbox.read(id).body()).endsWith("<!-- kept -->").startsWith(beforeSending.substring(0, 40));
        assertThat(api.get("admin", "/api/admin/outbox/" + id).json().path("bodyHtml").asText()).isEqualTo(outbox.read(id).body());

        // One that cannot be rendered has no body either way; its last error says why.
        java.time.OffsetDateTime now = java.time.OffsetDateTime.now();
        UUID lost = UUID.randomUUID();
        jdbc.sql("INSERT INTO mail_outbox (id, idempotency_key, recipient, language, template, subject, model, status, attempts, "
                        + "next_attempt_at, created_at) VALUES (?, ?, ?, 'ru', 'no-such-template', 'Пропал шаблон', '{}', 'FAILED', 3, ?, ?)")
                .params(lost, "lost-" + run, "lost-" + run + "@opora.test", now, now).update();
        assertThat(outbox.read(lost).body()).isNull();
        Api.Response shown = api.get("admin", "/api/admin/outbox/" + lost);
        assertThat(shown.status()).isEqualTo(200);
        assertThat(shown.json().path("subject").asText()).isEqualTo("Пропал шаблон");
        assertThat(shown.json().path("bodyHtml").isMissingNode() || shown.json().path("bodyHtml").isNull()).isTrue();
        assertThat(api.get("admin", "/api/admin/outbox/" + UUID.randomUUID()).status()).isEqualTo(404);
    }

    /** A record a template reads field by field, as the digest's lines. */
    record Line(String taskName, String caseTitle, String due, String status, String taskUrl) {
    }

    @Test
    void aModelOfInstantsDatesIdsDecimalsAndRecordsIsSentAsTheCodeWroteIt() throws Exception {
        String run = UUID.randomUUID().toString().substring(0, 8);
        Map<String, Object> model = Map.of("recipientName", UUID.fromString("7d4e87d3-4e74-af68-3480-bb0ae6b69429"),
                "taskName", new java.math.BigDecimal("4.50"), "caseTitle", java.time.LocalDate.of(2027, 3, 6),
                "due", Instant.parse("2027-03-06T07:00:00.120Z"), "taskUrl", "https://opora.test/t/3");
        Map<String, Object> digest = Map.of("recipientName", "Алла", "tasklistUrl", "https://opora.test/tasklist",
                "lines", List.of(new Line("Проверить", null, "06.03.2027", "new", "https://opora.test/t/4")));
        for (Locale language : List.of(Locale.forLanguageTag("ru"), Locale.ENGLISH)) {
            String to = "typed-" + language + "-" + run + "@opora.test";
            String digestTo = "digest-" + language + "-" + run + "@opora.test";
            transaction.executeWithoutResult(status -> {
                outbox.enqueue(new MailMessage("typed-" + to, to, language, "task-new", new Object[] {"x"}, model));
                outbox.enqueue(new MailMessage("typed-" + digestTo, digestTo, language, "task-digest", new Object[] {1}, digest));
            });
            String expected = templates.render("task-new", language, model);
            assertThat(expected).contains("4.50", "2027-03-06T07:00:00.120Z", "2027-03-06", "7d4e87d3-4e74-af68-3480-bb0ae6b69429");

            drainOutbox();

            assertThat((String) receivedBy(List.of(to)).get(0).getContent()).isEqualToIgnoringNewLines(expected);
            assertThat((String) receivedBy(List.of(digestTo)).get(0).getContent())
                    .isEqualToIgnoringNewLines(templates.render("task-digest", language, digest));
        }
    }

    private MailMessage message(String key, String to, String taskName) {
        return new MailMessage(key, to, Locale.ENGLISH, "task-new", new Object[] {taskName},
                Map.of("recipientName", "Tester", "taskName", taskName, "caseTitle", "", "due", "",
                        "taskUrl", "https://opora.test/tasks/1"));
    }

    private List<MimeMessage> receivedBy(List<String> recipients) {
        return Arrays.stream(smtp.getReceivedMessages()).filter(message -> {
            try {
                return Arrays.stream(message.getRecipients(Message.RecipientType.TO))
                        .anyMatch(address -> recipients.contains(address.toString()));
            } catch (jakarta.mail.MessagingException ex) {
                throw new IllegalStateException(ex);
            }
        }).toList();
    }

    /** A row of the outbox by its key, with lower-case column names on H2 and PostgreSQL alike. */
    private Map<String, Object> row(String key) {
        Map<String, Object> row = new java.util.HashMap<>();
        jdbc.sql("SELECT subject, body_html, model, status, attempts, last_error FROM mail_outbox WHERE idempotency_key = ?").param(key)
                .query().singleRow().forEach((column, value) -> row.put(column.toLowerCase(Locale.ROOT), value));
        return row;
    }

    private long rowsWithKey(String key) {
        return jdbc.sql("SELECT COUNT(*) FROM mail_outbox WHERE idempotency_key = ?").param(key).query(Long.class).single();
    }

    private String statusOf(String key) {
        return jdbc.sql("SELECT status FROM mail_outbox WHERE idempotency_key = ?").param(key).query(String.class).single();
    }

    private UUID idOf(String key) {
        return jdbc.sql("SELECT id FROM mail_outbox WHERE idempotency_key = ?").param(key).query(UUID.class).single();
    }

    private Instant nextAttemptOf(String key) {
        return jdbc.sql("SELECT next_attempt_at FROM mail_outbox WHERE idempotency_key = ?").param(key)
                .query((rs, row) -> rs.getObject(1, java.time.OffsetDateTime.class).toInstant()).single();
    }

    private int attemptsOf(String key) {
        return jdbc.sql("SELECT attempts FROM mail_outbox WHERE idempotency_key = ?").param(key).query(Integer.class).single();
    }

    private static void moveClock(Duration by) {
        ClockUtil.setCurrentTime(Date.from(ClockUtil.getCurrentTime().toInstant().plus(by)));
    }


    /** Sends everything due, however much other tests left in the shared outbox. */
    private void drainOutbox() {
        while (dispatcher.dispatchDue() > 0) {
            // keep going: each call attempts one batch, and a failed message waits for its backoff
        }
    }
}
