package org.opora.tasks;

import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.Date;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;

import org.opora.cases.CaseRecord;
import org.opora.cases.CaseRepository;
import org.opora.mail.MailMessage;
import org.opora.mail.MailOutbox;
import org.opora.system.TaskNames;
import org.opora.users.Recipient;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/** Writes the task e-mails to the outbox: one per event and person, whatever happens twice. */
@Component
class TaskMails {

    enum Kind {
        /** A new task that the recipient may claim, through their group or as a candidate. */
        NEW("task-new"),
        /** A task that is now the recipient's own. */
        ASSIGNED("task-assigned"),
        DUE_SOON("task-due-soon"),
        OVERDUE("task-overdue");

        final String template;

        Kind(String template) {
            this.template = template;
        }
    }

    /** What an e-mail says about a task, whether it comes from a task listener or a query. */
    record TaskFacts(String id, String key, String name, String caseTitle, Date due) {
    }

    private final MailOutbox outbox;
    private final CaseRepository cases;
    private final String baseUrl;
    private final DateTimeFormatter dateFormat;
    private final DateTimeFormatter zoneFormat;
    private final ZoneId zone;
    private final TaskNames names;

    TaskMails(MailOutbox outbox, CaseRepository cases, @Value("${opora.base-url}") String baseUrl,
            @Value("${opora.time-zone}") ZoneId zone, TaskNames names) {
        this.names = names;
        this.outbox = outbox;
        this.cases = cases;
        this.baseUrl = baseUrl;
        this.zone = zone;
        this.dateFormat = DateTimeFormatter.ofPattern("dd.MM.yyyy HH:mm").withZone(zone);
        this.zoneFormat = DateTimeFormatter.ofPattern("z", Locale.ENGLISH).withZone(zone);
    }

    void send(Kind kind, TaskFacts task, Recipient recipient) {
        // A changed due date is a new event, so it gets its own reminder.
        String dueKey = task.due() == null ? "none" : String.valueOf(task.due().getTime());
        String key = switch (kind) {
            case NEW, ASSIGNED -> kind.template + ":" + task.id() + ":" + recipient.userId();
            case DUE_SOON, OVERDUE -> kind.template + ":" + task.id() + ":" + recipient.userId() + ":" + dueKey;
        };
        String name = name(task.key(), task.name(), recipient);
        outbox.enqueue(new MailMessage(key, recipient.email(), recipient.settings().locale(), kind.template,
                new Object[] {name},
                Map.of("recipientName", recipient.name(),
                        "taskName", name == null ? "" : name,
                        "caseTitle", task.caseTitle() == null ? "" : task.caseTitle(),
                        "due", format(task.due() == null ? null : task.due().toInstant(), recipient.settings().locale()),
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

    /** The task's name in the recipient's language. */
    String name(String taskDefinitionKey, String bpmnName, Recipient recipient) {
        return names.of(taskDefinitionKey, bpmnName, recipient.settings().locale());
    }

    /** In the reader's way: Moscow time is "МСК" to a Russian reader, "MSK" to an English one. */
    String format(Instant instant, Locale locale) {
        if (instant == null) {
            return "";
        }
        String zoneName = "ru".equals(locale.getLanguage()) && "Europe/Moscow".equals(zone.getId()) ? "МСК"
                : zoneFormat.format(instant);
        return dateFormat.format(instant) + " (" + zoneName + ")";
    }

    String taskUrl(String taskId) {
        return baseUrl + "/camunda/app/tasklist/default/#/?task=" + taskId;
    }

    /** For tasks in a listener: the case may be opening in this very transaction, so it is found by its id. */
    String caseTitleByBusinessKey(String businessKey) {
        if (businessKey == null) {
            return "";
        }
        try {
            return cases.find(UUID.fromString(businessKey)).map(CaseRecord::title).orElse("");
        } catch (IllegalArgumentException notACase) {
            return "";
        }
    }
}
