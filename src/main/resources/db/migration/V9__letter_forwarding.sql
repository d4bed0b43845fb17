-- A body that is not competent forwards the letter (59-FZ art. 8 part 3): the chain is kept, and
-- Opora learns which body each topic really belongs to.
CREATE TABLE letter_forwarding (
    id            UUID PRIMARY KEY,
    letter_id     UUID NOT NULL REFERENCES letter (id),
    from_body_id  UUID NOT NULL REFERENCES public_body (id),
    to_body_id    UUID NOT NULL REFERENCES public_body (id),
    forwarded_on  DATE NOT NULL
);
CREATE INDEX letter_forwarding_letter_idx ON letter_forwarding (letter_id);

CREATE TABLE route_observation (
    topic         VARCHAR(200) NOT NULL,
    from_body_id  UUID NOT NULL REFERENCES public_body (id),
    to_body_id    UUID NOT NULL REFERENCES public_body (id),
    times         INTEGER NOT NULL,
    PRIMARY KEY (topic, from_body_id, to_body_id)
);
