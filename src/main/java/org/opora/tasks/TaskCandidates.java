package org.opora.tasks;

import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.interceptor.CommandExecutor;
import org.camunda.bpm.engine.task.IdentityLinkType;
import org.camunda.bpm.engine.task.Task;
import org.opora.security.OporaUser;
import org.opora.system.ApiException;
import org.opora.system.ProblemType;
import org.springframework.stereotype.Component;

/**
 * Who may take up an unassigned task, as Opora decides it before the engine runs a completion, a claim or a
 * grant submission (ADR 35): one of its candidates (the user, or one of their groups), or staff and
 * administrators, who hold the engine's grant on every task. Read from the task's identity links as they
 * are now: the engine's own grants outlive a candidate taken off the task, this rule does not.
 */
@Component
public class TaskCandidates {

    private final CommandExecutor engineCommands;

    TaskCandidates(ProcessEngineConfigurationImpl engineConfiguration) {
        this.engineCommands = engineConfiguration.getCommandExecutorTxRequired();
    }

    /** Refuses (403) an unassigned task to a user who may not take it up; an assigned one is the assignee rule's. */
    public void requireMayTakeUp(Task task, OporaUser user) {
        if (task.getAssignee() == null && !mayTakeUp(task, user)) {
            throw new ApiException(ProblemType.FORBIDDEN, "You are not allowed to do this");
        }
    }

    boolean mayTakeUp(Task task, OporaUser user) {
        if (user.isStaffOrAdmin()) {
            return true;
        }
        return engineCommands.execute(context -> context.getIdentityLinkManager().findIdentityLinksByTaskId(task.getId()).stream()
                .anyMatch(link -> IdentityLinkType.CANDIDATE.equals(link.getType())
                        && (user.id().equals(link.getUserId()) || link.getGroupId() != null && user.groupIds().contains(link.getGroupId()))));
    }
}
