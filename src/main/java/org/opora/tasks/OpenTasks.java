package org.opora.tasks;

import java.nio.charset.StandardCharsets;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Date;
import java.util.List;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;

import org.camunda.bpm.engine.impl.context.Context;
import org.camunda.bpm.engine.impl.history.event.HistoricIdentityLinkLogEventEntity;
import org.camunda.bpm.engine.impl.history.event.HistoricTaskInstanceEventEntity;
import org.camunda.bpm.engine.impl.history.event.HistoryEvent;
import org.camunda.bpm.engine.impl.history.event.HistoryEventTypes;
import org.camunda.bpm.engine.impl.history.handler.HistoryEventHandler;
import org.camunda.bpm.engine.impl.persistence.entity.ExecutionEntity;
import org.camunda.bpm.engine.impl.persistence.entity.TaskEntity;
import org.camunda.bpm.engine.task.IdentityLinkType;
import org.opora.cases.CaseRepository;
import org.opora.cases.CaseScope;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/**
 * The open tasks as the task list reads them (docs/adr/0020-open-task-view.md). The engine's history
 * events keep {@code opora_open_task} and its candidates in step, inside the engine's transaction:
 * a task is in the view exactly when it is in {@code ACT_RU_TASK}. The list then is an indexed query
 * over Opora's table instead of the engine's authorization-checked joins, whose cost grows with every
 * open task of every organisation. The Camunda Spring Boot starter adds this bean to the engine's
 * history event handlers, beside the engine's own database handler.
 */
@Component
public class OpenTasks implements HistoryEventHandler {

    private static final Logger log = LoggerFactory.getLogger(OpenTasks.class);

    private final JdbcClient jdbc;
    private final CaseRepository cases;

    public OpenTasks(JdbcClient jdbc, CaseRepository cases) {
        this.jdbc = jdbc;
        this.cases = cases;
    }

    // ---- kept in step by the engine's history events (history level full) ----

    @Override
    public void handleEvent(HistoryEvent event) {
        if (event instanceof HistoricTaskInstanceEventEntity task) {
            taskEvent(task);
        } else if (event instanceof HistoricIdentityLinkLogEventEntity link && link.getTaskId() != null
                && IdentityLinkType.CANDIDATE.equals(link.getType())) {
            String party = link.getUserId() != null ? user(link.getUserId()) : group(link.getGroupId());
            jdbc.sql("DELETE FROM opora_open_task_candidate WHERE party = ? AND task_id = ?").params(party, link.getTaskId()).update();
            if (link.isEventOfType(HistoryEventTypes.IDENTITY_LINK_ADD)) {
                jdbc.sql("INSERT INTO opora_open_task_candidate (party, task_id, " + COPIED + ")"
                                + " SELECT ?, ?, " + COPIED_FROM_T + " FROM (VALUES (1)) AS one(x)"
                                + " LEFT JOIN opora_open_task t ON t.task_id = ?")
                        .params(party, link.getTaskId(), link.getTaskId()).update();
            }
        }
    }

    @Override
    public void handleEvents(List<HistoryEvent> events) {
        events.forEach(this::handleEvent);
    }

