package org.opora.mail;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.autoconfigure.condition.ConditionalOnExpression;
import org.springframework.mail.javamail.JavaMailSenderImpl;
import org.springframework.mail.javamail.MimeMessageHelper;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

import jakarta.mail.Address;
import jakarta.mail.MessagingException;
import jakarta.mail.Transport;
import jakarta.mail.internet.MimeMessage;

/**
 * Sends what the outbox holds, in batches: one transaction claims up to
 * {@code opora.mail.batch-size} due messages (rows another node is claiming are skipped, so two
 * nodes never hold one message), each is rendered in its recipient's language (ADR 29), one SMTP
 * connection sends them, and each is marked sent (keeping the body it was sent with) as soon as it
 * is: a database lost mid-batch makes at most one message go twice. A message that fails, to render or to send, is retried alone with exponential backoff, and
 * marked FAILED after {@code opora.mail.max-attempts}; the others of its batch go on. Runs only
 * where an SMTP server is configured; elsewhere mail waits in the outbox. ADR 3, ADR 27, ADR 29.
 */
@Component
@ConditionalOnExpression("!'${spring.mail.host:}'.isBlank()")
public class MailDispatcher {

    private static final Logger log = LoggerFactory.getLogger(MailDispatcher.class);
    private static final Duration LONGEST_RETRY = Duration.ofHours(1);

    private final OutboxRepository outbox;
    private final MailTemplates templates;
    private final JavaMailSenderImpl sender;
    private final MailProperties properties;
    private final TransactionTemplate transaction;
    private final Clock clock;

    MailDispatcher(OutboxRepository outbox, MailTemplates templates, JavaMailSenderImpl sender, MailProperties properties,
            TransactionTemplate transaction, Clock clock) {
        this.outbox = outbox;
        this.templates = templates;
        this.sender = sender;
        this.properties = properties;
        this.transaction = transaction;
        this.clock = clock;
    }

    /** @return how many messages were claimed (sent, failed or given back); zero when nothing was due */
    @Scheduled(fixedDelayString = "${opora.mail.dispatch-interval}")
    public int dispatchDue() {
        Instant now = clock.instant();
        // Longer than the SMTP timeouts of one attempt: a crashed sender's messages become due again after it.
        Instant lease = now.plus(properties.lease());
        List<OutboxMessage> claimed = transaction.execute(status -> outbox.claimDue(now, lease, properties.batchSize()));
        if (claimed == null || claimed.isEmpty()) {
            return 0;
        }
        send(claimed, lease, now.plus(properties.lease().dividedBy(2)));
        return claimed.size();
    }

    /**
     * Sends a claimed batch over one connection, reconnecting only after a connection broke. Each claim
     * counted an attempt; a message whose sender keeps dying is given up like one that keeps failing.
     * After {@code sendUntil} (half the lease) nothing more is attempted: the rest goes back to the queue,
     * so no message is sent after its lease ran out and another sender took it over.
     */
    private void send(List<OutboxMessage> batch, Instant lease, Instant sendUntil) {
        List<UUID> notAttempted = new ArrayList<>();
        Transport transport = null;
        try {
            for (OutboxMessage message : batch) {
                if (message.attempts() > properties.maxAttempts()) {
                    outbox.markFailedAttempt(message.id(), lease, true, clock.instant(), "gave up: every attempt outlived its lease");
                    continue;
                }
                if (clock.instant().isAfter(sendUntil)) {
                    notAttempted.add(message.id());
                    continue;
                }
                String body;
                try {
                    body = templates.body(message);
                    MimeMessage mime = mime(message, body);
                    if (transport == null || !transport.isConnected()) {
                        close(transport);
                        transport = null;
                        transport = sender.getSession().getTransport(protocol());
                        connect(transport);
                    }
                    Address[] recipients = mime.getAllRecipients();
                    transport.sendMessage(mime, recipients == null ? new Address[0] : recipients);
                } catch (MessagingException | RuntimeException ex) {
                    failed(message, lease, ex);
                    continue;
                }
                // Marked as soon as it is sent, not with the batch: if the database goes now, this one message is
                // the only one sent again after the lease (the rest of the batch stops here, unsent).
                outbox.markSent(message.id(), message.bodyHtml() == null ? body : null, lease, clock.instant());
            }
        } finally {
            close(transport);
            outbox.release(notAttempted, lease);
        }
    }

    /** As JavaMailSenderImpl connects: an empty user name (an unset OPORA_SMTP_* variable) means no authentication. */
    private void connect(Transport transport) throws MessagingException {
        String username = sender.getUsername();
        String password = sender.getPassword();
        if ("".equals(username)) {
            username = null;
            if ("".equals(password)) {
                password = null;
            }
        }
        transport.connect(sender.getHost(), sender.getPort(), username, password);
    }

    /** As JavaMailSenderImpl chooses it: its own setting, else the session's, else SMTP. */
    private String protocol() {
        if (sender.getProtocol() != null) {
            return sender.getProtocol();
        }
        String configured = sender.getSession().getProperty("mail.transport.protocol");
        return configured != null ? configured : JavaMailSenderImpl.DEFAULT_PROTOCOL;
    }

    private MimeMessage mime(OutboxMessage message, String body) throws MessagingException {
        MimeMessage mime = sender.createMimeMessage();
        MimeMessageHelper helper = new MimeMessageHelper(mime, false, "UTF-8");
        helper.setFrom(properties.from());
        helper.setTo(message.recipient());
        helper.setSubject(message.subject());
        helper.setText(body, true);
        // Receivers can tell a resend (after a crash between sending and marking) by this header.
        mime.setHeader("X-Opora-Message-Id", message.id().toString());
        mime.setSentDate(java.util.Date.from(clock.instant()));
        mime.saveChanges();
        return mime;
    }

    private void failed(OutboxMessage message, Instant lease, Exception ex) {
        int attempts = message.attempts();
        boolean giveUp = attempts >= properties.maxAttempts();
        Instant next = clock.instant().plus(backoff(properties.firstRetry(), attempts));
        outbox.markFailedAttempt(message.id(), lease, giveUp, next, abbreviate(ex.getMessage()));
        if (giveUp) {
            log.error("Gave up sending mail {} to {} after {} attempts", message.id(), message.recipient(), attempts, ex);
        } else {
            log.warn("Sending mail {} failed (attempt {}), retrying at {}: {}", message.id(), attempts, next, ex.getMessage());
        }
    }

    private static void close(Transport transport) {
        if (transport == null) {
            return;
        }
        try {
            transport.close();
        } catch (MessagingException ignored) {
            // the connection is gone either way
        }
    }

    static Duration backoff(Duration firstRetry, int attempts) {
        Duration delay = firstRetry.multipliedBy(1L << Math.min(attempts - 1, 10));
        return delay.compareTo(LONGEST_RETRY) > 0 ? LONGEST_RETRY : delay;
    }

    private static String abbreviate(String text) {
        if (text == null) {
            return "unknown error";
        }
        return text.length() > 1000 ? text.substring(0, 1000) : text;
    }
}
