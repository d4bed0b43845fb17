-- A message is written with what to render (template, language, the model as JSON) and its subject;
-- the dispatcher renders the body when it sends it and keeps what it sent in body_html (ADR 29).
-- Rows written before this carry their rendered body and no model, and are sent as they are.
ALTER TABLE mail_outbox ADD COLUMN model TEXT;
ALTER TABLE mail_outbox ALTER COLUMN body_html DROP NOT NULL;
