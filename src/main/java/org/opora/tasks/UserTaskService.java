package org.opora.tasks;

import java.time.Clock;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.Map;

import org.camunda.bpm.engine.HistoryService;
import org.camunda.bpm.engine.TaskAlreadyClaimedException;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.history.HistoricTaskInstance;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.context.Context;
import org.camunda.bpm.engine.impl.interceptor.CommandExecutor;
import org.camunda.bpm.engine.impl.persistence.entity.TaskEntity;
import org.camunda.bpm.engine.task.Task;
import org.camunda.bpm.engine.variable.VariableMap;
import org.opora.cases.CaseAccess;
import org.opora.cases.CaseRepository;
import org.opora.cases.CaseEventTexts;
import org.opora.cases.CaseRecord;
import org.opora.cases.CaseService;
import org.opora.security.CurrentUser;
import org.opora.security.OporaUser;
import org.opora.security.Role;
import org.opora.system.ApiException;
import org.opora.system.CheckedByOpora;
import org.opora.system.ProblemType;
import org.opora.system.SystemAccess;
import org.opora.system.TaskNames;
import org.springframework.context.i18n.LocaleContextHolder;

import com.fasterxml.jackson.annotation.JsonInclude;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The signed-in user's work on tasks. Lists come from the open-task view within the user's case
 * scope (ADR 20, ADR 31); a single task is first looked up and checked against {@link CaseAccess}, so
 * a task of a case the user may not see is "not found" whatever the engine would allow, and a
 * completion is decided here before the engine runs it (ADR 35).
 */
@Service
public class UserTaskService {

    private final TaskService taskService;
    private final HistoryService historyService;
    private final CaseAccess caseAccess;
    private final CaseRepository cases;
    private final CaseService caseService;
    private final TaskFormContract forms;
    private final TaskMapper mapper;
    private final SystemAccess system;
    private final TransactionTemplate transaction;
    private final Clock clock;
    private final TaskNames names;
    private final OpenTasks openTasks;
    private final TaskFormRefs formRefs;
    private final CommandExecutor engineCommands;
    private final CheckedByOpora checked;
    private final TaskCandidates candidates;

    UserTaskService(TaskService taskService, HistoryService historyService, CaseAccess caseAccess, CaseRepository cases,
            CaseService caseService, TaskFormContract forms, TaskMapper mapper,
            SystemAccess system, TransactionTemplate transaction, Clock clock, TaskNames names, OpenTasks openTasks,
            TaskFormRefs formRefs, ProcessEngineConfigurationImpl engineConfiguration, CheckedByOpora checked,
            TaskCandidates candidates) {
        this.engineCommands = engineConfiguration.getCommandExecutorTxRequired();
        this.checked = checked;
        this.candidates = candidates;
        this.taskService = taskService;
        this.historyService = historyService;
        this.caseAccess = caseAccess;
        this.cases = cases;
        this.caseService = caseService;
        this.forms = forms;
        this.mapper = mapper;
        this.system = system;
        this.transaction = transaction;
        this.clock = clock;
        this.names = names;
        this.openTasks = openTasks;
        this.formRefs = formRefs;
    }

    /**
     * A page of the task list. {@code hasMore} says whether tasks follow, and {@code next} is the
     * cursor to ask for them ({@code after=}); {@code total} is there only when asked for
     * ({@code count=true}), because counting a long list costs more than reading its page (ADR 26).
     */
    public record TaskPage(List<TaskItem> items, int page, int size,
            @JsonInclude(JsonInclude.Include.NON_NULL) Long total, boolean hasMore,
            @JsonInclude(JsonInclude.Include.NON_NULL) String next) {
    }

