package org.opora.tasks;

import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Objects;

import org.camunda.bpm.engine.impl.context.Context;
import org.camunda.bpm.engine.impl.history.event.HistoricIdentityLinkLogEventEntity;
import org.camunda.bpm.engine.impl.history.event.HistoricTaskInstanceEventEntity;
import org.camunda.bpm.engine.impl.history.event.HistoryEvent;
import org.camunda.bpm.engine.impl.history.event.HistoryEventTypes;
import org.camunda.bpm.engine.impl.history.handler.HistoryEventHandler;
import org.camunda.bpm.engine.impl.persistence.entity.ExecutionEntity;
import org.camunda.bpm.engine.impl.persistence.entity.TaskEntity;
import org.camunda.bpm.engine.task.IdentityLinkType;
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

    public OpenTasks(JdbcClient jdbc) {
        this.jdbc = jdbc;
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
                jdbc.sql("INSERT INTO opora_open_task_candidate (party, task_id) VALUES (?, ?)").params(party, link.getTaskId()).update();
            }
        }
    }

    @Override
    public void handleEvents(List<HistoryEvent> events) {
        events.forEach(this::handleEvent);
    }

    private void taskEvent(HistoricTaskInstanceEventEntity task) {
        if (task.isEventOfType(HistoryEventTypes.TASK_INSTANCE_CREATE)) {
            jdbc.sql("INSERT INTO opora_open_task (task_id, process_instance_id, business_key, process_key, assignee, due_at, created_at)"
                            + " VALUES (?, ?, ?, ?, ?, ?, ?)")
                    .params(task.getTaskId(), task.getProcessInstanceId(), businessKey(task.getProcessInstanceId()),
                            task.getProcessDefinitionKey(), task.getAssignee(), task.getDueDate(),
                            createTime(task))
                    .update();
        } else if (task.isEventOfType(HistoryEventTypes.TASK_INSTANCE_UPDATE) || task.isEventOfType(HistoryEventTypes.TASK_INSTANCE_MIGRATE)) {
            jdbc.sql("UPDATE opora_open_task SET assignee = ?, due_at = ?, process_key = COALESCE(?, process_key) WHERE task_id = ?")
                    .params(task.getAssignee(), task.getDueDate(), task.getProcessDefinitionKey(), task.getTaskId())
                    .update();
        } else if (task.isEventOfType(HistoryEventTypes.TASK_INSTANCE_COMPLETE) || task.isEventOfType(HistoryEventTypes.TASK_INSTANCE_DELETE)) {
            jdbc.sql("DELETE FROM opora_open_task_candidate WHERE task_id = ?").param(task.getTaskId()).update();
            jdbc.sql("DELETE FROM opora_open_task WHERE task_id = ?").param(task.getTaskId()).update();
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
        jdbc.sql("INSERT INTO opora_open_task (task_id, process_instance_id, business_key, process_key, assignee, due_at, created_at)"
                + " SELECT t.ID_, t.PROC_INST_ID_, e.BUSINESS_KEY_, d.KEY_, t.ASSIGNEE_, t.DUE_DATE_, t.CREATE_TIME_"
                + " FROM ACT_RU_TASK t LEFT JOIN ACT_RU_EXECUTION e ON e.ID_ = t.PROC_INST_ID_"
                + " LEFT JOIN ACT_RE_PROCDEF d ON d.ID_ = t.PROC_DEF_ID_").update();
        jdbc.sql("INSERT INTO opora_open_task_candidate (party, task_id)"
                + " SELECT DISTINCT CASE WHEN l.USER_ID_ IS NOT NULL THEN CONCAT('user:', l.USER_ID_) ELSE CONCAT('group:', l.GROUP_ID_) END, l.TASK_ID_"
                + " FROM ACT_RU_IDENTITYLINK l WHERE l.TYPE_ = 'candidate' AND l.TASK_ID_ IS NOT NULL").update();
    }

    // ---- read by the task list ----

    /**
     * The filter of "my tasks" ({@link MyTasks}): assigned to the user, or unassigned with the user or
     * one of their groups among the candidates. For anyone but administrators ({@code restrictTo} null),
     * a candidate task must also belong to a case of their scope: a CSO member never sees another
     * organisation's task, whatever group they were put in, and staff never see another centre's, though
     * the staff group is one for all centres (ADR 23). A task of no case is seen only if
     * {@code caselessVisible} (staff). Suspended tasks are never listed.
     */
    record Filter(String userId, List<String> groupIds, CaseScope restrictTo, boolean caselessVisible, List<String> processKeys,
            String businessKey, Date dueBefore) {
    }

    record Slice(List<String> taskIds, long total) {
    }

    Slice page(Filter filter, int offset, int limit) {
        StringBuilder where = new StringBuilder(" FROM opora_open_task t WHERE t.task_id IN ("
                + "SELECT a.task_id FROM opora_open_task a WHERE a.assignee = :user"
                + " UNION ALL SELECT c.task_id FROM opora_open_task_candidate c WHERE c.party IN (:parties))");
        List<String> parties = new ArrayList<>();
        parties.add(user(filter.userId()));
        filter.groupIds().forEach(groupId -> parties.add(group(groupId)));
        java.util.Map<String, Object> params = new java.util.LinkedHashMap<>();
        params.put("user", filter.userId());
        params.put("parties", parties);
        if (filter.restrictTo() == null) {
            where.append(" AND (t.assignee IS NULL OR t.assignee = :user)");
        } else {
            CaseScope.SqlCondition scope = filter.restrictTo().toSql("oc");
            where.append(" AND (t.assignee = :user OR (t.assignee IS NULL AND (EXISTS (SELECT 1 FROM opora_case oc"
                    + " WHERE oc.process_instance_id = t.process_instance_id AND ").append(scope.sql()).append(")");
            if (filter.caselessVisible()) {
                where.append(" OR NOT EXISTS (SELECT 1 FROM opora_case nc WHERE nc.process_instance_id = t.process_instance_id)");
            }
            where.append(")))");
            params.putAll(scope.parameters());
        }
        // What the engine's task query leaves out with active(): a task of a suspended instance (ACT_RU_TASK's
        // SUSPENSION_STATE_ 2). Suspension writes no task history event, so the view cannot know it by itself.
        where.append(" AND NOT EXISTS (SELECT 1 FROM ACT_RU_TASK s WHERE s.ID_ = t.task_id AND s.SUSPENSION_STATE_ = 2)");
        if (filter.processKeys() != null) {
            where.append(" AND t.process_key IN (:processKeys)");
            params.put("processKeys", filter.processKeys().isEmpty() ? List.of("-") : filter.processKeys());
        }
        if (filter.businessKey() != null) {
            where.append(" AND t.business_key = :businessKey");
            params.put("businessKey", filter.businessKey());
        }
        if (filter.dueBefore() != null) {
            where.append(" AND t.due_at < :dueBefore");
            params.put("dueBefore", new java.sql.Timestamp(filter.dueBefore().getTime()));
        }
        long total = jdbc.sql("SELECT COUNT(*)" + where).params(params).query(Long.class).single();
        List<String> ids = total <= offset ? List.of() : jdbc.sql("SELECT t.task_id" + where
                        + " ORDER BY t.due_at, t.created_at, t.task_id LIMIT :limit OFFSET :offset")
                .params(params).param("limit", limit).param("offset", offset).query(String.class).list();
        return new Slice(ids, total);
    }

    private static String user(String userId) {
        return "user:" + userId;
    }

    private static String group(String groupId) {
        return "group:" + groupId;
    }
}
