package org.opora.mail;

import java.time.Clock;
import java.util.UUID;

import org.opora.system.ApiException;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

/**
 * The one way Opora sends e-mail: the message is rendered and written to the outbox in the
 * caller's transaction (so a step that rolls back leaves no mail), and {@link MailDispatcher}
 * sends it afterwards.
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

    /** @return true if written, false if a message with this idempotency key was written before */
    @Transactional(propagation = Propagation.MANDATORY)
    public boolean enqueue(MailMessage message) {
        return outbox.insertIfAbsent(UUID.randomUUID(), message, templates.render(message), clock.instant());
    }
}