    /**
     * Tasks assigned to the user, or unassigned and claimable through their groups, earliest due first.
     * Which tasks and in what order comes from the open-task view ({@link OpenTasks}, ADRs 20 and 26);
     * the page's tasks themselves are then read from the engine by id. One transaction for the whole
     * list, not one commit per query.
     */
    @Transactional
    public TaskPage list(TaskListQuery filter) {
        OporaUser user = CurrentUser.get();
        OpenTasks.Cursor after = null;
        if (filter.after() != null) {
            if (filter.page() > 0) {
                throw ApiException.invalid("after", "cannot be combined with page: a cursor says where the page starts");
            }
            after = OpenTasks.Cursor.decode(filter.after())
                    .orElseThrow(() -> ApiException.invalid("after", "is not a cursor this list gave out (next)"));
        }
        Instant dueBefore = filter.overdue() ? earliest(filter.dueBefore(), clock.instant()) : filter.dueBefore();
        OpenTasks.Slice slice = openTasks.page(myTasks(user, filter.processKeys(),
                        filter.caseId() == null ? null : filter.caseId().toString(), dueBefore == null ? null : Date.from(dueBefore)),
                after, after == null ? filter.page() * filter.size() : 0, filter.size(), filter.count());
        return new TaskPage(toItems(slice.tasks()), filter.page(), filter.size(), slice.total(), slice.hasMore(),
                slice.next() == null ? null : slice.next().encode());
    }

    /**
     * The first {@code size} of a person's open tasks in the list's order, as their task list shows them
     * (the daily digest reads the same, for someone who is not the one asking).
     */
    List<OpenTasks.Listed> openTasksOf(OporaUser user, int size) {
        return openTasks.page(myTasks(user, null, null, null), null, 0, size, false).tasks();
    }

    /**
     * What "my tasks" means, in the task list and the digest alike: assigned to the user, or unassigned with
     * them or one of their groups among the candidates, within their scope (staff: their centres' and tasks of
     * no case; administrators: everything).
     */
    private OpenTasks.Filter myTasks(OporaUser user, List<String> processKeys, String businessKey, Date dueBefore) {
        return new OpenTasks.Filter(user.id(), user.groupIds(), user.has(Role.ADMIN) ? null : caseAccess.scopeOf(user),
                user.has(Role.STAFF), processKeys, businessKey, dueBefore);
    }

    void claim(String taskId) {
        Task task = visibleOpenTask(taskId);
        candidates.requireMayTakeUp(task, CurrentUser.get());
        whileOpen(taskId, () -> {
            try {
                taskService.claim(task.getId(), CurrentUser.get().id());
            } catch (TaskAlreadyClaimedException ex) {
                throw ApiException.conflict("The task is already claimed by someone else");
            }
        });
    }

    void unclaim(String taskId) {
        Task task = visibleOpenTask(taskId);
        OporaUser user = CurrentUser.get();
        if (task.getAssignee() == null) {
            return;
        }
        if (!task.getAssignee().equals(user.id()) && !user.isStaffOrAdmin()) {
            throw new ApiException(ProblemType.FORBIDDEN, "Only the assignee or staff can give a claimed task back");
        }
        whileOpen(taskId, () -> taskService.setAssignee(task.getId(), null));
    }

    /**
     * Validates the input against the task's form, then completes it; of concurrent completions exactly one wins.
     * The visibility check, the form, the completion and the case's event are one transaction: one commit per
     * completion, not one per engine query (ADR 27).
     *
     * <p>Opora decides who may complete: the case's visibility ({@link CaseAccess}), then the task's own people
     * (its assignee; an unassigned task, its candidates, or staff and administrators, who hold the engine's
     * grant on every task), then the form. The engine then completes it as the signed-in user, who stays in its
     * operation log and history, without checking the same again in its authorizations ({@link CheckedByOpora},
     * ADR 35): that check was 12-17% of a letter's CPU (docs/performance.md).
     */
    public void complete(String taskId, Map<String, Object> body) {
        OporaUser user = CurrentUser.get();
        whileOpen(taskId, () -> transaction.executeWithoutResult(status -> {
            OpenTask open = visibleOpenTaskOfCase(taskId);
            Task task = open.task();
            if (task.getAssignee() != null && !task.getAssignee().equals(user.id())) {
                throw ApiException.conflict("The task is assigned to someone else; claim it first");
            }
            try {
                candidates.requireMayTakeUp(task, user);
            } catch (ApiException refused) {
                // Its candidates gone with the task itself (a concurrent completion committed between the reads): a conflict.
                if (openTaskById(task.getId()) == null) {
                    throw ApiException.conflict("The task has already been completed");
                }
                throw refused;
            }
            VariableMap variables = forms.variablesFor(task, body);
            // Decided on this revision of the task: one handed on or claimed since (committed between the reads) is not
            // completed by the user it no longer belongs to; one changed after this read fails the engine's revision check.
            int decidedOn = ((TaskEntity) task).getRevision();
            boolean completed = checked.call(() -> {
                TaskEntity now = Context.getCommandContext().getTaskManager().findTaskById(task.getId());
                if (now == null || now.getRevision() != decidedOn) {
                    return false;
                }
                taskService.complete(task.getId(), variables);
                return true;
            });
            if (!completed) {
                throw ApiException.conflict("The task changed while it was being completed; look at it again");
            }
            if (open.caseRecord() != null) {
                caseService.recordEvent(open.caseRecord().id(), "task-completed", user.id(), null,
                        new CaseEventTexts.TaskRef(task.getTaskDefinitionKey(), task.getName()));
            }
        }));
    }

