package org.opora.mail;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import org.opora.system.Timestamps;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

@Repository
class OutboxRepository {

    private static final String COLUMNS = "id, idempotency_key, recipient, language, template, subject, body_html, model, "
            + "status, attempts, next_attempt_at, last_error, created_at, sent_at";

    private final JdbcClient jdbc;

    OutboxRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** Writes the message, its body still to render, unless one with its idempotency key exists; true if written. */
    boolean insertIfAbsent(UUID id, MailMessage message, String subject, String model, Instant now) {
        // The unique key still guards the rare race between two writers of one event: the loser's
        // transaction fails with DuplicateKeyException (an engine step is retried by its job; the
        // reminders catch it), and the message exists once.
        return jdbc.sql("INSERT INTO mail_outbox (id, idempotency_key, recipient, language, template, subject, model, "
                        + "status, attempts, next_attempt_at, created_at) "
                        + "SELECT ?, ?, ?, ?, ?, ?, ?, 'PENDING', 0, ?, ? FROM (VALUES (1)) AS one(x) "
                        + "WHERE NOT EXISTS (SELECT 1 FROM mail_outbox WHERE idempotency_key = ?)")
                .params(id, message.idempotencyKey(), message.recipient(), message.locale().getLanguage(),
                        message.template(), subject, model, Timestamps.toDb(now),
                        Timestamps.toDb(now), message.idempotencyKey())
                .update() == 1;
    }

    private static final String DUE = "((status = 'PENDING' AND next_attempt_at <= :now) OR (status = 'SENDING' AND locked_until < :now))";

    /**
     * Takes up to {@code limit} due messages for one sender (this node, this attempt), oldest first, and
     * returns them as claimed: SENDING until {@code leaseUntil}, their attempt counted. Must run in a
     * transaction. Rows another sender is claiming at this moment are skipped, not waited for
     * ({@code FOR UPDATE SKIP LOCKED}); the conditional update is the guarantee that two senders never
     * hold one message, also where the lock is not taken.
     */
    List<OutboxMessage> claimDue(Instant now, Instant leaseUntil, int limit) {
        List<UUID> due = jdbc.sql("SELECT id FROM mail_outbox WHERE " + DUE + " ORDER BY next_attempt_at LIMIT :limit FOR UPDATE SKIP LOCKED")
                .param("now", Timestamps.toDb(now))
                .param("limit", limit)
                .query(UUID.class)
                .list();
        if (due.isEmpty()) {
            return List.of();
        }
        jdbc.sql("UPDATE mail_outbox SET status = 'SENDING', locked_until = :lease, attempts = attempts + 1 WHERE id IN (:ids) AND " + DUE)
                .param("lease", Timestamps.toDb(leaseUntil))
                .param("ids", due)
                .param("now", Timestamps.toDb(now))
                .update();
        return jdbc.sql("SELECT " + COLUMNS + " FROM mail_outbox WHERE id IN (:ids) AND status = 'SENDING' AND locked_until = :lease "
                        + "ORDER BY next_attempt_at")
                .param("ids", due)
                .param("lease", Timestamps.toDb(leaseUntil))
                .query(OutboxRepository::message)
                .list();
    }

    /** Takes one message for one sender; false if another took it first. (Tests play a sender that dies.) */
    boolean claim(UUID id, Instant now, Instant leaseUntil) {
        return jdbc.sql("UPDATE mail_outbox SET status = 'SENDING', locked_until = :lease, attempts = attempts + 1 "
                        + "WHERE id = :id AND " + DUE)
                .param("lease", Timestamps.toDb(leaseUntil))
                .param("id", id)
                .param("now", Timestamps.toDb(now))
                .update() == 1;
    }

    /**
     * Only the holder of the lease marks a message: a sender whose lease ran out has lost it. A message
     * rendered by this sender ({@code renderedBody} not null) keeps the body it was sent with, unless its
     * address was erased meanwhile; its model is then no longer needed.
     */
    void markSent(UUID id, String renderedBody, Instant lease, Instant now) {
        String set = renderedBody == null ? ""
                : ", body_html = CASE WHEN recipient = 'erased' THEN '' ELSE :body END, model = NULL";
        var update = jdbc.sql("UPDATE mail_outbox SET status = 'SENT', sent_at = :now, locked_until = NULL, last_error = NULL" + set
                        + " WHERE id = :id AND status = 'SENDING' AND locked_until = :lease")
                .param("now", Timestamps.toDb(now))
                .param("id", id)
                .param("lease", Timestamps.toDb(lease));
        (renderedBody == null ? update : update.param("body", renderedBody)).update();
    }