    private void taskEvent(HistoricTaskInstanceEventEntity task) {
        if (task.isEventOfType(HistoryEventTypes.TASK_INSTANCE_CREATE)) {
            Date created = createTime(task);
            CaseOf owner = caseOf(task.getProcessInstanceId());
            jdbc.sql("INSERT INTO opora_open_task (task_id, process_instance_id, business_key, process_key, assignee, due_at, sort_due,"
                            + " created_at, centre_id, organisation_id) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")
                    .params(task.getTaskId(), task.getProcessInstanceId(), owner.businessKey(), task.getProcessDefinitionKey(),
                            task.getAssignee(), task.getDueDate(), sortDue(task.getDueDate()), created, owner.centreId(),
                            owner.organisationId())
                    .update();
            // The engine may report a candidate before or after the task itself: either way the candidate row ends up ordered.
            jdbc.sql("UPDATE opora_open_task_candidate SET sort_due = ?, created_at = ?, assignee = ?, process_key = ?,"
                            + " process_instance_id = ?, centre_id = ?, organisation_id = ? WHERE task_id = ?")
                    .params(sortDue(task.getDueDate()), created, task.getAssignee(), task.getProcessDefinitionKey(),
                            task.getProcessInstanceId(), owner.centreId(), owner.organisationId(), task.getTaskId())
                    .update();
        } else if (task.isEventOfType(HistoryEventTypes.TASK_INSTANCE_UPDATE) || task.isEventOfType(HistoryEventTypes.TASK_INSTANCE_MIGRATE)) {
            jdbc.sql("UPDATE opora_open_task SET assignee = ?, due_at = ?, sort_due = ?, process_key = COALESCE(?, process_key) WHERE task_id = ?")
                    .params(task.getAssignee(), task.getDueDate(), sortDue(task.getDueDate()), task.getProcessDefinitionKey(),
                            task.getTaskId())
                    .update();
            jdbc.sql("UPDATE opora_open_task_candidate SET assignee = ?, sort_due = ?, process_key = COALESCE(?, process_key)"
                            + " WHERE task_id = ?")
                    .params(task.getAssignee(), sortDue(task.getDueDate()), task.getProcessDefinitionKey(), task.getTaskId())
                    .update();
        } else if (task.isEventOfType(HistoryEventTypes.TASK_INSTANCE_COMPLETE) || task.isEventOfType(HistoryEventTypes.TASK_INSTANCE_DELETE)) {
            jdbc.sql("DELETE FROM opora_open_task_candidate WHERE task_id = ?").param(task.getTaskId()).update();
            jdbc.sql("DELETE FROM opora_open_task WHERE task_id = ?").param(task.getTaskId()).update();
        }
    }

    /** What a candidate row copies from its task: what the list orders and filters by. */
    private static final String COPIED = "sort_due, created_at, assignee, process_key, process_instance_id, centre_id, organisation_id";
    private static final String COPIED_FROM_T = "t." + COPIED.replace(", ", ", t.");

    /** "No due date" sorts after every due date, on H2 as on PostgreSQL, and keeps the order one ascending key. */
    static final Timestamp NO_DUE_DATE = Timestamp.valueOf("9999-12-31 00:00:00");

    private static Timestamp sortDue(Date due) {
        return due == null ? NO_DUE_DATE : new Timestamp(due.getTime());
    }

    /** The task's process instance's business key, and the centre and organisation of the case that instance is. */
    private record CaseOf(String businessKey, UUID centreId, UUID organisationId) {
    }

    /**
     * The case is the one whose id is the instance's business key and whose process instance this is
     * (or not yet recorded: the first task is created while the case opens, before
     * {@code attachProcessInstance}); a sub-process's task with a copied business key is no case's. Read through
     * the repository: the candidate-group expression and the notification of the same task read the same case.
     */
    private CaseOf caseOf(String processInstanceId) {
        String businessKey = businessKey(processInstanceId);
        UUID caseId = uuid(businessKey);
        if (caseId == null) {
            return new CaseOf(businessKey, null, null);
        }
        return cases.find(caseId)
                .filter(record -> record.processInstanceId() == null || record.processInstanceId().equals(processInstanceId))
                .map(record -> new CaseOf(businessKey, record.centreId(), record.organisationId()))
                .orElse(new CaseOf(businessKey, null, null));
    }

    private static UUID uuid(String text) {
        try {
            return text == null ? null : UUID.fromString(text);
        } catch (IllegalArgumentException notACase) {
            return null;
        }
    }

    /** The task's own create time (the list sorts by it, as the engine does); the event's start time is a little later. */
    private static Date createTime(HistoricTaskInstanceEventEntity event) {
        TaskEntity task = Context.getCommandContext() == null ? null
                : Context.getCommandContext().getDbEntityManager().getCachedEntity(TaskEntity.class, event.getTaskId());
        Date created = task == null ? event.getStartTime() : task.getCreateTime();
        return Objects.requireNonNullElseGet(created, Date::new);
    }

