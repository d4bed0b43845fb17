package org.opora.mail;

import java.time.Instant;
import java.util.UUID;

/** A row of the outbox: a rendered e-mail and where it stands. */
public record OutboxMessage(
        UUID id,
        String idempotencyKey,
        String recipient,
        String language,
        String template,
        String subject,
        String bodyHtml,
        Status status,
        int attempts,
        Instant nextAttemptAt,
        String lastError,
        Instant createdAt,
        Instant sentAt) {

    public enum Status { PENDING, SENDING, SENT, FAILED }
}
