-- Documents on cases (issue 12): the metadata here, the content behind a storage interface
-- (docs/adr/0009-documents-and-search.md). A document belongs to one case, or to one volunteer
-- (a certificate staff keep), and goes when its owner's data goes.
CREATE TABLE document (
    id            UUID PRIMARY KEY,
    case_id       UUID REFERENCES opora_case (id),
    volunteer_id  UUID REFERENCES volunteer (id),
    kind          VARCHAR(100) NOT NULL,
    name          VARCHAR(255) NOT NULL,
    content_type  VARCHAR(150) NOT NULL,
    size_bytes    BIGINT NOT NULL,
    sha256        CHAR(64) NOT NULL,
    -- Where the store keeps the bytes; never derived from anything a client sent.
    storage_key   VARCHAR(200) NOT NULL,
    -- Text extracted from PDF, office and text files (Apache Tika) for search; capped in length.
    text_content  TEXT,
    uploaded_by   VARCHAR(255) NOT NULL,
    uploaded_at   TIMESTAMP WITH TIME ZONE NOT NULL,
    CONSTRAINT document_owner_check CHECK ((case_id IS NULL AND volunteer_id IS NOT NULL)
        OR (case_id IS NOT NULL AND volunteer_id IS NULL)),
    CONSTRAINT document_size_check CHECK (size_bytes >= 0)
);
CREATE INDEX document_case_idx ON document (case_id);
CREATE INDEX document_volunteer_idx ON document (volunteer_id);

-- The database store: a document's bytes in chunks, so that neither writing nor reading ever
-- holds a whole file in memory, on H2 and PostgreSQL alike.
CREATE TABLE document_content (
    storage_key  VARCHAR(200) NOT NULL,
    position     INTEGER NOT NULL,
    data         BYTEA NOT NULL,
    PRIMARY KEY (storage_key, position)
);
