package org.opora.tasks;

import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.Date;
import java.util.List;
import java.util.Map;

import org.opora.cases.CaseRecord;
import org.opora.cases.CaseRepository;
import org.opora.mail.MailMessage;
import org.opora.mail.MailOutbox;
import org.opora.users.Recipient;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/** Writes the task e-mails to the outbox: one per event and person, whatever happens twice. */
@Component
class TaskMails {

    enum Kind {
        NEW("task-new"), DUE_SOON("task-due-soon"), OVERDUE("task-overdue");

        final String template;

        Kind(String template) {
            this.template = template;
        }
    }

    /** The same information whether it comes from a live task or its listener. */
    record TaskFacts(String id, String name, String processInstanceId, Date due) {
    }

    private final MailOutbox outbox;
    private final CaseRepository cases;
    private final String baseUrl;
    private final DateTimeFormatter dateFormat;

    TaskMails(MailOutbox outbox, CaseRepository cases, @Value("${opora.base-url}") String baseUrl,
            @Value("${opora.time-zone}") ZoneId zone) {
        this.outbox = outbox;
        this.cases = cases;
        this.baseUrl = baseUrl;
        this.dateFormat = DateTimeFormatter.ofPattern("dd.MM.yyyy HH:mm (z)").withZone(zone);
    }

    void send(Kind kind, TaskFacts task, Recipient recipient) {
        // A changed due date is a new event, so it gets its own reminder.
        String dueKey = task.due() == null ? "none" : String.valueOf(task.due().getTime());
        String key = switch (kind) {
            case NEW -> "task-new:" + task.id() + ":" + recipient.userId();
            case DUE_SOON, OVERDUE -> kind.template + ":" + task.id() + ":" + recipient.userId() + ":" + dueKey;
        };
        outbox.enqueue(new MailMessage(key, recipient.email(), recipient.settings().locale(), kind.template,
                new Object[] {task.name()},
                Map.of("recipientName", recipient.name(),
                        "taskName", task.name() == null ? "" : task.name(),
                        "caseTitle", caseTitle(task.processInstanceId()),
                        "due", format(task.due() == null ? null : task.due().toInstant()),
                        "taskUrl", taskUrl(task.id()))));
    }

    void sendDigest(Recipient recipient, String date, List<DigestLine> lines) {
        outbox.enqueue(new MailMessage("task-digest:" + recipient.userId() + ":" + date, recipient.email(),
                recipient.settings().locale(), "task-digest", new Object[] {lines.size()},
                Map.of("recipientName", recipient.name(), "lines", lines, "tasklistUrl", baseUrl + "/camunda/app/tasklist/")));
    }

    /** One task in a digest; {@code status} is new, due-soon, overdue or open. */
    record DigestLine(String taskName, String caseTitle, String due, String status, String taskUrl) {
    }

    String format(Instant instant) {
        return instant == null ? "" : dateFormat.format(instant);
    }

    String taskUrl(String taskId) {
        return baseUrl + "/camunda/app/tasklist/default/#/?task=" + taskId;
    }

    String caseTitle(String processInstanceId) {
        return processInstanceId == null ? "" : cases.findByProcessInstance(processInstanceId).map(CaseRecord::title).orElse("");
    }
}
