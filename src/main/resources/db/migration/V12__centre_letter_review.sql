-- A centre may have its staff review each letter before a CSO sends it.
ALTER TABLE resource_centre ADD COLUMN letters_need_review BOOLEAN DEFAULT FALSE NOT NULL;
