package org.opora.grants.application;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;

import org.opora.organisations.RegistryNumbers;
import org.opora.system.ApiException.FieldProblem;

/**
 * The rules of an application's fields, each checked here and nowhere else: the API's draft
 * ({@code PUT /api/grants/applications/{id}}), the portal's draft page and the completion of "Submit the
 * application" (from Tasklist, the task API or the API's submit) all reach {@link ApplicationService},
 * which asks this class. The request records and the task form check only what a value is (a number, a
 * date, text); what a valid value is, this class says, naming the field as the API names it
 * ({@code budgetLines[0].amount}), so the API and the page put the same sentence beside the same field.
 */
final class ApplicationFields {

    /** The largest amount Opora stores (NUMERIC(15, 2)). */
    static final BigDecimal MAX_AMOUNT = new BigDecimal("9999999999999.99");
    static final int MAX_BUDGET_LINES = 100;
    static final int MAX_ATTACHMENTS = 50;

    private ApplicationFields() {
    }

    static List<FieldProblem> check(GrantApplication.Details d, LocalDate today) {
        List<FieldProblem> problems = new ArrayList<>();
        if (d.inn() != null && !RegistryNumbers.isValidInn(d.inn())) {
            problems.add(new FieldProblem("inn", "is not a valid INN (check digits)"));
        }
        if (d.ogrn() != null && !RegistryNumbers.isValidOgrn(d.ogrn())) {
            problems.add(new FieldProblem("ogrn", "is not a valid OGRN (check digit)"));
        }
        if (d.registeredOn() != null && d.registeredOn().isAfter(today)) {
            problems.add(new FieldProblem("registeredOn", "is in the future"));
        }
        length(d.projectTitle(), "projectTitle", 300, problems);
        length(d.summary(), "summary", 4000, problems);
        length(d.region(), "region", 200, problems);
        length(d.topic(), "topic", 200, problems);
        length(d.targetGroup(), "targetGroup", 300, problems);
        if (d.beneficiaries() != null && d.beneficiaries() < 1) {
            problems.add(new FieldProblem("beneficiaries", "must be at least 1"));
        }
        amount(d.requestedAmount(), "requestedAmount", problems);
        if (d.durationMonths() != null && (d.durationMonths() < 1 || d.durationMonths() > 120)) {
            problems.add(new FieldProblem("durationMonths", "must be between 1 and 120"));
        }
        List<GrantApplication.BudgetLine> lines = d.budgetLines() == null ? List.of() : d.budgetLines();
        if (lines.size() > MAX_BUDGET_LINES) {
            problems.add(new FieldProblem("budgetLines", "must have at most " + MAX_BUDGET_LINES + " lines"));
        }
        for (int i = 0; i < lines.size(); i++) {
            oneLine(lines.get(i).item(), "budgetLines[" + i + "].item", 300, problems);
            if (lines.get(i).amount() == null) {
                problems.add(new FieldProblem("budgetLines[" + i + "].amount", "is required"));
            } else {
                amount(lines.get(i).amount(), "budgetLines[" + i + "].amount", problems);
            }
        }
        List<GrantApplication.Attachment> attachments = d.attachments() == null ? List.of() : d.attachments();
        if (attachments.size() > MAX_ATTACHMENTS) {
            problems.add(new FieldProblem("attachments", "must have at most " + MAX_ATTACHMENTS + " lines"));
        }
        for (int i = 0; i < attachments.size(); i++) {
            oneLine(attachments.get(i).kind(), "attachments[" + i + "].kind", 100, problems);
            oneLine(attachments.get(i).name(), "attachments[" + i + "].name", 300, problems);
        }
        return problems;
    }

    private static void amount(BigDecimal amount, String field, List<FieldProblem> problems) {
        if (amount != null && (amount.signum() <= 0 || amount.compareTo(MAX_AMOUNT) > 0 || amount.stripTrailingZeros().scale() > 2)) {
            problems.add(new FieldProblem(field, "must be more than 0, in roubles and kopecks, at most " + MAX_AMOUNT));
        }
    }

    private static void length(String text, String field, int max, List<FieldProblem> problems) {
        if (text != null && text.length() > max) {
            problems.add(new FieldProblem(field, "must be at most " + max + " characters"));
        }
    }

    private static void oneLine(String text, String field, int max, List<FieldProblem> problems) {
        if (text == null || text.isBlank()) {
            problems.add(new FieldProblem(field, "is required"));
        } else if (text.length() > max || text.contains("\n") || text.contains("\r")) {
            problems.add(new FieldProblem(field, "must be one line of at most " + max + " characters"));
        }
    }
}