    /**
     * Runs work on a task that was open when we looked. If the task disappears meanwhile (someone
     * completed it), whatever the engine trips over on the way (an optimistic lock, a vanished
     * execution, a missing task) is reported as the conflict it is.
     */
    private void whileOpen(String taskId, Runnable work) {
        try {
            work.run();
        } catch (ApiException ex) {
            throw ex;
        } catch (RuntimeException ex) {
            if (system.call(() -> taskService.createTaskQuery().taskId(taskId).count()) == 0) {
                throw ApiException.conflict("The task has already been completed");
            }
            throw ex;
        }
    }

    /**
     * The open task, if the user may see its case; a completed task of a visible case is a conflict
     * (somebody finished it first), anything else is "not found".
     */
    Task visibleOpenTask(String taskId) {
        return visibleOpenTaskOfCase(taskId).task();
    }

    /** An open task with its case ({@code null}: a process of no case), read once for the check and the caller. */
    private record OpenTask(Task task, CaseRecord caseRecord) {
    }

    private OpenTask visibleOpenTaskOfCase(String taskId) {
        Task task = openTaskById(taskId);
        if (task != null) {
            CaseRecord record = task.getProcessInstanceId() == null ? null
                    : cases.findByProcessInstance(task.getProcessInstanceId()).orElse(null);
            // A task assigned to the user is theirs to work on, whatever they may see of its case.
            if (CurrentUser.get().id().equals(task.getAssignee()) || caseAccess.canSeeWorkOf(record)) {
                return new OpenTask(task, record);
            }
            throw ApiException.notFound("Task");
        }
        HistoricTaskInstance done = system.call(() ->
                historyService.createHistoricTaskInstanceQuery().taskId(taskId).singleResult());
        if (done != null && done.getProcessInstanceId() != null && caseAccess.canSeeProcessInstance(done.getProcessInstanceId())) {
            throw ApiException.conflict("The task has already been completed");
        }
        throw ApiException.notFound("Task");
    }

    /**
     * The open task of this id with its form key, or null: the engine's read by primary key, which checks no
     * authorization (as the system's query did; {@link CaseAccess} decides), instead of its criteria query,
     * whose dynamic SQL cost more CPU than the rest of the visibility check (docs/performance.md).
     */
    private Task openTaskById(String taskId) {
        return engineCommands.execute(context -> {
            TaskEntity task = context.getTaskManager().findTaskById(taskId);
            if (task != null) {
                task.initializeFormKey();
            }
            return task;
        });
    }

    private List<TaskItem> toItems(List<OpenTasks.Listed> tasks) {
        return tasks.stream().map(task -> mapper.toItem(task, names.of(task.taskKey(), task.name(), LocaleContextHolder.getLocale()),
                formRef(task))).toList();
    }

    /** The id of the Camunda Form the task is bound to; evaluated on the task only when its {@code formRef} is an expression. */
    private String formRef(OpenTasks.Listed task) {
        TaskFormRefs.Known known = formRefs.of(task.processDefinitionId(), task.taskKey());
        if (!known.perTask()) {
            return known.formRef().orElse(null);
        }
        Task engineTask = system.call(() -> taskService.createTaskQuery().taskId(task.taskId()).initializeFormKeys().singleResult());
        return engineTask == null || engineTask.getCamundaFormRef() == null ? null : engineTask.getCamundaFormRef().getKey();
    }

    private static Instant earliest(Instant a, Instant b) {
        return a == null || b.isBefore(a) ? b : a;
    }
}
