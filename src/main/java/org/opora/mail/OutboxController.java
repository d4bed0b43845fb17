package org.opora.mail;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

import org.springframework.http.HttpStatus;
import org.springframework.validation.annotation.Validated;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;

/** Lets administrators read what Opora sent or is about to send (the demo keeps all mail here). */
@RestController
@RequestMapping("/api/admin/outbox")
@Validated
@Tag(name = "Mail outbox", description = "E-mail written by Opora, for administrators")
class OutboxController {

    private final OutboxRepository outbox;
    private final OutboxMapper mapper;
    private final MailOutbox mailOutbox;

    OutboxController(OutboxRepository outbox, OutboxMapper mapper, MailOutbox mailOutbox) {
        this.outbox = outbox;
        this.mapper = mapper;
        this.mailOutbox = mailOutbox;
    }

    record OutboxEntry(UUID id, String idempotencyKey, String recipient, String language, String template,
            String subject, OutboxMessage.Status status, int attempts, Instant nextAttemptAt, String lastError,
            Instant createdAt, Instant sentAt) {
    }

    record OutboxEntryWithBody(UUID id, String recipient, String subject, OutboxMessage.Status status, String bodyHtml) {
    }

    record OutboxPage(List<OutboxEntry> items, int page, int size, long total) {
    }

    @GetMapping
    @Operation(summary = "Messages, newest first, optionally of one status")
    OutboxPage list(@RequestParam(required = false) OutboxMessage.Status status,
            @RequestParam(defaultValue = "0") @Min(0) @Max(100_000) int page,
            @RequestParam(defaultValue = "20") @Min(1) @Max(100) int size) {
        List<OutboxEntry> items = mapper.toEntries(outbox.findPage(status, page * size, size));
        return new OutboxPage(items, page, size, outbox.count(status));
    }

    @GetMapping("/{id}")
    @Operation(summary = "One message with its body, as sent or as it will be sent")
    OutboxEntryWithBody get(@PathVariable UUID id) {
        MailOutbox.Shown shown = mailOutbox.read(id);
        OutboxMessage message = shown.message();
        return new OutboxEntryWithBody(message.id(), message.recipient(), message.subject(), message.status(), shown.body());
    }

    @PostMapping("/{id}/retry")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    @Operation(summary = "Queue a FAILED message again, once the cause is fixed")
    void retry(@PathVariable UUID id) {
        mailOutbox.retry(id);
    }
}
