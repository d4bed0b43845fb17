-- A case is one piece of work of any process (an application, a volunteer request, a letter).
-- Its id is the business key of its process instance.
CREATE TABLE opora_case (
    id                   UUID PRIMARY KEY,
    process_key          VARCHAR(100) NOT NULL,
    process_instance_id  VARCHAR(64) UNIQUE,
    centre_id            UUID NOT NULL REFERENCES resource_centre (id),
    organisation_id      UUID REFERENCES organisation (id),
    title                VARCHAR(500) NOT NULL,
    created_by           VARCHAR(64) NOT NULL,
    created_at           TIMESTAMP WITH TIME ZONE NOT NULL
);
CREATE INDEX opora_case_organisation_idx ON opora_case (organisation_id);
CREATE INDEX opora_case_centre_idx ON opora_case (centre_id);

-- What people did on a case that the engine's history does not say by itself.
CREATE TABLE case_event (
    id           UUID PRIMARY KEY,
    case_id      UUID NOT NULL REFERENCES opora_case (id),
    occurred_at  TIMESTAMP WITH TIME ZONE NOT NULL,
    kind         VARCHAR(50) NOT NULL,
    actor        VARCHAR(64),
    detail       VARCHAR(1000)
);
CREATE INDEX case_event_case_idx ON case_event (case_id, occurred_at);
