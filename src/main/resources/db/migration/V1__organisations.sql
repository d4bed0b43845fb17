-- Resource centres and the civil-society organisations they support.
-- A centre is also a Camunda tenant; an organisation's members form the Camunda group group_id.
CREATE TABLE resource_centre (
    id          UUID PRIMARY KEY,
    name        VARCHAR(300) NOT NULL,
    region      VARCHAR(200) NOT NULL,
    created_at  TIMESTAMP WITH TIME ZONE NOT NULL
);

CREATE TABLE organisation (
    id             UUID PRIMARY KEY,
    centre_id      UUID NOT NULL REFERENCES resource_centre (id),
    name           VARCHAR(500) NOT NULL,
    short_name     VARCHAR(200) NOT NULL,
    kind           VARCHAR(30)  NOT NULL,  -- REGISTERED or INITIATIVE_GROUP
    inn            VARCHAR(10),
    ogrn           VARCHAR(13),
    registered_on  DATE,
    region         VARCHAR(200) NOT NULL,
    email          VARCHAR(320),
    group_id       VARCHAR(64)  NOT NULL UNIQUE,
    created_at     TIMESTAMP WITH TIME ZONE NOT NULL,
    CONSTRAINT organisation_kind_check CHECK (kind IN ('REGISTERED', 'INITIATIVE_GROUP'))
);
CREATE INDEX organisation_centre_idx ON organisation (centre_id);
