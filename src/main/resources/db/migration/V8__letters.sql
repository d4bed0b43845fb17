-- A letter from a CSO to a public body; its id is its case's id (and its process's business key).
CREATE TABLE letter (
    id                   UUID PRIMARY KEY REFERENCES opora_case (id),
    body_id              UUID NOT NULL REFERENCES public_body (id),
    subject              VARCHAR(500) NOT NULL,
    topic                VARCHAR(200) NOT NULL,
    text                 TEXT,
    request_kind         VARCHAR(20) NOT NULL,
    needed_by            DATE,
    channel              VARCHAR(20),
    sent_on              DATE,
    tracking             VARCHAR(200),
    registration_number  VARCHAR(100),
    registered_on        DATE,
    answer_due           DATE,
    extended             BOOLEAN DEFAULT FALSE NOT NULL,
    answered_on          DATE,
    answer_rating        VARCHAR(20),
    complaint_draft      TEXT,
    CONSTRAINT letter_request_kind_check CHECK (request_kind IN ('ANSWER', 'INFORMATION', 'MONEY', 'IN_KIND', 'MEETING')),
    CONSTRAINT letter_channel_check CHECK (channel IS NULL OR channel IN ('POST', 'ONLINE', 'IN_PERSON')),
    CONSTRAINT letter_rating_check CHECK (answer_rating IS NULL OR answer_rating IN ('SATISFACTORY', 'PARTIAL', 'REFUSAL'))
);
CREATE INDEX letter_body_idx ON letter (body_id);
