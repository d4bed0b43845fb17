package org.opora.portal;

import java.util.List;
import java.util.UUID;

import org.opora.organisations.OrganisationRepository;
import org.opora.organisations.ResourceCentre;
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
import org.springframework.web.bind.annotation.RequestParam;

/**
 * Administrators' page of the resource centres and their two settings: whether staff review each
 * letter before it is sent, and what the centre publishes on its public page (ADR 22). The same
 * repository calls as {@code PUT /api/admin/centres/{id}/letter-review} and {@code .../publication}.
 */
@Controller
@PortalPage
@RequestMapping("/admin/centres")
class CentrePages {

    private final OrganisationRepository organisations;

    CentrePages(OrganisationRepository organisations) {
        this.organisations = organisations;
    }

    record CentreRow(ResourceCentre centre, boolean lettersNeedReview, OrganisationRepository.Publication publication) {
    }

    @GetMapping
    String list(Model model) {
        admin();
        List<CentreRow> rows = organisations.findAllCentres().stream().map(centre -> new CentreRow(centre,
                organisations.lettersNeedReview(centre.id()),
                organisations.publication(centre.id()).orElse(new OrganisationRepository.Publication(false, false)))).toList();
        model.addAttribute("centres", rows);
        return "admin/centres";
    }

    /** Unticked checkboxes are not sent: absent means no. */
    @PostMapping("/{id}")
    String save(@PathVariable UUID id, @RequestParam(defaultValue = "false") boolean lettersNeedReview,
            @RequestParam(defaultValue = "false") boolean grantResults, @RequestParam(defaultValue = "false") boolean letterRecord) {
        admin();
        if (!organisations.setLettersNeedReview(id, lettersNeedReview)
                || !organisations.setPublication(id, new OrganisationRepository.Publication(grantResults, letterRecord))) {
            throw ApiException.notFound("Resource centre");
        }
        return "redirect:/admin/centres?saved";
    }

    private static void admin() {
        if (!CurrentUser.get().has(Role.ADMIN)) {
            throw new ApiException(ProblemType.FORBIDDEN, "Administration is for administrators");
        }
    }
}
