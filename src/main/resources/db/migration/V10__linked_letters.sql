-- A follow-up letter (after a partial answer or a refusal) or a complaint (after an overdue
-- answer) is a new letter, with its own case and clock, linked to the one it follows.
ALTER TABLE letter ADD COLUMN parent_letter_id UUID REFERENCES letter (id);
ALTER TABLE letter ADD COLUMN letter_kind VARCHAR(20) DEFAULT 'LETTER' NOT NULL;
ALTER TABLE letter ADD CONSTRAINT letter_kind_check CHECK (letter_kind IN ('LETTER', 'FOLLOW_UP', 'COMPLAINT'));
