package org.opora.mail;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.autoconfigure.condition.ConditionalOnExpression;
import org.springframework.mail.MailException;
import org.springframework.mail.javamail.JavaMailSender;
import org.springframework.mail.javamail.MimeMessageHelper;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

import jakarta.mail.MessagingException;
import jakarta.mail.internet.MimeMessage;

/**
 * Sends what the outbox holds. Each message is claimed first (so two nodes never send it at
 * once), retried with exponential backoff while SMTP is down, and marked FAILED after
 * {@code opora.mail.max-attempts}. Runs only where an SMTP server is configured; elsewhere mail
 * waits in the outbox.
 */
@Component
@ConditionalOnExpression("!'${spring.mail.host:}'.isBlank()")
public class MailDispatcher {

    private static final Logger log = LoggerFactory.getLogger(MailDispatcher.class);
    private static final int BATCH = 50;
    private static final Duration LONGEST_RETRY = Duration.ofHours(1);

    private final OutboxRepository outbox;
    private final JavaMailSender sender;
    private final MailProperties properties;
    private final Clock clock;

    MailDispatcher(OutboxRepository outbox, JavaMailSender sender, MailProperties properties, Clock clock) {
        this.outbox = outbox;
        this.sender = sender;
        this.properties = properties;
        this.clock = clock;
    }

    /** @return how many messages were attempted (sent or not); zero when nothing was due */
    @Scheduled(fixedDelayString = "${opora.mail.dispatch-interval}")
    public int dispatchDue() {
        int attempted = 0;
        for (UUID id : outbox.findDue(clock.instant(), BATCH)) {
            Instant now = clock.instant();
            // Longer than the SMTP timeouts of one attempt: a crashed sender's message becomes due again after it.
            Instant lease = now.plus(properties.lease());
            if (outbox.claim(id, now, lease)) {
                attempted++;
                send(outbox.find(id).orElseThrow(), lease);
            }
        }
        return attempted;
    }

    /** The claim counted this attempt; a message whose sender keeps dying is given up like one that keeps failing. */
    private void send(OutboxMessage message, Instant lease) {
        if (message.attempts() > properties.maxAttempts()) {
            outbox.markFailedAttempt(message.id(), lease, true, clock.instant(), "gave up: every attempt outlived its lease");
            return;
        }
        try {
            MimeMessage mime = sender.createMimeMessage();
            MimeMessageHelper helper = new MimeMessageHelper(mime, false, "UTF-8");
            helper.setFrom(properties.from());
            helper.setTo(message.recipient());
            helper.setSubject(message.subject());
            helper.setText(message.bodyHtml(), true);
            // Receivers can tell a resend (after a crash between sending and marking) by this header.
            mime.setHeader("X-Opora-Message-Id", message.id().toString());
            sender.send(mime);
            outbox.markSent(message.id(), lease, clock.instant());
        } catch (MailException | MessagingException ex) {
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
