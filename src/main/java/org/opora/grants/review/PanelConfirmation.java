package org.opora.grants.review;

import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.camunda.bpm.engine.FormService;
import org.camunda.bpm.engine.OptimisticLockingException;
import org.camunda.bpm.engine.TaskAlreadyClaimedException;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.task.Task;
import org.opora.cases.CaseAccess;
import org.opora.grants.GrantSteps;
import org.opora.security.OporaUser;
import org.opora.system.ApiException;
import org.opora.system.SystemAccess;
import org.opora.tasks.JsonVariables;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Staff confirm an application's expert panel, or name it: for the API
 * ({@code POST /api/grants/applications/{id}/panel}) and the panel's page alike. Both complete "Confirm
 * the expert panel" as Tasklist submits its form, so the task's listener ({@link ExpertPanel#confirm}) is
 * the one place that checks a panel.
 */
@Service
class PanelConfirmation {

    private final ExpertPanel panel;
    private final CaseAccess access;
    private final TaskService taskService;
    private final FormService formService;
    private final SystemAccess system;
    private final TransactionTemplate transaction;

    PanelConfirmation(ExpertPanel panel, CaseAccess access, TaskService taskService, FormService formService,
            SystemAccess system, TransactionTemplate transaction) {
        this.panel = panel;
        this.access = access;
        this.taskService = taskService;
        this.formService = formService;
        this.system = system;
        this.transaction = transaction;
    }

    /** The experts staff choose from, for a staff member who may see the application. */
    List<ExpertPanel.Candidate> candidates(UUID applicationId) {
        GrantSteps.requireStaff();
        access.require(applicationId);
        return panel.candidatesFor(applicationId);
    }

    /** Whether the application's panel waits for staff to confirm it. */
    boolean waiting(UUID applicationId) {
        return task(applicationId) != null;
    }

    /** Confirms the proposal (no expert named) or names the panel. */
    void confirm(UUID applicationId, List<String> experts) {
        OporaUser user = GrantSteps.requireStaff();
        access.require(applicationId);
        Task task = task(applicationId);
        if (task == null) {
            throw ApiException.conflict("The application's panel is not waiting to be confirmed");
        }
        if (task.getAssignee() != null && !task.getAssignee().equals(user.id())) {
            throw ApiException.conflict("A colleague (" + task.getAssignee() + ") is working on this application's task");
        }
        // The list travels as Tasklist's checklist sends it to the task's listener, the one place that checks a panel.
        try {
            transaction.executeWithoutResult(status -> {
                taskService.claim(task.getId(), user.id());
                formService.submitTaskForm(task.getId(), Map.of("experts", JsonVariables.json(experts)));
            });
        } catch (TaskAlreadyClaimedException | OptimisticLockingException concurrently) {
            throw ApiException.conflict("A colleague confirmed the panel at the same moment");
        }
    }

    /** The panel as chosen on the page: the proposal unchanged confirms it; anything else names the panel. */
    void choose(UUID applicationId, List<String> chosen) {
        List<String> proposed = panel.proposedExperts(applicationId);
        boolean unchanged = chosen.size() == proposed.size() && chosen.containsAll(proposed);
        confirm(applicationId, unchanged ? List.of() : chosen);
    }

    private Task task(UUID applicationId) {
        return system.call(() -> taskService.createTaskQuery().processInstanceBusinessKey(applicationId.toString())
                .taskDefinitionKey("ConfirmPanel").singleResult());
    }
}
