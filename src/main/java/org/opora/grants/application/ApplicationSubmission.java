package org.opora.grants.application;

import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.camunda.bpm.engine.FormService;
import org.camunda.bpm.engine.OptimisticLockingException;
import org.camunda.bpm.engine.TaskAlreadyClaimedException;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.task.Task;
import org.opora.cases.CaseAccess;
import org.opora.security.CurrentUser;
import org.opora.security.OporaUser;
import org.opora.system.ApiException;
import org.opora.system.CheckedByOpora;
import org.opora.system.ProblemType;
import org.opora.system.SystemAccess;
import org.opora.tasks.TaskCandidates;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Who may read and who may change an application, and submitting what was saved: for the API
 * ({@code POST /api/grants/applications/{id}/submit}) and the portal's application page alike.
 */
@Service
public class ApplicationSubmission {

    private final ApplicationService applications;
    private final CaseAccess access;
    private final TaskService taskService;
    private final FormService formService;
    private final SystemAccess system;
    private final TransactionTemplate transaction;
    private final List<ApplicationReaders> readers;
    private final CheckedByOpora checked;
    private final TaskCandidates candidates;

    ApplicationSubmission(ApplicationService applications, CaseAccess access, TaskService taskService, FormService formService,
            SystemAccess system, TransactionTemplate transaction, List<ApplicationReaders> readers, CheckedByOpora checked,
            TaskCandidates candidates) {
        this.checked = checked;
        this.candidates = candidates;
        this.applications = applications;
        this.access = access;
        this.taskService = taskService;
        this.formService = formService;
        this.system = system;
        this.transaction = transaction;
        this.readers = readers;
    }

    /**
     * The application if the signed-in user may read it: staff, the applying organisation's members, and
     * whom a later stage lets read it (an expert, only after declaring no conflict).
     */
    public GrantApplication readable(UUID id) {
        access.require(id);
        OporaUser user = CurrentUser.get();
        if (!user.isStaffOrAdmin() && !isMember(user, id) && !mayRead(user, id)) {
            throw ApiException.notFound("Application");
        }
        return applications.get(id);
    }

    /** Whether a later stage lets this user, neither staff nor applicant, read the application. */
    public boolean mayRead(OporaUser user, UUID applicationId) {
        return readers.stream().anyMatch(reader -> reader.mayRead(user, applicationId));
    }

    /** The signed-in member of the applying organisation; anyone else may not change the application. */
    public OporaUser requireApplicant(UUID id) {
        access.require(id);
        OporaUser user = CurrentUser.get();
        if (!isMember(user, id)) {
            throw new ApiException(ProblemType.FORBIDDEN, "Only the applying organisation's members change its application");
        }
        return user;
    }

    /**
     * Saves the draft as its applicant: the check and the save in one transaction. Apart, the check's reads (the
     * case, the application) were autocommitted one by one: five commits for one save (docs/performance.md, figure 2).
     */
    public GrantApplication saveDraft(UUID id, GrantApplication.Details details) {
        return transaction.execute(status -> {
            requireApplicant(id);
            return applications.saveDraft(id, details);
        });
    }

    public boolean isMember(OporaUser user, UUID applicationId) {
        return user.organisationId() != null && user.organisationId().equals(applications.get(applicationId).organisationId());
    }

    /** The open task in which the applicant fills the application in, if it is waiting for them. */
    public Task submissionTask(UUID id) {
        return system.call(() -> taskService.createTaskQuery().processInstanceBusinessKey(id.toString())
                .taskDefinitionKeyIn(ApplicationService.SUBMISSION_TASKS).singleResult());
    }

    /**
     * Completes "Submit the application" (or "Clarify the application") with what was saved, as Tasklist
     * submits its form, so that both take the same path through the task's listener and its checks.
     */
    public void submit(UUID id, String clarificationAnswer) {
        try {
            // The applicant's check, the application, its open task and the completion in one transaction: they were
            // five commits (four reads, each autocommitted on its own, then the completion) for one submission.
            transaction.executeWithoutResult(status -> {
                OporaUser user = requireApplicant(id);
                GrantApplication application = applications.get(id);
                Task task = submissionTask(id);
                if (task == null) {
                    throw ApiException.conflict("The application is not waiting to be submitted: it is " + application.state());
                }
                Map<String, Object> variables = ApplicationService.formValues(application.details());
                if (clarificationAnswer != null) {
                    variables.put("clarificationAnswer", clarificationAnswer);
                }
                if (task.getAssignee() != null && !task.getAssignee().equals(user.id())) {
                    throw ApiException.conflict("A colleague (" + task.getAssignee() + ") is working on this application's task");
                }
                // Opora's rule of who may take up the task (its candidates as they are now: ADR 35), then the engine's
                // checked claim makes the applicant the assignee, and the form is submitted as them without checking again.
                candidates.requireMayTakeUp(task, user);
                taskService.claim(task.getId(), user.id());
                checked.run(() -> formService.submitTaskForm(task.getId(), variables));
            });
        } catch (TaskAlreadyClaimedException | OptimisticLockingException concurrently) {
            throw ApiException.conflict("The application was submitted or taken up by a colleague at the same moment");
        }
    }
}
