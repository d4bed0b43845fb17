package org.opora.mail;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * @param from             the sender address of every Opora e-mail
 * @param dispatchInterval how often the dispatcher looks for due messages
 * @param maxAttempts      attempts before a message is marked FAILED for an administrator to look at
 * @param firstRetry       the wait after the first failed attempt; it doubles with each attempt, up to an hour
 * @param lease            how long a sender holds a message it claimed; longer than one attempt can take with the
 *                         SMTP timeouts ({@code spring.mail.properties.mail.smtp.*timeout}), so that only a crashed
 *                         sender's message is taken over
 * @param batchSize        how many due messages one dispatch claims and sends over one SMTP connection; a batch
 *                         sends only during the first half of its lease, and what is left then goes back to the queue
 */
@ConfigurationProperties("opora.mail")
public record MailProperties(String from, Duration dispatchInterval, int maxAttempts,
        @DefaultValue("PT1M") Duration firstRetry, @DefaultValue("PT2M") Duration lease,
        @DefaultValue("100") int batchSize) {
}
