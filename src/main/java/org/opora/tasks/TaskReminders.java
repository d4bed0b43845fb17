package org.opora.tasks;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.opora.security.OporaUserLoader;
import org.opora.system.OporaTime;
import org.opora.users.NotificationMode;
import org.opora.users.Recipient;
import org.opora.users.UserDirectory;
import org.opora.users.UserSettingsRepository;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Due-soon and overdue reminders for open tasks of every process, and the daily digest for those
 * who chose it. Safe to run on several nodes at once and as often as wanted: each e-mail's
 * idempotency key names its task, person and due date, so it is written once.
 */
@Component
public class TaskReminders {

    private static final int PAGE = 200;
    /** An overdue task is reminded about once; a node that was down this long may miss the reminder. */
    private static final Duration OVERDUE_LOOKBACK = Duration.ofDays(7);

    private final UserTaskService userTasks;
    private final OporaUserLoader users;
    private final OpenTasks openTasks;
    private final TaskRecipients recipients;
    private final TaskMails mails;
    private final UserDirectory directory;
    private final UserSettingsRepository settings;
    private final NotificationProperties properties;
    private final TransactionTemplate transaction;
    private final Clock clock;
    private final OporaTime time;

    TaskReminders(UserTaskService userTasks, OporaUserLoader users, OpenTasks openTasks, TaskRecipients recipients, TaskMails mails,
            UserDirectory directory, UserSettingsRepository settings, NotificationProperties properties, TransactionTemplate transaction,
            Clock clock, OporaTime time) {
        this.userTasks = userTasks;
        this.users = users;
        this.openTasks = openTasks;
        this.recipients = recipients;
        this.mails = mails;
        this.directory = directory;
        this.settings = settings;
        this.properties = properties;
        this.transaction = transaction;
        this.clock = clock;
        this.time = time;
    }

    @Scheduled(fixedDelayString = "${opora.notifications.reminder-interval}")
    public void sendReminders() {
        Instant now = clock.instant();
        remind(TaskMails.Kind.DUE_SOON, now, now.plus(properties.dueSoon()));
        remind(TaskMails.Kind.OVERDUE, now.minus(OVERDUE_LOOKBACK), now);
    }

    @Scheduled(cron = "${opora.notifications.digest-cron}", zone = "${opora.time-zone}")
    public void sendDigests() {
        Instant now = clock.instant();
        String date = time.today().toString();
        for (String userId : settings.usersWithMode(NotificationMode.DIGEST)) {
            directory.recipient(userId).ifPresent(person -> {
                List<TaskMails.DigestLine> lines = digestLines(person, now);
                if (!lines.isEmpty()) {
                    onceAcrossNodes(() -> mails.sendDigest(person, date, lines));
                }
            });
        }
    }

    /**
     * The tasks due strictly between {@code from} and {@code to}, a page at a time (ADR 26): each page is
     * one statement over the open-task view (with the engine's task and the case's title), its
     * recipients a few more for the whole page, and its e-mails one transaction. The cost follows the
     * tasks due, in pages, never one query per task.
     */
    private void remind(TaskMails.Kind kind, Instant from, Instant to) {
        OpenTasks.Cursor after = null;
        while (true) {
            List<OpenTasks.DueTask> page = openTasks.due(from, to, after, PAGE);
            if (page.isEmpty()) {
                return;
            }
            Map<String, List<Recipient>> recipientsByTask = recipients.ofTasks(page);
            List<Runnable> writes = new ArrayList<>();
            for (OpenTasks.DueTask task : page) {
                List<Recipient> people = recipientsByTask.getOrDefault(task.taskId(), List.of()).stream()
                        .filter(person -> person.settings().notificationMode() == NotificationMode.IMMEDIATE).toList();
                if (!people.isEmpty()) {
                    TaskMails.TaskFacts facts = new TaskMails.TaskFacts(task.taskId(), task.taskKey(), task.name(), task.caseTitle(),
                            task.due());
                    writes.add(() -> people.forEach(person -> mails.send(kind, facts, person)));
                }
            }
            if (!writes.isEmpty()) {
                try {
                    transaction.executeWithoutResult(status -> writes.forEach(Runnable::run));
                } catch (DuplicateKeyException anotherNodeWroteSomeOfThem) {
                    // Another node is writing the same reminders: task by task, each written at most once.
                    writes.forEach(this::onceAcrossNodes);
                }
            }
            if (page.size() < PAGE) {
                return;
            }
            after = page.get(page.size() - 1).position();
        }
    }

    /**
     * Writes one task's e-mails in their own transaction. Another node writing the same e-mails at
     * the same moment makes this one lose on the unique idempotency key: they exist, so go on.
     */
    private void onceAcrossNodes(Runnable writeMails) {
        try {
            transaction.executeWithoutResult(status -> writeMails.run());
        } catch (DuplicateKeyException writtenByAnotherNode) {
            // nothing to do: the e-mail is in the outbox once
        }
    }

    private List<TaskMails.DigestLine> digestLines(Recipient person, Instant now) {
        // The person's task list as they would see it signed in: their centres', their organisation's, their own.
        List<OpenTasks.Listed> open = userTasks.openTasksOf(users.load(person.userId()), PAGE);
        List<TaskMails.DigestLine> lines = new ArrayList<>();
        for (OpenTasks.Listed task : open) {
            Instant due = task.due() == null ? null : task.due().toInstant();
            String status;
            if (due != null && due.isBefore(now)) {
                status = "overdue";
            } else if (due != null && due.isBefore(now.plus(properties.dueSoon()))) {
                status = "due-soon";
            } else if (task.created().toInstant().isAfter(now.minus(Duration.ofDays(1)))) {
                status = "new";
            } else {
                status = "open";
            }
            lines.add(new TaskMails.DigestLine(mails.name(task.taskKey(), task.name(), person),
                    task.caseTitle() == null ? "" : task.caseTitle(), mails.format(due, person.settings().locale()), status,
                    mails.taskUrl(task.taskId())));
        }
        return lines;
    }
}