    private static String businessKey(String processInstanceId) {
        if (processInstanceId == null || Context.getCommandContext() == null) {
            return null;
        }
        ExecutionEntity instance = Context.getCommandContext().getExecutionManager().findExecutionById(processInstanceId);
        return instance == null ? null : instance.getBusinessKey();
    }

    /**
     * Fills the view from the engine's tables when they disagree: on the first start after this view
     * was added, and after anything changed the engine's tables behind its back (a bulk load).
     */
    @EventListener(ApplicationReadyEvent.class)
    @Transactional
    public void rebuildIfOutOfStep() {
        long engine = jdbc.sql("SELECT COUNT(*) FROM ACT_RU_TASK").query(Long.class).single();
        long view = jdbc.sql("SELECT COUNT(*) FROM opora_open_task").query(Long.class).single();
        if (engine != view) {
            log.info("Rebuilding the open-task view: {} open tasks in the engine, {} in the view", engine, view);
            rebuild();
        }
    }

    /** Replaces the view by what the engine's tables hold now. */
    @Transactional
    public void rebuild() {
        jdbc.sql("DELETE FROM opora_open_task_candidate").update();
        jdbc.sql("DELETE FROM opora_open_task").update();
        jdbc.sql("INSERT INTO opora_open_task (task_id, process_instance_id, business_key, process_key, assignee, due_at, sort_due,"
                + " created_at, centre_id, organisation_id)"
                + " SELECT t.ID_, t.PROC_INST_ID_, e.BUSINESS_KEY_, d.KEY_, t.ASSIGNEE_, t.DUE_DATE_, COALESCE(t.DUE_DATE_, ?),"
                + " t.CREATE_TIME_, c.centre_id, c.organisation_id"
                + " FROM ACT_RU_TASK t LEFT JOIN ACT_RU_EXECUTION e ON e.ID_ = t.PROC_INST_ID_"
                + " LEFT JOIN ACT_RE_PROCDEF d ON d.ID_ = t.PROC_DEF_ID_"
                + " LEFT JOIN opora_case c ON c.process_instance_id = t.PROC_INST_ID_").param(NO_DUE_DATE).update();
        jdbc.sql("INSERT INTO opora_open_task_candidate (party, task_id, " + COPIED + ")"
                + " SELECT l.party, l.task_id, " + COPIED_FROM_T + " FROM (SELECT DISTINCT CASE WHEN USER_ID_ IS NOT NULL"
                + " THEN CONCAT('user:', USER_ID_) ELSE CONCAT('group:', GROUP_ID_) END AS party, TASK_ID_ AS task_id"
                + " FROM ACT_RU_IDENTITYLINK WHERE TYPE_ = 'candidate' AND TASK_ID_ IS NOT NULL) l"
                + " LEFT JOIN opora_open_task t ON t.task_id = l.task_id").update();
    }

    // ---- read by the task list ----

    /**
     * The filter of "my tasks" ({@link UserTaskService}): assigned to the user, or unassigned with the user or
     * one of their groups among the candidates. For anyone but administrators ({@code restrictTo} null),
     * a candidate task must also belong to a case of their scope: a CSO member never sees another
     * organisation's task, whatever group they were put in, and staff never see another centre's, though
     * the staff group is one for all centres (ADR 23). A task of no case is seen only if
     * {@code caselessVisible} (staff). Suspended tasks are never listed.
     */
    record Filter(String userId, List<String> groupIds, CaseScope restrictTo, boolean caselessVisible, List<String> processKeys,
            String businessKey, Date dueBefore) {
    }

    /** Where a page ends in the list's order: the next page starts after it (keyset paging, ADR 26). */
    record Cursor(Timestamp sortDue, Timestamp created, String taskId) {

