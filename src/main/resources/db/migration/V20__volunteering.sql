-- Volunteer matching (issue 4). Volunteers have no account: they act through links whose tokens
-- are stored only as SHA-256 hashes (docs/adr/0007-volunteer-links.md).

-- A volunteer. Personal data (name, email, phone, coordinates, free text) is erased when they
-- leave; district, skills, interests and hours stay for anonymous statistics.
CREATE TABLE volunteer (
    id                 UUID PRIMARY KEY,
    status             VARCHAR(10)  NOT NULL,
    name               VARCHAR(200),
    email              VARCHAR(320),
    phone              VARCHAR(50),
    language           VARCHAR(5)   NOT NULL,
    district           VARCHAR(200),
    city               VARCHAR(200),
    latitude           DOUBLE PRECISION,
    longitude          DOUBLE PRECISION,
    birth_year         INTEGER,
    clearance          BOOLEAN      DEFAULT FALSE NOT NULL,
    skills             VARCHAR(4000) DEFAULT '' NOT NULL,
    interests          VARCHAR(2000) DEFAULT '' NOT NULL,
    availability       VARCHAR(2000) DEFAULT '' NOT NULL,
    available_from     DATE,
    available_until    DATE,
    max_per_month      INTEGER      NOT NULL,
    about              VARCHAR(4000),
    consent_at         TIMESTAMP WITH TIME ZONE,
    email_confirmed_at TIMESTAMP WITH TIME ZONE,
    last_offered_at    TIMESTAMP WITH TIME ZONE,
    no_shows           INTEGER      DEFAULT 0 NOT NULL,
    last_no_show_on    DATE,
    created_at         TIMESTAMP WITH TIME ZONE NOT NULL,
    left_at            TIMESTAMP WITH TIME ZONE,
    CONSTRAINT volunteer_status_check CHECK (status IN ('PENDING', 'ACTIVE', 'PAUSED', 'LEFT')),
    CONSTRAINT volunteer_max_check CHECK (max_per_month BETWEEN 1 AND 60)
);
-- One live profile per address; a volunteer who left has no address any more.
CREATE UNIQUE INDEX volunteer_email_idx ON volunteer (email);

