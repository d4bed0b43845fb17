package org.opora.grants.application;

import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import org.opora.mail.MailMessage;
import org.opora.mail.MailOutbox;
import org.opora.organisations.Organisation;
import org.opora.users.Recipient;
import org.opora.users.UserDirectory;
import org.springframework.context.MessageSource;
import org.springframework.stereotype.Component;

/**
 * The e-mails of a grant application, written to the outbox in the step's transaction. Applicants are the
 * members of the applying organisation, each in their own language. Each stage writes its own
 * mails through {@link #toApplicant} and {@link #toUser}; experts are never named to applicants.
 */
@Component
public class GrantMails {

    private static final DateTimeFormatter DATE = DateTimeFormatter.ofPattern("dd.MM.yyyy");

    private final MailOutbox outbox;
    private final UserDirectory directory;
    private final MessageSource messages;

    GrantMails(MailOutbox outbox, UserDirectory directory, MessageSource messages) {
        this.outbox = outbox;
        this.directory = directory;
        this.messages = messages;
    }

    void clarificationRequested(GrantApplication application) {
        toApplicant(application, "grant-clarification", "clarification:" + application.clarificationDue(),
                locale -> List.of(), application.clarificationRequest(), application.clarificationDue());
    }

    void inadmissible(GrantApplication application, String comment) {
        boolean silent = comment == null;
        toApplicant(application, "grant-inadmissible", "inadmissible", locale -> {
            List<String> lines = new ArrayList<>();
            if (silent) {
                lines.add(messages.getMessage("grant.inadmissible.no-clarification",
                        new Object[] {format(application.clarificationDue())}, locale));
            }
            application.admissionReasons().forEach(reason -> lines.add(reasonText(reason, locale)));
            return lines;
        }, silent ? application.clarificationRequest() : comment, null);
    }

    private String reasonText(String reason, Locale locale) {
        return AdmissionReasons.finding(reason, messages, locale).text();
    }

    /** The lines of a mail in its reader's language. */
    public interface Lines {
        List<String> in(Locale locale);
    }

    /** A mail to each member of the applying organisation, each in their own language. */
    public void toApplicant(GrantApplication application, String template, String event, Lines lines, String note,
            LocalDate due) {
        List<Recipient> members = directory.recipients(List.of(), List.of(Organisation.groupIdFor(application.organisationId())));
        for (Recipient member : members) {
            send(member, template, template + ":" + application.id() + ":" + event + ":" + member.userId(), application,
                    lines.in(member.settings().locale()), note, due);
        }
    }

    /** A mail to one user (an expert, say), about an application. */
    public void toUser(String userId, String template, String key, GrantApplication application, LocalDate due) {
        directory.recipient(userId).ifPresent(user -> send(user, template, key, application, List.of(), null, due));
    }

    private void send(Recipient recipient, String template, String key, GrantApplication application, List<String> lines,
            String note, LocalDate due) {
        String title = application.details().projectTitle() == null ? "" : application.details().projectTitle();
        Map<String, Object> model = new HashMap<>();
        model.put("recipientName", recipient.name());
        model.put("applicationTitle", title);
        model.put("lines", lines);
        model.put("note", note == null ? "" : note);
        model.put("due", format(due));
        outbox.enqueue(new MailMessage(key, recipient.email(), recipient.settings().locale(), template, new Object[] {title},
                model));
    }

    private static String format(LocalDate date) {
        return date == null ? "" : DATE.format(date);
    }
}
