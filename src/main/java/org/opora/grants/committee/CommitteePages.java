package org.opora.grants.committee;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;

import org.opora.cases.CaseAccess;
import org.opora.grants.GrantSteps;
import org.opora.grants.competition.Competition;
import org.opora.grants.competition.CompetitionService;
import org.opora.system.ApiException;
import org.opora.system.PortalPage;
import org.opora.system.ProblemTexts;
import org.opora.system.ProblemType;
import org.opora.tasks.UserTaskService;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.util.MultiValueMap;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

import jakarta.servlet.http.HttpServletResponse;

/**
 * The committee's table in the portal: the ranked applications with a decision for each, completing
 * "Decide the grants" through the task service, as Tasklist's form does.
 */
@Controller
@PortalPage
@RequestMapping("/grants")
class CommitteePages {

    private final CommitteeService committee;
    private final CompetitionService competitions;
    private final CaseAccess access;
    private final UserTaskService tasks;
    private final ProblemTexts problemTexts;
    private final org.camunda.bpm.engine.TaskService taskService;
    private final org.opora.system.SystemAccess system;

    CommitteePages(CommitteeService committee, CompetitionService competitions, CaseAccess access, UserTaskService tasks,
            ProblemTexts problemTexts, org.camunda.bpm.engine.TaskService taskService, org.opora.system.SystemAccess system) {
        this.committee = committee;
        this.competitions = competitions;
        this.access = access;
        this.tasks = tasks;
        this.problemTexts = problemTexts;
        this.taskService = taskService;
        this.system = system;
    }

    /** One ranked application's row of the committee's table, with what was chosen for it. */
    record CommitteeRow(CommitteeService.Ranked ranked, String choice, String amount) {
    }

    /**
     * Staff on the committee: the ranked applications as a table with approve / reduce to an amount /
     * reject / waitlist for each. The choices become the rows of "Decide the grants"' form
     * ({@code rank}, {@code decision}, {@code amount}), and the task is completed through the task service,
     * so the same listener checks them against the pool and the applications' states as in Tasklist.
     */
    @GetMapping("/competitions/{id}/committee")
    String committeeTable(@PathVariable UUID id, Model model) {
        GrantSteps.requireStaff();
        return committeePage(id, Map.of(), Map.of(), null, model);
    }

    @PostMapping("/competitions/{id}/committee")
    String decide(@PathVariable UUID id, @RequestParam MultiValueMap<String, String> params, Model model,
            RedirectAttributes redirect, HttpServletResponse response) {
        GrantSteps.requireStaff();
        org.camunda.bpm.engine.task.Task task = decisionTask(id);
        if (task == null) {
            throw ApiException.conflict("The committee has no decision to take on this competition now");
        }
        Map<Integer, String> choices = new LinkedHashMap<>();
        Map<Integer, String> amounts = new LinkedHashMap<>();
        List<Map<String, Object>> rows = new ArrayList<>();
        for (CommitteeService.Ranked ranked : committee.ranking(id)) {
            String choice = blankToNull(params.getFirst("choice-" + ranked.rank()));
            String amount = blankToNull(params.getFirst("amount-" + ranked.rank()));
            choices.put(ranked.rank(), choice);
            amounts.put(ranked.rank(), amount);
            if (choice == null) {
                continue;
            }
            Map<String, Object> row = new LinkedHashMap<>();
            row.put("rank", ranked.rank());
            row.put("decision", "reduce".equals(choice) ? "APPROVE" : choice.toUpperCase(java.util.Locale.ROOT));
            if ("reduce".equals(choice)) {
                row.put("amount", amount == null ? null : number(amount));
            }
            rows.add(row);
        }
        try {
            tasks.complete(task.getId(), Map.of("decisions", rows));
        } catch (RuntimeException ex) {
            ApiException refused = refusal(ex);
            if (refused == null || (refused.type() != ProblemType.VALIDATION && refused.type() != ProblemType.CONFLICT)) {
                throw ex;
            }
            String said = refused.fields().isEmpty() ? refused.getMessage()
                    : refused.fields().stream().map(problem -> problemTexts.onPage(problem.message()))
                            .collect(Collectors.joining("; "));
            response.setStatus(refused.type() == ProblemType.CONFLICT ? HttpStatus.CONFLICT.value() : HttpStatus.BAD_REQUEST.value());
            return committeePage(id, choices, amounts, said, model);
        }
        redirect.addFlashAttribute("decided", true);
        return "redirect:/grants/competitions/" + id;
    }

    private String committeePage(UUID id, Map<Integer, String> choices, Map<Integer, String> amounts, String refusal,
            Model model) {
        Competition competition = competitions.visible(id, access.currentScope(), null);
        model.addAttribute("competition", competition);
        model.addAttribute("rows", committee.ranking(id).stream()
                .map(ranked -> new CommitteeRow(ranked, choices.get(ranked.rank()), amounts.get(ranked.rank()))).toList());
        model.addAttribute("committed", committee.committed(id));
        model.addAttribute("open", decisionTask(id) != null);
        model.addAttribute("refusal", refusal);
        return "grants/committee";
    }

    private org.camunda.bpm.engine.task.Task decisionTask(UUID competitionId) {
        return system.call(() -> taskService.createTaskQuery().processInstanceBusinessKey(competitionId.toString())
                .taskDefinitionKey("DecideGrants").singleResult());
    }

    private static ApiException refusal(Throwable ex) {
        for (Throwable cause = ex; cause != null; cause = cause.getCause()) {
            if (cause instanceof ApiException refused) {
                return refused;
            }
        }
        return null;
    }

    /** An amount as typed ("250 000,50"), or the text itself for the form's rules to refuse. */
    private static Object number(String typed) {
        try {
            return new java.math.BigDecimal(typed.replace(" ", "").replace("\u00a0", "").replace(',', '.'));
        } catch (NumberFormatException notANumber) {
            return typed;
        }
    }

    private static String blankToNull(String text) {
        return text == null || text.isBlank() ? null : text.strip();
    }
}
