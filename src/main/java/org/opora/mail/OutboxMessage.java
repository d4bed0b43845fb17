package org.opora.mail;

import java.time.Instant;
import java.util.UUID;

/**
 * A row of the outbox: an e-mail and where it stands. Its body is {@code bodyHtml} once sent (and in
 * rows written before ADR 29); until then it is rendered from {@code template}, {@code language} and
 * {@code model} (JSON).
 */
public record OutboxMessage(
        UUID id,
        String idempotencyKey,
        String recipient,
        String language,
        String template,
        String subject,
        String bodyHtml,
        String model,
        Status status,
        int attempts,
        Instant nextAttemptAt,
        String lastError,
        Instant createdAt,
        Instant sentAt) {

    public enum Status { PENDING, SENDING, SENT, FAILED }
}
