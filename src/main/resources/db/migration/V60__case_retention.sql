-- When a case's retention ended and its documents and personal data were erased (CaseRetention, ADR 16).
-- NULL while the case is kept whole.
ALTER TABLE opora_case ADD COLUMN retention_ended_at TIMESTAMP WITH TIME ZONE;
