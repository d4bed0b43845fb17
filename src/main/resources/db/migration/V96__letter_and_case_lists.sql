-- Lists of letters and cases at a centre's scale (ADR 26). A letter carries its case's centre,
-- organisation and creation (copied when it is written; a case never changes centre or organisation),
-- so that a centre's or an organisation's letters, in the list's order, are one index range: the page
-- is read from the start of that range and stops after it, with no join to opora_case and no sort.
ALTER TABLE letter ADD COLUMN centre_id UUID;
ALTER TABLE letter ADD COLUMN organisation_id UUID;
ALTER TABLE letter ADD COLUMN created_at TIMESTAMP WITH TIME ZONE;
UPDATE letter SET
    centre_id = (SELECT c.centre_id FROM opora_case c WHERE c.id = letter.id),
    organisation_id = (SELECT c.organisation_id FROM opora_case c WHERE c.id = letter.id),
    created_at = (SELECT c.created_at FROM opora_case c WHERE c.id = letter.id);

-- The list's order: answer due (none last), newest first, id.
CREATE INDEX letter_centre_list_idx ON letter (centre_id, answer_due NULLS LAST, created_at DESC, id);
CREATE INDEX letter_organisation_list_idx ON letter (organisation_id, answer_due NULLS LAST, created_at DESC, id);
-- The statistics per body count these columns only: PostgreSQL reads a centre's letters from this
-- index alone (an index-only scan), never the letters' rows with their texts.
CREATE INDEX letter_statistics_idx ON letter (centre_id, body_id, created_at, registered_on, answer_due, answered_on);

-- Cases, newest first, per centre and per organisation. (The single-column indexes stay: H2 uses
-- opora_case_organisation_idx for the foreign key.)
CREATE INDEX opora_case_centre_list_idx ON opora_case (centre_id, created_at DESC, id);
CREATE INDEX opora_case_organisation_list_idx ON opora_case (organisation_id, created_at DESC, id);
