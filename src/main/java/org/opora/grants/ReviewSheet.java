package org.opora.grants;

import java.util.ArrayList;
import java.util.List;

/** The plain-text views that user tasks show in Tasklist (the API returns the same data as JSON). */
final class ReviewSheet {

    private ReviewSheet() {
    }

    /** The application as an expert reads it. */
    static String describe(GrantApplication application) {
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

    static String describeReportDue(GrantApplication application, Report report) {
        List<String> lines = new ArrayList<>();
        lines.add((report.finalReport() ? "Final report" : "Interim report " + report.number()) + ", due " + report.dueOn() + ".");
        if (report.state() == Report.State.RETURNED) {
            lines.add("Returned by staff: " + report.staffComment());
        }
        lines.add("Give the amount spent so far on each budget line, one per line (\"1: 12000\"):");
        budget(application, lines);
        return String.join("\n", lines);
    }

    static String describeReport(GrantApplication application, Report report, List<String> overspent) {
        List<String> lines = new ArrayList<>();
        lines.add((report.finalReport() ? "Final report" : "Interim report " + report.number()) + " of \""
                + application.details().projectTitle() + "\"");
        lines.add("People reached: " + report.beneficiariesReached() + " (planned " + application.details().beneficiaries() + ")");
        lines.add(String.valueOf(report.narrative()));
        lines.add("Spending:");
        List<GrantApplication.BudgetLine> budget = application.details().budgetLines();
        for (int i = 0; i < budget.size() && i < report.spending().size(); i++) {
            lines.add((i + 1) + ". " + budget.get(i).item() + ": " + report.spending().get(i) + " of " + budget.get(i).amount());
        }
        if (!overspent.isEmpty()) {
            lines.add("Overspent by more than 10%: " + String.join("; ", overspent) + ". Accepting needs your approval.");
        }
        return String.join("\n", lines);
    }

    private static void budget(GrantApplication application, List<String> lines) {
        List<GrantApplication.BudgetLine> budget = application.details().budgetLines();
        for (int i = 0; i < budget.size(); i++) {
            lines.add((i + 1) + ". " + budget.get(i).item() + ": " + budget.get(i).amount());
        }
    }
}
