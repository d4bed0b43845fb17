package org.opora.grants.overview;

import java.util.List;
import java.util.UUID;

import org.opora.cases.CaseAccess;
import org.opora.grants.GrantSteps;
import org.opora.grants.application.ApplicationRepository;
import org.opora.grants.application.ApplicationService;
import org.opora.grants.application.GrantApplication;
import org.opora.grants.competition.CompetitionService;
import org.opora.system.PortalPage;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;

/** Staff: the centre's competitions, and each competition's dashboard over all its stages. */
@Controller
@PortalPage
@RequestMapping("/grants")
class CompetitionPages {

    /** The applications in review a page lists, unless asked for fewer; never more than 100 (as the API's pages). */
    static final int IN_REVIEW_PAGE = 50;
    private static final int MAX_PAGE = 100;
    private static final int LAST_PAGE = 100_000;

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
     * ({@code GET /api/grants/competitions/{id}/dashboard}), which the page's script reads and draws. The applications in
     * review are the page's own list, a page of them at a time: their ids and titles only (ADR 33), in order of submission.
     */
    @GetMapping("/competitions/{id}")
    String dashboard(@PathVariable UUID id, @RequestParam(defaultValue = "0") int page,
            @RequestParam(defaultValue = "" + IN_REVIEW_PAGE) int size, Model model) {
        GrantSteps.requireStaff();
        model.addAttribute("competition", competitions.visible(id, access.currentScope(), null));
        model.addAttribute("states", java.util.Arrays.asList(GrantApplication.State.values()));
        // In review: each with its panel's page, where staff confirm a proposed panel or see who is on it. One row more
        // than the page tells whether another page follows (ADR 26); nothing is counted.
        int from = Math.min(Math.max(page, 0), LAST_PAGE);
        int rows = Math.min(Math.max(size, 1), MAX_PAGE);
        List<ApplicationRepository.InReview> found = applications.inReviewPage(id, from * rows, rows + 1);
        model.addAttribute("inReview", found.size() > rows ? found.subList(0, rows) : found);
        model.addAttribute("inReviewPage", from);
        model.addAttribute("inReviewSize", rows);
        model.addAttribute("inReviewMore", found.size() > rows);
        return "grants/dashboard";
    }
}
