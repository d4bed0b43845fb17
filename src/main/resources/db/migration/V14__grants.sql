-- Grant competitions: the call and its rules, the applications (each a case), the expert panel and its
-- reviews, the committee's decisions, the agreement, tranches and reports. Money is in roubles, NUMERIC(15,2).

CREATE TABLE grant_competition (
    id                      UUID PRIMARY KEY,
    centre_id               UUID NOT NULL REFERENCES resource_centre (id),
    title                   VARCHAR(300) NOT NULL,
    description             TEXT,
    opens_at                TIMESTAMP WITH TIME ZONE NOT NULL,
    closes_at               TIMESTAMP WITH TIME ZONE NOT NULL,
    review_due              DATE NOT NULL,
    budget_pool             NUMERIC(15, 2) NOT NULL,
    min_grant               NUMERIC(15, 2) NOT NULL,
    max_grant               NUMERIC(15, 2) NOT NULL,
    max_months              INTEGER NOT NULL,
    experts_per_application INTEGER DEFAULT 2 NOT NULL,
    min_cso_experts         INTEGER DEFAULT 1 NOT NULL,
    min_government_experts  INTEGER DEFAULT 1 NOT NULL,
    min_business_experts    INTEGER DEFAULT 1 NOT NULL,
    -- Eligibility: how long an organisation must have been registered, which documents an application needs.
    min_registration_months INTEGER DEFAULT 12 NOT NULL,
    required_documents      TEXT,
    -- Spread between two experts' totals that calls a third, in percent of the 100-point scale.
    score_spread_percent    INTEGER DEFAULT 30 NOT NULL,
    clarification_days      INTEGER DEFAULT 5 NOT NULL,
    review_reminder_days    INTEGER DEFAULT 2 NOT NULL,
    agreement_days          INTEGER DEFAULT 10 NOT NULL,
    report_reminder_days    INTEGER DEFAULT 7 NOT NULL,
    waitlist_days           INTEGER DEFAULT 60 NOT NULL,
    -- Shares of the grant paid per tranche, in percent, one per line ("50\n30\n20").
    tranche_shares          VARCHAR(200) DEFAULT '100' NOT NULL,
    -- The expert pool; empty means every expert of the centre.
    expert_pool             TEXT,
    decided_at              TIMESTAMP WITH TIME ZONE,
    created_by              VARCHAR(255) NOT NULL,
    created_at              TIMESTAMP WITH TIME ZONE NOT NULL,
    CONSTRAINT grant_competition_window_check CHECK (closes_at > opens_at),
    CONSTRAINT grant_competition_amounts_check CHECK (min_grant > 0 AND max_grant >= min_grant AND budget_pool >= max_grant)
);

CREATE TABLE grant_criterion (
    competition_id UUID NOT NULL REFERENCES grant_competition (id),
    position       INTEGER NOT NULL,
    name           VARCHAR(200) NOT NULL,
    description    TEXT,
    weight         NUMERIC(6, 2) NOT NULL,
    max_score      INTEGER NOT NULL,
    PRIMARY KEY (competition_id, position),
    CONSTRAINT grant_criterion_check CHECK (position BETWEEN 1 AND 10 AND weight > 0 AND max_score BETWEEN 1 AND 100)
);

-- The pass mark for requests of at least amount_from roubles (the highest such row applies).
CREATE TABLE grant_pass_mark (
    competition_id UUID NOT NULL REFERENCES grant_competition (id),
    amount_from    NUMERIC(15, 2) NOT NULL,
    pass_mark      NUMERIC(5, 2) NOT NULL,
    PRIMARY KEY (competition_id, amount_from)
);

-- An expert's profile in the pool: who they represent, where and what they know, whom they are tied to.
CREATE TABLE grant_expert (
    user_id       VARCHAR(255) PRIMARY KEY,
    centre_id     UUID NOT NULL REFERENCES resource_centre (id),
    sector        VARCHAR(20) NOT NULL,
    regions       TEXT,
    topics        TEXT,
    -- Organisations the expert works for, advises or is related to: never reviews them.
    tied_organisations TEXT,
    active        BOOLEAN DEFAULT TRUE NOT NULL,
    CONSTRAINT grant_expert_sector_check CHECK (sector IN ('CSO', 'GOVERNMENT', 'BUSINESS'))
);