        /** Opaque to clients: the order key in base64url. */
        String encode() {
            String key = sortDue + "|" + created + "|" + taskId;
            return Base64.getUrlEncoder().withoutPadding().encodeToString(key.getBytes(StandardCharsets.UTF_8));
        }

        /** @return empty if the text is not a cursor this list gave out */
        static Optional<Cursor> decode(String text) {
            try {
                String[] parts = new String(Base64.getUrlDecoder().decode(text), StandardCharsets.UTF_8).split("\\|", 3);
                return parts.length == 3 && !parts[2].isEmpty()
                        ? Optional.of(new Cursor(Timestamp.valueOf(parts[0]), Timestamp.valueOf(parts[1]), parts[2]))
                        : Optional.empty();
            } catch (IllegalArgumentException notACursor) {
                return Optional.empty();
            }
        }
    }

    /**
     * A task of the page as the list shows it: the engine's task row, its case and the case's organisation,
     * read with the page in the same statement.
     */
    record Listed(String taskId, String name, String taskKey, String processDefinitionId, String processInstanceId, Date created,
            Date due, Date followUp, String assignee, UUID caseId, String caseTitle, UUID organisationId, String organisationName) {
    }

    /**
     * @param tasks   the page's tasks in the list's order; one completed since the view was read is left out
     * @param hasMore whether tasks follow this page (one more row was read, never counted)
     * @param next    where the next page starts, if any
     * @param total   the number of tasks of the whole list, only when asked for
     */
    record Slice(List<Listed> tasks, boolean hasMore, Cursor next, Long total) {
    }

