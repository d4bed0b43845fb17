-- The open tasks as the task list reads them (docs/adr/0020-open-task-view.md): one row per open
-- task, kept by the engine's history events in the engine's own transaction, so that "my tasks" is an
-- indexed query instead of the engine's authorization-checked joins, which grow with every open task.
CREATE TABLE opora_open_task (
    task_id              VARCHAR(64) PRIMARY KEY,
    process_instance_id  VARCHAR(64),
    business_key         VARCHAR(255),
    process_key          VARCHAR(255),
    assignee             VARCHAR(255),
    -- Local times without zone, as in ACT_RU_TASK: copied and compared exactly as the engine does.
    due_at               TIMESTAMP,
    created_at           TIMESTAMP NOT NULL
);
-- The list's order (earliest due first, then oldest) and the assignee's way in.
CREATE INDEX opora_open_task_order_idx ON opora_open_task (due_at, created_at, task_id);
CREATE INDEX opora_open_task_assignee_idx ON opora_open_task (assignee);

-- Who may pick an open task while nobody has it: 'user:<id>' or 'group:<id>' (the engine's candidates).
CREATE TABLE opora_open_task_candidate (
    party    VARCHAR(300) NOT NULL,
    task_id  VARCHAR(64) NOT NULL,
    PRIMARY KEY (party, task_id)
);
CREATE INDEX opora_open_task_candidate_task_idx ON opora_open_task_candidate (task_id);
