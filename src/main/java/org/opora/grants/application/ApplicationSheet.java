package org.opora.grants.application;

import java.util.ArrayList;
import java.util.List;

/** The application as plain text, as user tasks show it in Tasklist (the API returns the same data as JSON). */
public final class ApplicationSheet {

    private ApplicationSheet() {
    }

    /** The application as an expert reads it. */
    public static String describe(GrantApplication application) {
        GrantApplication.Details d = application.details();
        List<String> lines = new ArrayList<>();
        lines.add("Project: " + d.projectTitle());
        lines.add("Region: " + d.region() + (d.topic() == null ? "" : "; topic: " + d.topic()));
        lines.add("Target group: " + d.targetGroup() + "; beneficiaries: " + d.beneficiaries());
        lines.add("Requested: " + d.requestedAmount() + " roubles for " + d.durationMonths() + " months");
        lines.add("");
        lines.add(d.summary());
        lines.add("");
        lines.add("Budget:");
        budget(application, lines);
        if (!d.attachments().isEmpty()) {
            lines.add("Attachments: " + String.join(", ", d.attachments().stream().map(a -> a.kind() + " (" + a.name() + ")")
                    .toList()));
        }
        return String.join("\n", lines);
    }

    /** The budget lines, numbered as the report's spending refers to them. */
    public static void budget(GrantApplication application, List<String> lines) {
        List<GrantApplication.BudgetLine> budget = application.details().budgetLines();
        for (int i = 0; i < budget.size(); i++) {
            lines.add((i + 1) + ". " + budget.get(i).item() + ": " + budget.get(i).amount());
        }
    }
}