    /**
     * One page of "my tasks", in the list's order (due date, none last; creation; id), after the cursor
     * or from the offset. Each way in (assigned to the user; each of their candidate parties) is one
     * range of an index in that order, read up to the page's end; the union of those short ranges is
     * then ordered once. Its cost follows the page and the user's number of groups, not the user's
     * number of tasks, and no page counts unless {@code count} asks for the total.
     */
    Slice page(Filter filter, Cursor after, int offset, int limit, boolean count) {
        Map<String, Object> params = new LinkedHashMap<>();
        params.put("user", filter.userId());
        List<String> parties = new ArrayList<>();
        parties.add(user(filter.userId()));
        filter.groupIds().forEach(groupId -> parties.add(group(groupId)));
        params.put("parties", parties);
        if (filter.processKeys() != null) {
            params.put("processKeys", filter.processKeys().isEmpty() ? List.of("-") : filter.processKeys());
        }
        if (filter.dueBefore() != null) {
            params.put("dueBefore", new Timestamp(filter.dueBefore().getTime()));
        }
        if (after != null) {
            params.put("afterDue", after.sortDue());
            params.put("afterCreated", after.created());
            params.put("afterId", after.taskId());
        }
        // A candidate task is one nobody has taken; for anyone but administrators, also a case of their scope.
        CaseScope.SqlCondition scopeOnTask = filter.restrictTo() == null ? null : filter.restrictTo().toSql("t");
        CaseScope.SqlCondition scopeOnCandidate = filter.restrictTo() == null ? null : filter.restrictTo().toSql("c");
        if (scopeOnTask != null) {
            params.putAll(scopeOnTask.parameters());
        }
        params.put("offset", offset);
        params.put("limit", limit + 1);

        Long total = null;
        String sql;
        if (filter.businessKey() != null) {
            // One case's tasks (caseId=): a handful, found by the case; the candidate check per task.
            params.put("businessKey", filter.businessKey());
            String mine = " FROM opora_open_task t WHERE t.business_key = :businessKey" + filters(filter, "t")
                    + " AND (t.assignee = :user OR (t.assignee IS NULL" + scoped(filter, scopeOnTask, "t")
                    + " AND EXISTS (SELECT 1 FROM opora_open_task_candidate c WHERE c.task_id = t.task_id AND c.party IN (:parties))))";
            if (count) {
                total = jdbc.sql("SELECT COUNT(*)" + mine).params(params).query(Long.class).single();
            }
            sql = "SELECT t.task_id, t.sort_due, t.created_at" + mine + keyset(after, "t")
                    + " ORDER BY t.sort_due, t.created_at, t.task_id LIMIT :limit OFFSET :offset";
        } else {
            // Every way in is one range of one index in the list's order, read up to the page's end.
            String candidates = " AND c.assignee IS NULL" + scoped(filter, scopeOnCandidate, "c") + filters(filter, "c");
            if (count) {
                total = jdbc.sql("SELECT COUNT(*) FROM (SELECT t.task_id FROM opora_open_task t WHERE t.assignee = :user"
                                + filters(filter, "t") + " UNION SELECT c.task_id FROM opora_open_task_candidate c"
                                + " WHERE c.party IN (:parties)" + candidates + ") mine")
                        .params(params).query(Long.class).single();
            }
            params.put("reach", offset + limit + 1);
            StringBuilder union = new StringBuilder("SELECT task_id, sort_due, created_at FROM (SELECT * FROM (SELECT t.task_id,"
                    + " t.sort_due, t.created_at FROM opora_open_task t WHERE t.assignee = :user" + filters(filter, "t")
                    + keyset(after, "t") + " ORDER BY t.sort_due, t.created_at, t.task_id LIMIT :reach) assigned");
            for (int i = 0; i < parties.size(); i++) {
                union.append(" UNION SELECT * FROM (SELECT c.task_id, c.sort_due, c.created_at FROM opora_open_task_candidate c"
                                + " WHERE c.party = :party").append(i).append(candidates).append(keyset(after, "c"))
                        .append(" ORDER BY c.sort_due, c.created_at, c.task_id LIMIT :reach) candidate").append(i);
                params.put("party" + i, parties.get(i));
            }
            sql = union.append(") mine ORDER BY sort_due, created_at, task_id LIMIT :limit OFFSET :offset").toString();
        }
        // The page's tasks with the engine's task, its case and organisation in the same statement (by key, a few rows),
        // instead of the engine's query by id and two more reads. A task completed since is no engine row: left out.
        record Row(Cursor position, Listed task) {
        }
        List<Row> rows = jdbc.sql("SELECT p.task_id, p.sort_due, p.created_at, r.ID_, r.NAME_, r.TASK_DEF_KEY_, r.PROC_DEF_ID_,"
                        + " r.PROC_INST_ID_, r.CREATE_TIME_, r.DUE_DATE_, r.FOLLOW_UP_DATE_, r.ASSIGNEE_, k.id AS case_id, k.title,"
                        + " k.organisation_id, o.short_name FROM (" + sql + ") p"
                        + " LEFT JOIN ACT_RU_TASK r ON r.ID_ = p.task_id"
                        + " LEFT JOIN opora_case k ON k.process_instance_id = r.PROC_INST_ID_"
                        + " LEFT JOIN organisation o ON o.id = k.organisation_id"
                        + " ORDER BY p.sort_due, p.created_at, p.task_id")
                .params(params)
                .query((rs, row) -> new Row(new Cursor(rs.getTimestamp("sort_due"), rs.getTimestamp("created_at"), rs.getString("task_id")),
                        rs.getString("ID_") == null ? null : new Listed(rs.getString("ID_"), rs.getString("NAME_"), rs.getString("TASK_DEF_KEY_"),
                                rs.getString("PROC_DEF_ID_"), rs.getString("PROC_INST_ID_"), rs.getTimestamp("CREATE_TIME_"),
                                rs.getTimestamp("DUE_DATE_"), rs.getTimestamp("FOLLOW_UP_DATE_"), rs.getString("ASSIGNEE_"),
                                rs.getObject("case_id", UUID.class), rs.getString("title"), rs.getObject("organisation_id", UUID.class),
                                rs.getString("short_name"))))
                .list();
        boolean hasMore = rows.size() > limit;
        List<Row> page = hasMore ? rows.subList(0, limit) : rows;
        return new Slice(page.stream().map(Row::task).filter(Objects::nonNull).toList(), hasMore,
                hasMore ? page.get(limit - 1).position() : null, total);
    }

