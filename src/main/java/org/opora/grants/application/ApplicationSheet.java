package org.opora.grants.application;

import java.util.ArrayList;
import java.util.List;

import org.opora.system.SystemConfiguration;
import org.springframework.context.MessageSource;

/**
 * The application as plain text, as user tasks show it in Tasklist (the API returns the same data as
 * JSON). Tasklist shows one text to every reader, so it is written in the installation's language,
 * Russian, from the bundles; the application's own words stay as entered.
 */
public final class ApplicationSheet {

    private ApplicationSheet() {
    }

    /** The application as an expert reads it. */
    public static String describe(GrantApplication application, MessageSource messages) {
        GrantApplication.Details d = application.details();
        List<String> lines = new ArrayList<>();
        lines.add(text(messages, "grant.sheet.project", d.projectTitle()));
        lines.add(text(messages, "grant.sheet.region", d.region())
                + (d.topic() == null ? "" : text(messages, "grant.sheet.topic", d.topic())));
        lines.add(text(messages, "grant.sheet.target", d.targetGroup(), String.valueOf(d.beneficiaries())));
        lines.add(text(messages, "grant.sheet.requested", d.requestedAmount().toPlainString(), String.valueOf(d.durationMonths())));
        lines.add("");
        lines.add(d.summary());
        lines.add("");
        lines.add(text(messages, "grant.sheet.budget"));
        budget(application, lines);
        if (!d.attachments().isEmpty()) {
            lines.add(text(messages, "grant.sheet.attachments", String.join(", ", d.attachments().stream()
                    .map(a -> a.kind() + " (" + a.name() + ")").toList())));
        }
        return String.join("\n", lines);
    }

    /** A sentence of a Tasklist sheet, in the installation's language; arguments are text, written as they are. */
    public static String text(MessageSource messages, String key, Object... args) {
        return messages.getMessage(key, args, SystemConfiguration.RUSSIAN);
    }

    /** The budget lines, numbered as the report's spending refers to them. */
    public static void budget(GrantApplication application, List<String> lines) {
        List<GrantApplication.BudgetLine> budget = application.details().budgetLines();
        for (int i = 0; i < budget.size(); i++) {
            lines.add((i + 1) + ". " + budget.get(i).item() + ": " + budget.get(i).amount());
        }
    }
}
