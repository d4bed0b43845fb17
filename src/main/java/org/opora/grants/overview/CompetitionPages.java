package org.opora.grants.overview;

import java.util.UUID;

import org.opora.cases.CaseAccess;
import org.opora.grants.GrantSteps;
import org.opora.grants.application.ApplicationService;
import org.opora.grants.application.GrantApplication;
import org.opora.grants.competition.CompetitionService;
import org.opora.system.PortalPage;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;

/** Staff: the centre's competitions, and each competition's dashboard over all its stages. */
@Controller
@PortalPage
@RequestMapping("/grants")
class CompetitionPages {

    private final CompetitionService competitions;
    private final ApplicationService applications;
    private final CaseAccess access;

    CompetitionPages(CompetitionService competitions, ApplicationService applications, CaseAccess access) {
        this.competitions = competitions;
        this.applications = applications;
        this.access = access;
    }

    /** Staff: the centre's competitions, each with its dashboard. */
    @GetMapping("/competitions")
    String competitions(Model model) {
        GrantSteps.requireStaff();
        model.addAttribute("competitions", competitions.list(access.currentScope(), null));
        return "grants/competitions";
    }

    /**
     * Staff: a competition's dashboard. The figures are the API's own dashboard
     * ({@code GET /api/grants/competitions/{id}/dashboard}), which the page's script reads and draws.
     */
    @GetMapping("/competitions/{id}")
    String dashboard(@PathVariable UUID id, Model model) {
        GrantSteps.requireStaff();
        model.addAttribute("competition", competitions.visible(id, access.currentScope(), null));
        model.addAttribute("states", java.util.Arrays.asList(GrantApplication.State.values()));
        // In review: each with its panel's page, where staff confirm a proposed panel or see who is on it.
        model.addAttribute("inReview", applications.ofCompetition(id).stream()
                .filter(application -> application.state() == GrantApplication.State.IN_REVIEW).toList());
        return "grants/dashboard";
    }
}
