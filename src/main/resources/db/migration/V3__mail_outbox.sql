-- Every e-mail is written here in the transaction of the step that causes it, then sent by the
-- dispatcher. idempotency_key makes a second write of the same message a no-op.
CREATE TABLE mail_outbox (
    id               UUID PRIMARY KEY,
    idempotency_key  VARCHAR(300) NOT NULL UNIQUE,
    recipient        VARCHAR(320) NOT NULL,
    language         VARCHAR(5)   NOT NULL,
    template         VARCHAR(100) NOT NULL,
    subject          VARCHAR(500) NOT NULL,
    body_html        TEXT         NOT NULL,
    status           VARCHAR(10)  NOT NULL,  -- PENDING, SENDING, SENT, FAILED
    attempts         INTEGER      NOT NULL DEFAULT 0,
    next_attempt_at  TIMESTAMP WITH TIME ZONE NOT NULL,
    locked_until     TIMESTAMP WITH TIME ZONE,
    last_error       VARCHAR(1000),
    created_at       TIMESTAMP WITH TIME ZONE NOT NULL,
    sent_at          TIMESTAMP WITH TIME ZONE,
    CONSTRAINT mail_outbox_status_check CHECK (status IN ('PENDING', 'SENDING', 'SENT', 'FAILED'))
);
CREATE INDEX mail_outbox_due_idx ON mail_outbox (status, next_attempt_at);
