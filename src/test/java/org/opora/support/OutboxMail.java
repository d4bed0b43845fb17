package org.opora.support;

import java.util.List;
import java.util.UUID;

import org.opora.mail.MailOutbox;
import org.springframework.jdbc.core.simple.JdbcClient;

/** The e-mails in the outbox to some addresses, each with the body it was or will be sent with (rendered when sent, ADR 29). */
public class OutboxMail {

    public record Mail(String subject, String body) {
    }

    private final JdbcClient jdbc;
    private final MailOutbox outbox;

    OutboxMail(JdbcClient jdbc, MailOutbox outbox) {
        this.jdbc = jdbc;
        this.outbox = outbox;
    }

    public List<Mail> to(String... recipients) {
        return jdbc.sql("SELECT id, subject FROM mail_outbox WHERE recipient IN (:recipients) ORDER BY created_at, id")
                .param("recipients", List.of(recipients))
                .query((rs, row) -> new Mail(rs.getString("subject"), outbox.read(rs.getObject("id", UUID.class)).body()))
                .list();
    }
}
