package org.opora.tasks;

import java.util.List;

import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.delegate.DelegateTask;
import org.camunda.bpm.engine.delegate.TaskListener;
import org.camunda.bpm.engine.impl.identity.Authentication;
import org.opora.users.NotificationMode;
import org.opora.users.Recipient;
import org.opora.users.UserDirectory;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/**
 * Tells people about new work in every process, as the engine creates or assigns a user task.
 * It runs inside the engine's transaction, so the e-mail exists exactly when the task does.
 */
@Component
class TaskNotifications {

    private final TaskRecipients recipients;
    private final UserDirectory directory;
    private final TaskMails mails;
    private final IdentityService identityService;

    TaskNotifications(TaskRecipients recipients, UserDirectory directory, TaskMails mails, IdentityService identityService) {
        this.recipients = recipients;
        this.directory = directory;
        this.mails = mails;
        this.identityService = identityService;
    }

    @EventListener
    public void onTaskEvent(DelegateTask task) {
        // The engine publishes some task events without a name (say, for a task that is already gone).
        String event = task.getEventName() == null ? "" : task.getEventName();
        switch (event) {
            case TaskListener.EVENTNAME_CREATE -> {
                if (task.getAssignee() != null) {
                    notifyAll(task, TaskMails.Kind.ASSIGNED, assignee(task));
                } else {
                    notifyAll(task, TaskMails.Kind.NEW, recipients.candidates(task.getCandidates(), task.getTenantId()));
                }
            }
            // A task created with an assignee fires this too; the idempotency key makes it one e-mail.
            case TaskListener.EVENTNAME_ASSIGNMENT -> {
                // Nobody needs an e-mail about a task they just took themselves.
                if (task.getAssignee() != null && !task.getAssignee().equals(currentUserId())) {
                    notifyAll(task, TaskMails.Kind.ASSIGNED, assignee(task));
                }
            }
            default -> {
            }
        }
    }

    private List<Recipient> assignee(DelegateTask task) {
        return directory.recipient(task.getAssignee()).map(List::of).orElse(List.of());
    }

    private void notifyAll(DelegateTask task, TaskMails.Kind kind, List<Recipient> people) {
        String businessKey = task.getExecution() == null ? null : task.getExecution().getProcessBusinessKey();
        TaskMails.TaskFacts facts = new TaskMails.TaskFacts(task.getId(), task.getTaskDefinitionKey(), task.getName(),
                mails.caseTitleByBusinessKey(businessKey), task.getDueDate());
        people.stream()
                .filter(person -> person.settings().notificationMode() == NotificationMode.IMMEDIATE)
                .forEach(person -> mails.send(kind, facts, person));
    }

    private String currentUserId() {
        Authentication authentication = identityService.getCurrentAuthentication();
        return authentication == null ? null : authentication.getUserId();
    }
}