-- A CSO's request for volunteers; its id is its case's id (and its process's business key).
CREATE TABLE volunteer_request (
    id                 UUID PRIMARY KEY REFERENCES opora_case (id),
    organisation_id    UUID NOT NULL REFERENCES organisation (id),
    title              VARCHAR(300) NOT NULL,
    what               VARCHAR(4000) NOT NULL,
    why                VARCHAR(4000) NOT NULL,
    place              VARCHAR(500) NOT NULL,
    district           VARCHAR(200),
    city               VARCHAR(200),
    latitude           DOUBLE PRECISION,
    longitude          DOUBLE PRECISION,
    cause              VARCHAR(100),
    first_date         DATE NOT NULL,
    start_time         TIME NOT NULL,
    end_time           TIME NOT NULL,
    repeat_weeks       INTEGER DEFAULT 0 NOT NULL,
    occurrence         DATE NOT NULL,
    needed             INTEGER NOT NULL,
    filled             INTEGER DEFAULT 0 NOT NULL,
    required_skills    VARCHAR(2000) DEFAULT '' NOT NULL,
    nice_skills        VARCHAR(2000) DEFAULT '' NOT NULL,
    min_age            INTEGER DEFAULT 0 NOT NULL,
    involves_children  BOOLEAN DEFAULT FALSE NOT NULL,
    contact_name       VARCHAR(200) NOT NULL,
    contact_email      VARCHAR(320) NOT NULL,
    contact_phone      VARCHAR(50),
    state              VARCHAR(20) NOT NULL,
    refusal_reason     VARCHAR(2000),
    close_requested    BOOLEAN DEFAULT FALSE NOT NULL,
    -- The guard that lets exactly one of concurrent accepts take the last place.
    CONSTRAINT volunteer_request_filled_check CHECK (filled >= 0 AND filled <= needed),
    CONSTRAINT volunteer_request_needed_check CHECK (needed BETWEEN 1 AND 500),
    CONSTRAINT volunteer_request_state_check CHECK (state IN ('VETTING', 'REVISING', 'REFUSED', 'MATCHING', 'NO_MATCH',
        'FILLED', 'CLOSED'))
);
CREATE INDEX volunteer_request_org_idx ON volunteer_request (organisation_id);

-- An offer of a request to one volunteer.
CREATE TABLE volunteer_offer (
    id              UUID PRIMARY KEY,
    request_id      UUID NOT NULL REFERENCES volunteer_request (id),
    volunteer_id    UUID NOT NULL REFERENCES volunteer (id),
    status          VARCHAR(10) NOT NULL,
    score           DOUBLE PRECISION NOT NULL,
    explanation     VARCHAR(4000) NOT NULL,
    offered_at      TIMESTAMP WITH TIME ZONE NOT NULL,
    expires_at      TIMESTAMP WITH TIME ZONE NOT NULL,
    answered_at     TIMESTAMP WITH TIME ZONE,
    decline_reason  VARCHAR(10),
    CONSTRAINT volunteer_offer_once UNIQUE (request_id, volunteer_id),
    CONSTRAINT volunteer_offer_status_check CHECK (status IN ('OFFERED', 'ACCEPTED', 'DECLINED', 'EXPIRED', 'WITHDRAWN',
        'CANCELLED')),
    CONSTRAINT volunteer_offer_reason_check CHECK (decline_reason IS NULL OR decline_reason IN ('DATE', 'CAUSE', 'OTHER'))
);
CREATE INDEX volunteer_offer_volunteer_idx ON volunteer_offer (volunteer_id, status);
CREATE INDEX volunteer_offer_request_idx ON volunteer_offer (request_id, status);

-- Hours per volunteer and occurrence, as the CSO confirmed them; zero hours with attended = false is a no-show.
CREATE TABLE volunteer_hours (
    request_id      UUID NOT NULL REFERENCES volunteer_request (id),
    volunteer_id    UUID NOT NULL REFERENCES volunteer (id),
    occurrence      DATE NOT NULL,
    attended        BOOLEAN NOT NULL,
    hours           DECIMAL(5, 2) NOT NULL,
    recorded_at     TIMESTAMP WITH TIME ZONE NOT NULL,
    PRIMARY KEY (request_id, volunteer_id, occurrence),
    CONSTRAINT volunteer_hours_check CHECK (hours >= 0 AND hours <= 24)
);

-- A volunteer's feedback on the CSO after an occurrence.
CREATE TABLE volunteer_feedback (
    id              UUID PRIMARY KEY,
    request_id      UUID NOT NULL REFERENCES volunteer_request (id),
    volunteer_id    UUID NOT NULL REFERENCES volunteer (id),
    rating          INTEGER NOT NULL,
    comment         VARCHAR(4000),
    created_at      TIMESTAMP WITH TIME ZONE NOT NULL,
    CONSTRAINT volunteer_feedback_rating_check CHECK (rating BETWEEN 1 AND 5)
);

-- A link sent to a volunteer: only the SHA-256 of its random token is kept. Single-use links get
-- used_at when they act; every link expires.
CREATE TABLE volunteer_link (
    token_hash      CHAR(64) PRIMARY KEY,
    purpose         VARCHAR(20) NOT NULL,
    volunteer_id    UUID NOT NULL REFERENCES volunteer (id),
    offer_id        UUID REFERENCES volunteer_offer (id),
    created_at      TIMESTAMP WITH TIME ZONE NOT NULL,
    expires_at      TIMESTAMP WITH TIME ZONE NOT NULL,
    used_at         TIMESTAMP WITH TIME ZONE
);
CREATE INDEX volunteer_link_volunteer_idx ON volunteer_link (volunteer_id);
