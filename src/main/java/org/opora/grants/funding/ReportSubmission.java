package org.opora.grants.funding;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.camunda.bpm.engine.FormService;
import org.camunda.bpm.engine.OptimisticLockingException;
import org.camunda.bpm.engine.TaskAlreadyClaimedException;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.task.Task;
import org.opora.grants.application.ApplicationSubmission;
import org.opora.security.OporaUser;
import org.opora.system.ApiException;
import org.opora.system.SystemAccess;
import org.opora.tasks.JsonVariables;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The applicant submits the report that is due: for the API ({@code POST /api/grants/applications/{id}/report})
 * and the funding page alike. Both complete "Submit the report" as Tasklist submits its form, so the task's
 * listener ({@link FundingService#submitReport}) is the one place that checks a report.
 */
@Service
class ReportSubmission {

    private final ApplicationSubmission applications;
    private final TaskService taskService;
    private final FormService formService;
    private final SystemAccess system;
    private final TransactionTemplate transaction;

    ReportSubmission(ApplicationSubmission applications, TaskService taskService, FormService formService, SystemAccess system,
            TransactionTemplate transaction) {
        this.applications = applications;
        this.taskService = taskService;
        this.formService = formService;
        this.system = system;
        this.transaction = transaction;
    }

    /** The open "Submit the report" task, if a report is due. */
    Task task(UUID applicationId) {
        return system.call(() -> taskService.createTaskQuery().processInstanceBusinessKey(applicationId.toString())
                .taskDefinitionKey("SubmitReport").singleResult());
    }

    void submit(UUID applicationId, String narrative, Long beneficiariesReached, List<BigDecimal> spending) {
        OporaUser user = applications.requireApplicant(applicationId);
        Task task = task(applicationId);
        if (task == null) {
            throw ApiException.conflict("No report is due");
        }
        if (task.getAssignee() != null && !task.getAssignee().equals(user.id())) {
            throw ApiException.conflict("A colleague (" + task.getAssignee() + ") is working on this application's task");
        }
        // The amounts travel as the rows of the task's form (a dynamic list, one row per budget line) to the
        // task's listener, which hands them to the one rule of a report's spending (FundingService).
        List<Map<String, Object>> rows = new ArrayList<>();
        for (BigDecimal spent : spending == null ? List.<BigDecimal>of() : spending) {
            Map<String, Object> row = new java.util.HashMap<>();
            row.put("spent", spent);
            rows.add(row);
        }
        Map<String, Object> fields = new java.util.HashMap<>();
        fields.put("narrative", narrative);
        fields.put("beneficiariesReached", beneficiariesReached);
        fields.put("spending", JsonVariables.json(rows));
        try {
            transaction.executeWithoutResult(status -> {
                taskService.claim(task.getId(), user.id());
                formService.submitTaskForm(task.getId(), fields);
            });
        } catch (TaskAlreadyClaimedException | OptimisticLockingException concurrently) {
            throw ApiException.conflict("A colleague submitted the report at the same moment");
        }
    }
}
