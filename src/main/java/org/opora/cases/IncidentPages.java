package org.opora.cases;

import org.opora.security.CurrentUser;
import org.opora.security.Role;
import org.opora.system.ApiException;
import org.opora.system.PortalPage;
import org.opora.system.ProblemType;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;

/** Administrators' page of failed steps: the same {@link Incidents} as {@code /api/admin/incidents}, with a retry button. */
@Controller
@PortalPage
@RequestMapping("/admin/incidents")
class IncidentPages {

    private static final int MOST = 200;

    private final Incidents incidents;

    IncidentPages(Incidents incidents) {
        this.incidents = incidents;
    }

    @GetMapping
    String list(Model model) {
        admin();
        model.addAttribute("incidents", incidents.list(MOST));
        return "admin/incidents";
    }

    @PostMapping("/{id}/retry")
    String retry(@PathVariable String id) {
        admin();
        incidents.retry(id);
        return "redirect:/admin/incidents?retried";
    }

    static void admin() {
        if (!CurrentUser.get().has(Role.ADMIN)) {
            throw new ApiException(ProblemType.FORBIDDEN, "Administration is for administrators");
        }
    }
}
