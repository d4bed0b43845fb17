package org.opora.grants.review;

import java.util.List;
import java.util.UUID;
import java.util.stream.Collectors;

import org.opora.grants.application.ApplicationService;
import org.opora.grants.application.GrantApplication;
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
 * Staff confirm an application's expert panel: the proposed experts and the others of the pool free to
 * review it, each with sector, regions, open reviews and ties, chosen with checkboxes. The choice
 * completes "Confirm the expert panel" through {@link PanelConfirmation}, as the API does, so the
 * task's listener checks it and its refusal comes back beside the list with the choice kept.
 */
@Controller
@PortalPage
@RequestMapping("/grants/applications/{id}/panel")
class PanelPages {

    private final PanelConfirmation confirmation;
    private final ApplicationService applications;
    private final ProblemTexts problemTexts;

    PanelPages(PanelConfirmation confirmation, ApplicationService applications, ProblemTexts problemTexts) {
        this.confirmation = confirmation;
        this.applications = applications;
        this.problemTexts = problemTexts;
    }

    @GetMapping
    String show(@PathVariable UUID id, Model model) {
        List<ExpertPanel.Candidate> candidates = confirmation.candidates(id);
        return page(id, candidates, candidates.stream().filter(ExpertPanel.Candidate::proposed)
                .map(candidate -> candidate.expert().userId()).toList(), null, model);
    }

    @PostMapping
    String confirm(@PathVariable UUID id, @RequestParam(name = "expert", required = false) List<String> chosen, Model model,
            RedirectAttributes redirect, HttpServletResponse response) {
        List<ExpertPanel.Candidate> candidates = confirmation.candidates(id);
        List<String> experts = chosen == null ? List.of() : chosen;
        try {
            confirmation.choose(id, experts);
        } catch (RuntimeException ex) {
            ApiException refused = refusal(ex);
            if (refused == null || (refused.type() != ProblemType.VALIDATION && refused.type() != ProblemType.CONFLICT)) {
                throw ex;
            }
            String said = refused.fields().isEmpty() ? problemTexts.onPage(refused.getMessage())
                    : refused.fields().stream().map(problem -> problemTexts.onPage(problem.message()))
                            .collect(Collectors.joining("; "));
            response.setStatus(refused.type() == ProblemType.CONFLICT ? HttpStatus.CONFLICT.value() : HttpStatus.BAD_REQUEST.value());
            return page(id, candidates, experts, said, model);
        }
        redirect.addFlashAttribute("panelConfirmed", true);
        return "redirect:/grants/applications/" + id + "/panel";
    }

    private String page(UUID id, List<ExpertPanel.Candidate> candidates, List<String> chosen, String error, Model model) {
        GrantApplication application = applications.get(id);
        model.addAttribute("grant", application);
        model.addAttribute("candidates", candidates);
        model.addAttribute("chosen", chosen);
        model.addAttribute("waiting", confirmation.waiting(id));
        model.addAttribute("error", error);
        return "grants/panel";
    }

    private static ApiException refusal(Throwable ex) {
        for (Throwable cause = ex; cause != null; cause = cause.getCause()) {
            if (cause instanceof ApiException refused) {
                return refused;
            }
        }
        return null;
    }
}
