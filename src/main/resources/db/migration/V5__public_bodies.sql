-- The registry of public bodies that CSOs write to (extended by the correspondence feature).
CREATE TABLE public_body (
    id         UUID PRIMARY KEY,
    parent_id  UUID REFERENCES public_body (id),
    name       VARCHAR(500) NOT NULL,
    kind       VARCHAR(50)  NOT NULL,  -- MINISTRY, ADMINISTRATION, DEPARTMENT, PROSECUTOR, ...
    level      VARCHAR(20)  NOT NULL,  -- FEDERAL, REGIONAL, MUNICIPAL
    region     VARCHAR(200),
    topics     VARCHAR(1000),
    address    VARCHAR(500),
    website    VARCHAR(300),
    CONSTRAINT public_body_level_check CHECK (level IN ('FEDERAL', 'REGIONAL', 'MUNICIPAL'))
);
CREATE INDEX public_body_parent_idx ON public_body (parent_id);