    /** Gives back messages claimed but not attempted (a batch that ran out of time): due again at once, the attempt not counted. */
    void release(List<UUID> ids, Instant lease) {
        if (ids.isEmpty()) {
            return;
        }
        jdbc.sql("UPDATE mail_outbox SET status = 'PENDING', attempts = attempts - 1, locked_until = NULL "
                        + "WHERE id IN (:ids) AND status = 'SENDING' AND locked_until = :lease")
                .param("ids", ids)
                .param("lease", Timestamps.toDb(lease))
                .update();
    }

    void markFailedAttempt(UUID id, Instant lease, boolean giveUp, Instant nextAttempt, String error) {
        jdbc.sql("UPDATE mail_outbox SET status = ?, next_attempt_at = ?, locked_until = NULL, last_error = ? "
                        + "WHERE id = ? AND status = 'SENDING' AND locked_until = ?")
                .params(giveUp ? "FAILED" : "PENDING", Timestamps.toDb(nextAttempt), error, id, Timestamps.toDb(lease))
                .update();
    }

    /** Puts a FAILED message back in the queue, for an administrator who fixed the cause. */
    boolean requeue(UUID id, Instant now) {
        return jdbc.sql("UPDATE mail_outbox SET status = 'PENDING', attempts = 0, next_attempt_at = ? "
                        + "WHERE id = ? AND status = 'FAILED'")
                .params(Timestamps.toDb(now), id)
                .update() == 1;
    }

    Optional<OutboxMessage> find(UUID id) {
        return jdbc.sql("SELECT " + COLUMNS + " FROM mail_outbox WHERE id = ?").param(id).query(OutboxRepository::message).optional();
    }

    List<OutboxMessage> findPage(OutboxMessage.Status status, int offset, int limit) {
        return jdbc.sql("SELECT " + COLUMNS + " FROM mail_outbox WHERE (:status IS NULL OR status = :status) "
                        + "ORDER BY created_at DESC, id LIMIT :limit OFFSET :offset")
                .param("status", status == null ? null : status.name(), Types.VARCHAR)
                .param("limit", limit)
                .param("offset", offset)
                .query(OutboxRepository::message)
                .list();
    }

    long count(OutboxMessage.Status status) {
        return jdbc.sql("SELECT COUNT(*) FROM mail_outbox WHERE (:status IS NULL OR status = :status)")
                .param("status", status == null ? null : status.name(), Types.VARCHAR)
                .query(Long.class)
                .single();
    }

    private static OutboxMessage message(ResultSet rs, int row) throws SQLException {
        return new OutboxMessage(
                rs.getObject("id", UUID.class),
                rs.getString("idempotency_key"),
                rs.getString("recipient"),
                rs.getString("language"),
                rs.getString("template"),
                rs.getString("subject"),
                rs.getString("body_html"),
                rs.getString("model"),
                OutboxMessage.Status.valueOf(rs.getString("status")),
                rs.getInt("attempts"),
                Timestamps.fromDb(rs.getObject("next_attempt_at", OffsetDateTime.class)),
                rs.getString("last_error"),
                Timestamps.fromDb(rs.getObject("created_at", OffsetDateTime.class)),
                Timestamps.fromDb(rs.getObject("sent_at", OffsetDateTime.class)));
    }

    void erase(String email) {
        String naming = "%" + email.replace("!", "!!").replace("%", "!%").replace("_", "!_") + "%";
        // Not sent yet: to the address, or about its owner to someone else (a message not rendered yet names the
        // address in its model; the contact's "volunteer joined" carries her e-mail and phone): never sent now.
        jdbc.sql("DELETE FROM mail_outbox WHERE status = 'PENDING' AND (recipient = ? OR model LIKE ? ESCAPE '!')")
                .params(email, naming).update();
        // Sent, failed, or being sent right now (markSent then keeps no body of an erased row).
        jdbc.sql("UPDATE mail_outbox SET recipient = 'erased', body_html = '', model = NULL WHERE status IN ('SENT', 'FAILED', 'SENDING')"
                        + " AND (recipient = ? OR body_html LIKE ? ESCAPE '!' OR model LIKE ? ESCAPE '!')")
                .params(email, naming, naming).update();
    }
}