-- An application; its id is its case's id and its process's business key.
CREATE TABLE grant_application (
    id                    UUID PRIMARY KEY REFERENCES opora_case (id),
    competition_id        UUID NOT NULL REFERENCES grant_competition (id),
    organisation_id       UUID NOT NULL REFERENCES organisation (id),
    state                 VARCHAR(30) NOT NULL,
    inn                   VARCHAR(12),
    ogrn                  VARCHAR(15),
    registered_on         DATE,
    project_title         VARCHAR(300),
    summary               TEXT,
    region                VARCHAR(200),
    topic                 VARCHAR(200),
    target_group          VARCHAR(300),
    beneficiaries         INTEGER,
    requested_amount      NUMERIC(15, 2),
    duration_months       INTEGER,
    -- One "kind: name" per line.
    attachments           TEXT,
    submitted_at          TIMESTAMP WITH TIME ZONE,
    admission_reasons     TEXT,
    staff_comment         TEXT,
    clarification_request TEXT,
    clarification_due     DATE,
    final_score           NUMERIC(6, 2),
    pass_mark             NUMERIC(5, 2),
    decision              VARCHAR(20),
    approved_amount       NUMERIC(15, 2),
    agreement_due         DATE,
    bank_account          VARCHAR(20),
    bank_bik              VARCHAR(9),
    signatory             VARCHAR(200),
    signed_at             TIMESTAMP WITH TIME ZONE,
    CONSTRAINT grant_application_decision_check CHECK (decision IS NULL OR decision IN ('APPROVE', 'REJECT', 'WAITLIST'))
);
CREATE INDEX grant_application_competition_idx ON grant_application (competition_id, state);

CREATE TABLE grant_budget_line (
    application_id UUID NOT NULL REFERENCES grant_application (id),
    position       INTEGER NOT NULL,
    item           VARCHAR(300) NOT NULL,
    amount         NUMERIC(15, 2) NOT NULL,
    spent          NUMERIC(15, 2),
    PRIMARY KEY (application_id, position)
);

-- One expert's review of one application. Scores live here only, never in process variables.
CREATE TABLE grant_review (
    id             UUID PRIMARY KEY,
    application_id UUID NOT NULL REFERENCES grant_application (id),
    expert_id      VARCHAR(255) NOT NULL,
    state          VARCHAR(20) NOT NULL,
    due_on         DATE NOT NULL,
    total          NUMERIC(6, 2),
    assigned_at    TIMESTAMP WITH TIME ZONE NOT NULL,
    submitted_at   TIMESTAMP WITH TIME ZONE,
    CONSTRAINT grant_review_state_check CHECK (state IN ('ASSIGNED', 'DECLARED', 'SUBMITTED', 'CONFLICT', 'REASSIGNED'))
);
CREATE INDEX grant_review_application_idx ON grant_review (application_id);
CREATE INDEX grant_review_expert_idx ON grant_review (expert_id, state);

CREATE TABLE grant_review_score (
    review_id UUID NOT NULL REFERENCES grant_review (id),
    position  INTEGER NOT NULL,
    score     INTEGER NOT NULL,
    comment   TEXT,
    PRIMARY KEY (review_id, position)
);

-- Experts who declared a conflict with, or were replaced on, an application: never proposed for it again.
CREATE TABLE grant_excluded_expert (
    application_id UUID NOT NULL REFERENCES grant_application (id),
    expert_id      VARCHAR(255) NOT NULL,
    reason         VARCHAR(300) NOT NULL,
    PRIMARY KEY (application_id, expert_id)
);

CREATE TABLE grant_tranche (
    application_id UUID NOT NULL REFERENCES grant_application (id),
    number         INTEGER NOT NULL,
    amount         NUMERIC(15, 2) NOT NULL,
    released_at    TIMESTAMP WITH TIME ZONE,
    PRIMARY KEY (application_id, number)
);

-- A report: interim before tranche number+1, or the final one.
CREATE TABLE grant_report (
    application_id UUID NOT NULL REFERENCES grant_application (id),
    number         INTEGER NOT NULL,
    final_report   BOOLEAN NOT NULL,
    due_on         DATE NOT NULL,
    state          VARCHAR(20) NOT NULL,
    narrative      TEXT,
    beneficiaries_reached INTEGER,
    submitted_at   TIMESTAMP WITH TIME ZONE,
    staff_comment  TEXT,
    overspend_approved_by VARCHAR(255),
    PRIMARY KEY (application_id, number),
    CONSTRAINT grant_report_state_check CHECK (state IN ('DUE', 'SUBMITTED', 'RETURNED', 'ACCEPTED'))
);

CREATE TABLE grant_report_spending (
    application_id UUID NOT NULL,
    number         INTEGER NOT NULL,
    position       INTEGER NOT NULL,
    spent          NUMERIC(15, 2) NOT NULL,
    PRIMARY KEY (application_id, number, position),
    FOREIGN KEY (application_id, number) REFERENCES grant_report (application_id, number)
);