    /** The list's filters on a view row (a task {@code t} or a candidate {@code c}: both carry what they filter on). */
    private static String filters(Filter filter, String alias) {
        return (filter.processKeys() == null ? "" : " AND " + alias + ".process_key IN (:processKeys)")
                // No due date sorts as the far future, so "due before" on the order key leaves it out, as due_at would.
                + (filter.dueBefore() == null ? "" : " AND " + alias + ".sort_due < :dueBefore")
                // What the engine's task query leaves out with active(): a task of a suspended instance. Suspension
                // writes no task history event, so the view cannot know it by itself; checked per row of the page only.
                + " AND NOT EXISTS (SELECT 1 FROM ACT_RU_TASK s WHERE s.ID_ = " + alias + ".task_id AND s.SUSPENSION_STATE_ = 2)";
    }

    /**
     * A candidate task of the user's scope; for staff also a task of no case (its view row has no centre),
     * which belongs to every centre's staff (ADR 23).
     */
    private static String scoped(Filter filter, CaseScope.SqlCondition scope, String alias) {
        if (scope == null) {
            return "";
        }
        return " AND (" + scope.sql() + (filter.caselessVisible() ? " OR " + alias + ".centre_id IS NULL" : "") + ")";
    }

    private static String keyset(Cursor after, String alias) {
        return after == null ? ""
                : " AND (" + alias + ".sort_due, " + alias + ".created_at, " + alias + ".task_id) > (:afterDue, :afterCreated, :afterId)";
    }

    /** An open task due in a window, with what its reminder says and who is told (the reminder scan, ADR 26). */
    record DueTask(String taskId, String taskKey, String name, Date due, String assignee, String caseTitle, String tenantId,
            Cursor position) {
    }

    /**
     * One page of the active open tasks due strictly between {@code from} and {@code to}, in the list's
     * order after {@code after}: one range of the view's order index, joined with the engine's task (its
     * name, its due date, whether it is active) and its case's title, in one statement.
     */
    List<DueTask> due(Instant from, Instant to, Cursor after, int limit) {
        Map<String, Object> params = new LinkedHashMap<>();
        params.put("from", new Timestamp(from.toEpochMilli()));
        params.put("to", new Timestamp(to.toEpochMilli()));
        params.put("limit", limit);
        String keyset = "";
        if (after != null) {
            keyset = " AND (t.sort_due, t.created_at, t.task_id) > (:afterDue, :afterCreated, :afterId)";
            params.put("afterDue", after.sortDue());
            params.put("afterCreated", after.created());
            params.put("afterId", after.taskId());
        }
        return jdbc.sql("SELECT t.task_id, t.sort_due, t.created_at, r.TASK_DEF_KEY_, r.NAME_, r.DUE_DATE_, r.ASSIGNEE_, r.TENANT_ID_, c.title"
                        + " FROM opora_open_task t JOIN ACT_RU_TASK r ON r.ID_ = t.task_id"
                        + " LEFT JOIN opora_case c ON c.process_instance_id = t.process_instance_id"
                        + " WHERE t.sort_due > :from AND t.sort_due < :to AND r.SUSPENSION_STATE_ = 1" + keyset
                        + " ORDER BY t.sort_due, t.created_at, t.task_id LIMIT :limit")
                .params(params)
                .query((rs, row) -> new DueTask(rs.getString("task_id"), rs.getString("TASK_DEF_KEY_"), rs.getString("NAME_"),
                        rs.getTimestamp("DUE_DATE_"), rs.getString("ASSIGNEE_"), Objects.requireNonNullElse(rs.getString("title"), ""),
                        rs.getString("TENANT_ID_"), new Cursor(rs.getTimestamp("sort_due"), rs.getTimestamp("created_at"), rs.getString("task_id"))))
                .list();
    }

    private static String user(String userId) {
        return "user:" + userId;
    }

    private static String group(String groupId) {
        return "group:" + groupId;
    }
}
