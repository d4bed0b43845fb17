package org.opora.grants.funding;

import java.util.ArrayList;
import java.util.List;

import org.opora.grants.application.ApplicationSheet;
import org.opora.grants.application.GrantApplication;
import org.opora.system.SystemConfiguration;
import org.opora.system.Texts;
import org.springframework.context.MessageSource;

/** A report as plain text, as the report's user tasks show it in Tasklist, in the installation's language (Russian). */
final class ReportSheet {

    private ReportSheet() {
    }

    static String describeReportDue(GrantApplication application, Report report, MessageSource messages) {
        List<String> lines = new ArrayList<>();
        lines.add(text(messages, "grant.sheet.report.due", name(report, messages), Texts.date(report.dueOn(), SystemConfiguration.RUSSIAN)));
        if (report.state() == Report.State.RETURNED) {
            lines.add(text(messages, "grant.sheet.report.returned", report.staffComment()));
        }
        lines.add(text(messages, "grant.sheet.report.spending-prompt"));
        ApplicationSheet.budget(application, lines);
        return String.join("\n", lines);
    }

    static String describeReport(GrantApplication application, Report report, List<String> overspent, MessageSource messages) {
        List<String> lines = new ArrayList<>();
        lines.add(text(messages, "grant.sheet.report.of", name(report, messages), application.details().projectTitle()));
        lines.add(text(messages, "grant.sheet.report.reached", String.valueOf(report.beneficiariesReached()),
                String.valueOf(application.details().beneficiaries())));
        lines.add(String.valueOf(report.narrative()));
        lines.add(text(messages, "grant.sheet.report.spending"));
        List<GrantApplication.BudgetLine> budget = application.details().budgetLines();
        for (int i = 0; i < budget.size() && i < report.spending().size(); i++) {
            lines.add((i + 1) + ". " + budget.get(i).item() + ": " + report.spending().get(i).toPlainString() + " / "
                    + budget.get(i).amount().toPlainString());
        }
        if (!overspent.isEmpty()) {
            lines.add(text(messages, "grant.sheet.report.overspent", String.join("; ", overspent)));
        }
        return String.join("\n", lines);
    }

    private static String name(Report report, MessageSource messages) {
        return report.finalReport() ? text(messages, "grant.sheet.report.final")
                : text(messages, "grant.sheet.report.interim", String.valueOf(report.number()));
    }

    private static String text(MessageSource messages, String key, Object... args) {
        return ApplicationSheet.text(messages, key, args);
    }
}
