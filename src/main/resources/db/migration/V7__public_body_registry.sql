-- The registry of public bodies grows the channels a letter can take and the officials who hold
-- positions there; an official who leaves keeps their history.
ALTER TABLE public_body ADD COLUMN online_form_url VARCHAR(300);
ALTER TABLE public_body ADD COLUMN accepts_in_person BOOLEAN DEFAULT FALSE NOT NULL;
-- Requests for money for next year must reach the body by this day (MM-DD) to enter its budget.
ALTER TABLE public_body ADD COLUMN budget_requests_until VARCHAR(5);
ALTER TABLE public_body ADD CONSTRAINT public_body_name_unique UNIQUE (name);

CREATE TABLE public_official (
    id          UUID PRIMARY KEY,
    body_id     UUID NOT NULL REFERENCES public_body (id),
    full_name   VARCHAR(300) NOT NULL,
    position    VARCHAR(300) NOT NULL,
    held_from   DATE NOT NULL,
    held_until  DATE,
    CONSTRAINT public_official_dates_check CHECK (held_until IS NULL OR held_until >= held_from)
);
CREATE INDEX public_official_body_idx ON public_official (body_id);
