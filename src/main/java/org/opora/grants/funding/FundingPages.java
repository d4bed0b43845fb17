package org.opora.grants.funding;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.opora.grants.application.ApplicationSubmission;
import org.opora.grants.application.GrantApplication;
import org.opora.security.CurrentUser;
import org.opora.system.ApiException;
import org.opora.system.PortalPage;
import org.opora.system.ProblemTexts;
import org.opora.system.ProblemType;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

import jakarta.servlet.http.HttpServletResponse;

/**
 * A funded grant in the portal: the agreement, the tranches, the reports with their spending per budget
 * line, and, while a report is due, the report as a form with one row per budget line. The report
 * completes "Submit the report" through {@link ReportSubmission}, as the API does, so the task's listener
 * checks it and its refusal comes back beside the fields with the input kept.
 */
@Controller
@PortalPage
@RequestMapping("/grants/applications/{id}")
class FundingPages {

    /** One budget line of the report form: the line, its planned amount, what was typed and its error. */
    record SpendingRow(String item, BigDecimal planned, String spent, String error) {
    }

    private final FundingService funding;
    private final ApplicationSubmission applications;
    private final ReportSubmission reports;
    private final ProblemTexts problemTexts;

    FundingPages(FundingService funding, ApplicationSubmission applications, ReportSubmission reports,
            ProblemTexts problemTexts) {
        this.funding = funding;
        this.applications = applications;
        this.reports = reports;
        this.problemTexts = problemTexts;
    }

    @GetMapping("/funding")
    String show(@PathVariable UUID id, Model model) {
        GrantApplication application = applications.readable(id);
        List<String> typed = application.details().budgetLines().stream().map(line -> (String) null).toList();
        return page(application, Map.of(), typed, Map.of(), model);
    }

    @PostMapping("/report")
    String submit(@PathVariable UUID id, @RequestParam Map<String, String> params,
            @RequestParam(name = "spent", required = false) List<String> spent, Model model, RedirectAttributes redirect,
            HttpServletResponse response) {
        applications.requireApplicant(id);
        GrantApplication application = applications.readable(id);
        Map<String, String> fields = new LinkedHashMap<>();
        fields.put("narrative", blankToNull(params.get("narrative")));
        fields.put("beneficiariesReached", blankToNull(params.get("beneficiariesReached")));
        List<String> typed = new ArrayList<>();
        for (int i = 0; i < application.details().budgetLines().size(); i++) {
            typed.add(spent == null || i >= spent.size() ? null : blankToNull(spent.get(i)));
        }
        Map<String, String> errors = new LinkedHashMap<>();
        Long reached = null;
        if (fields.get("beneficiariesReached") != null) {
            try {
                reached = Long.valueOf(fields.get("beneficiariesReached").replace(" ", "").replace("\u00a0", ""));
            } catch (NumberFormatException notANumber) {
                errors.put("beneficiariesReached", "must be a whole number");
            }
        }
        List<BigDecimal> amounts = new ArrayList<>();
        for (int i = 0; i < typed.size(); i++) {
            try {
                amounts.add(typed.get(i) == null ? null
                        : new BigDecimal(typed.get(i).replace(" ", "").replace("\u00a0", "").replace(',', '.')));
            } catch (NumberFormatException notANumber) {
                errors.put("spending[" + i + "]", "must be a number");
            }
        }
        if (errors.isEmpty()) {
            try {
                reports.submit(id, fields.get("narrative"), reached, amounts);
                redirect.addFlashAttribute("reportSubmitted", true);
                return "redirect:/grants/applications/" + id + "/funding";
            } catch (RuntimeException ex) {
                ApiException refused = refusal(ex);
                if (refused == null || (refused.type() != ProblemType.VALIDATION && refused.type() != ProblemType.CONFLICT)) {
                    throw ex;
                }
                refused.fields().forEach(problem -> errors.putIfAbsent(problem.field(), problem.message()));
                if (refused.fields().isEmpty()) {
                    errors.put("general", refused.getMessage());
                }
                response.setStatus(refused.type() == ProblemType.CONFLICT ? HttpStatus.CONFLICT.value()
                        : HttpStatus.BAD_REQUEST.value());
            }
        } else {
            response.setStatus(HttpStatus.BAD_REQUEST.value());
        }
        Map<String, String> said = new LinkedHashMap<>();
        errors.forEach((field, message) -> said.put(field, problemTexts.onPage(message)));
        return page(application, fields, typed, said, model);
    }

    private String page(GrantApplication application, Map<String, String> fields, List<String> typed,
            Map<String, String> errors, Model model) {
        UUID id = application.id();
        List<GrantApplication.BudgetLine> budget = application.details().budgetLines();
        List<SpendingRow> rows = new ArrayList<>();
        for (int i = 0; i < budget.size(); i++) {
            rows.add(new SpendingRow(budget.get(i).item(), budget.get(i).amount(), i < typed.size() ? typed.get(i) : null,
                    errors.get("spending[" + i + "]")));
        }
        boolean member = applications.isMember(CurrentUser.get(), id);
        model.addAttribute("grant", application);
        model.addAttribute("tranches", funding.tranches(id));
        model.addAttribute("reports", funding.reports(id));
        model.addAttribute("reportDue", member && reports.task(id) != null);
        model.addAttribute("rows", rows);
        model.addAttribute("fields", fields);
        model.addAttribute("errors", errors);
        return "grants/funding";
    }

    private static ApiException refusal(Throwable ex) {
        for (Throwable cause = ex; cause != null; cause = cause.getCause()) {
            if (cause instanceof ApiException refused) {
                return refused;
            }
        }
        return null;
    }

    private static String blankToNull(String text) {
        return text == null || text.isBlank() ? null : text.strip();
    }
}
