package org.opora.mail;

import java.time.Clock;
import java.util.UUID;

import org.opora.system.ApiException;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

/**
 * The one way Opora sends e-mail: the message is written to the outbox in the caller's transaction
 * (so a step that rolls back leaves no mail), with its subject rendered and its body's template and
 * model; {@link MailDispatcher} renders the body and sends it afterwards (ADR 3, ADR 29).
 */
@Service
public class MailOutbox {

    private final OutboxRepository outbox;
    private final MailTemplates templates;
    private final Clock clock;

    MailOutbox(OutboxRepository outbox, MailTemplates templates, Clock clock) {
        this.outbox = outbox;
        this.templates = templates;
        this.clock = clock;
    }

    /**
     * Forgets an address (a person who left): mail not yet sent to it is dropped, and mail sent to it or
     * naming it keeps only its subject, with the recipient replaced.
     */
    @Transactional(propagation = Propagation.MANDATORY)
    public void erase(String email) {
        outbox.erase(email);
    }

    /** Queues a FAILED message again, once its cause is fixed; any other message is refused (409), an unknown one 404. */
    @Transactional
    public void retry(UUID id) {
        if (!outbox.requeue(id, clock.instant())) {
            outbox.find(id).orElseThrow(() -> ApiException.notFound("Message"));
            throw ApiException.conflict("Only a FAILED message can be retried");
        }
    }

    /**
     * The body is not rendered here: a storm of process steps would render inside the engine's
     * transactions what the dispatcher can render at its own pace (ADR 29).
     *
     * @return true if written, false if a message with this idempotency key was written before
     */
    @Transactional(propagation = Propagation.MANDATORY)
    public boolean enqueue(MailMessage message) {
        return outbox.insertIfAbsent(UUID.randomUUID(), message, templates.subject(message), templates.modelJson(message),
                clock.instant());
    }

    /**
     * A message and its body as it was sent or will be (rendered now, in its recipient's language, if not sent yet):
     * what administrators read (a message of the demo is never sent). The body is null when it cannot be rendered;
     * the dispatcher's last error says why (ADR 29).
     */
    public Shown read(UUID id) {
        OutboxMessage message = outbox.find(id).orElseThrow(() -> ApiException.notFound("Message"));
        String body;
        try {
            body = templates.body(message);
        } catch (RuntimeException unrenderable) {
            body = null;
        }
        return new Shown(message, body);
    }

    /** A message of the outbox with its body, as {@link #read} gives it. */
    public record Shown(OutboxMessage message, String body) {
    }
}
