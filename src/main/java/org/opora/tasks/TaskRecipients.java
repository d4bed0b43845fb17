package org.opora.tasks;

import java.util.ArrayList;
import java.util.List;

import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.task.IdentityLink;
import org.camunda.bpm.engine.task.IdentityLinkType;
import org.camunda.bpm.engine.task.Task;
import org.opora.system.SystemAccess;
import org.opora.users.Recipient;
import org.opora.users.UserDirectory;
import org.springframework.stereotype.Component;

/** Who is told about a task: its assignee, or, while nobody has it, its candidate users and groups. */
@Component
class TaskRecipients {

    private final TaskService taskService;
    private final UserDirectory directory;
    private final SystemAccess system;

    TaskRecipients(TaskService taskService, UserDirectory directory, SystemAccess system) {
        this.taskService = taskService;
        this.directory = directory;
        this.system = system;
    }

    List<Recipient> of(Task task) {
        if (task.getAssignee() != null) {
            return directory.recipient(task.getAssignee()).map(List::of).orElse(List.of());
        }
        List<IdentityLink> links = system.call(() -> taskService.getIdentityLinksForTask(task.getId()));
        return candidates(links, task.getTenantId());
    }

    /** The candidate users, and the members of the candidate groups who belong to the task's centre (its tenant). */
    List<Recipient> candidates(Iterable<? extends IdentityLink> links, String tenantId) {
        List<String> users = new ArrayList<>();
        List<String> groups = new ArrayList<>();
        for (IdentityLink link : links) {
            if (IdentityLinkType.CANDIDATE.equals(link.getType())) {
                if (link.getUserId() != null) {
                    users.add(link.getUserId());
                }
                if (link.getGroupId() != null) {
                    groups.add(link.getGroupId());
                }
            }
        }
        return directory.recipients(users, groups, tenantId);
    }
}
