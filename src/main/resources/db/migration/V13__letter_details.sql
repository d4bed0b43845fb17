-- What a CSO records about a letter beyond its text: the region it concerns, co-signers of a
-- collective letter, the attachments it lists, and the content of the answer.
ALTER TABLE letter ADD COLUMN region VARCHAR(200);
ALTER TABLE letter ADD COLUMN cosigners VARCHAR(2000);
ALTER TABLE letter ADD COLUMN attachments VARCHAR(4000);
ALTER TABLE letter ADD COLUMN answer_summary TEXT;
