package org.opora.grants;

import java.util.Optional;
import java.util.UUID;

import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.DelegateTask;
import org.camunda.bpm.engine.impl.identity.Authentication;
import org.opora.security.CurrentUser;
import org.opora.security.OporaUser;
import org.opora.system.ApiException;
import org.opora.system.ProblemType;

/**
 * What every stage's delegates and controllers ask the same way: the application a step works on (the
 * process's business key), who completed a task, and whether the caller is the resource centre's staff.
 */
public final class GrantSteps {

    private GrantSteps() {
    }

    public static UUID applicationId(DelegateExecution execution) {
        return UUID.fromString(execution.getProcessBusinessKey());
    }

    public static UUID applicationId(DelegateTask task) {
        return UUID.fromString(task.getExecution().getProcessBusinessKey());
    }

    /** Who completed the task: the signed-in user, else its assignee. */
    public static String actor(DelegateTask task) {
        Authentication authentication = task.getProcessEngineServices().getIdentityService().getCurrentAuthentication();
        return Optional.ofNullable(authentication).map(Authentication::getUserId).orElse(task.getAssignee());
    }

    /** The signed-in staff member; anyone else is refused. */
    public static OporaUser requireStaff() {
        OporaUser user = CurrentUser.get();
        if (!user.isStaffOrAdmin()) {
            throw new ApiException(ProblemType.FORBIDDEN, "This is for the resource centre's staff");
        }
        return user;
    }
}
