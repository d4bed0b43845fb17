-- The open-task view (ADR 20) as the list reads it at a million open tasks (ADR 26): every row
-- carries the list's order, so that a page is one index range read per way in (assigned to me, each
-- of my candidate parties) that stops after the page, and the next page starts where the last ended.
--
-- The view is derived: it is emptied here, and Opora rebuilds it from the engine's tables at the next
-- start (OpenTasks.rebuildIfOutOfStep: the engine has tasks, the view has none).
DELETE FROM opora_open_task_candidate;
DELETE FROM opora_open_task;

-- The list's order is due date (none last, on H2 as on PostgreSQL), then creation, then id: due_at
-- with "no due date" as the far future, so that the order is one ascending key a cursor can compare.
ALTER TABLE opora_open_task ADD COLUMN sort_due TIMESTAMP NOT NULL;
-- The task's case's centre and organisation (the case whose process instance it is), for CaseScope.
ALTER TABLE opora_open_task ADD COLUMN centre_id UUID;
ALTER TABLE opora_open_task ADD COLUMN organisation_id UUID;

DROP INDEX opora_open_task_order_idx;
DROP INDEX opora_open_task_assignee_idx;
-- The reminder scan's due-date range; the assignee's list; one case's tasks (caseId=).
CREATE INDEX opora_open_task_order_idx ON opora_open_task (sort_due, created_at, task_id);
CREATE INDEX opora_open_task_assignee_idx ON opora_open_task (assignee, sort_due, created_at, task_id);
CREATE INDEX opora_open_task_business_key_idx ON opora_open_task (business_key);

-- A candidate row carries what the list filters and orders by, so that "the first page of group X"
-- is the start of one range of one index, without a join: its task's order, assignee (a claimed task
-- leaves its candidates' lists), process, and case (centre, organisation, process instance, for
-- CaseScope). The index ends with assignee and organisation: a CSO member's page is checked against
-- their scope inside the index (PostgreSQL: an index-only scan), never row by row in the table.
ALTER TABLE opora_open_task_candidate ADD COLUMN sort_due TIMESTAMP;
ALTER TABLE opora_open_task_candidate ADD COLUMN created_at TIMESTAMP;
ALTER TABLE opora_open_task_candidate ADD COLUMN assignee VARCHAR(255);
ALTER TABLE opora_open_task_candidate ADD COLUMN process_key VARCHAR(255);
ALTER TABLE opora_open_task_candidate ADD COLUMN process_instance_id VARCHAR(64);
ALTER TABLE opora_open_task_candidate ADD COLUMN centre_id UUID;
ALTER TABLE opora_open_task_candidate ADD COLUMN organisation_id UUID;
CREATE INDEX opora_open_task_candidate_order_idx
    ON opora_open_task_candidate (party, sort_due, created_at, task_id, assignee, organisation_id);
