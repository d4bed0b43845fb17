-- A case event is a code (kind) and the parameters of its sentence, rendered in the reader's language
-- when read (ADR 0025): numbers, dates and codes, as a JSON array. What a person typed stays in detail
-- (and is erased with the case's personal data); a row without args is read as it was written before.
ALTER TABLE case_event ADD COLUMN args VARCHAR(2000);
ALTER TABLE case_event ADD CONSTRAINT case_event_args_json CHECK (args IS NULL OR args LIKE '[%]');
