-- A body may ask the writer for documents or explanations while it prepares the answer.
ALTER TABLE letter ADD COLUMN documents_requested VARCHAR(1000);
ALTER TABLE letter ADD COLUMN documents_due DATE;
