-- A document may belong to a part of its case: a grant's report N ("report-1") holds its receipts and
-- photos. NULL: the case as a whole. The feature says which parts a case has (DocumentKinds.partKinds).
ALTER TABLE document ADD COLUMN part VARCHAR(50);
