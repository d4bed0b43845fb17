package org.opora.grants.funding;

import java.util.ArrayList;
import java.util.List;

import org.opora.grants.application.ApplicationSheet;
import org.opora.grants.application.GrantApplication;

/** A report as plain text, as the report's user tasks show it in Tasklist. */
final class ReportSheet {

    private ReportSheet() {
    }

    static String describeReportDue(GrantApplication application, Report report) {
        List<String> lines = new ArrayList<>();
        lines.add((report.finalReport() ? "Final report" : "Interim report " + report.number()) + ", due " + report.dueOn() + ".");
        if (report.state() == Report.State.RETURNED) {
            lines.add("Returned by staff: " + report.staffComment());
        }
        lines.add("Give the amount spent so far on each budget line, one per line (\"1: 12000\"):");
        ApplicationSheet.budget(application, lines);
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
}
