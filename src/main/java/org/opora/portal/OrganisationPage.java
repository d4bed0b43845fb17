package org.opora.portal;

import java.util.UUID;

import org.opora.organisations.Organisation;
import org.opora.organisations.OrganisationRepository;
import org.opora.security.CurrentUser;
import org.opora.security.OporaUser;
import org.opora.security.Role;
import org.opora.system.ApiException;
import org.opora.system.PortalPage;
import org.opora.system.ProblemType;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;

/**
 * The organisation's profile as the resource centre keeps it (registry numbers, region, contact),
 * read-only: a member sees their own organisation at {@code /organisation}; staff and
 * administrators see any organisation at {@code /organisations/{id}} (centres are not yet separated, ADR 2).
 * Corrections go through the centre (the administrators' API), so a member cannot change what
 * admission checks read. In {@code portal}, not {@code organisations}, because it needs the signed-in
 * user and {@code security} already depends on {@code organisations}.
 */
@Controller
@PortalPage
class OrganisationPage {

    private final OrganisationRepository organisations;

    OrganisationPage(OrganisationRepository organisations) {
        this.organisations = organisations;
    }

    @GetMapping("/organisation")
    String mine(Model model) {
        OporaUser user = CurrentUser.get();
        if (!user.has(Role.CSO) || user.organisationId() == null) {
            throw new ApiException(ProblemType.FORBIDDEN, "Only a member of an organisation has one");
        }
        return profile(user.organisationId(), model);
    }

    @GetMapping("/organisations/{id}")
    String any(@PathVariable UUID id, Model model) {
        OporaUser user = CurrentUser.get();
        if (!user.isStaffOrAdmin()) {
            // A member reading another organisation learns nothing, not even that it exists.
            if (id.equals(user.organisationId())) {
                return profile(id, model);
            }
            throw ApiException.notFound("Organisation");
        }
        return profile(id, model);
    }

    private String profile(UUID id, Model model) {
        Organisation organisation = organisations.find(id).orElseThrow(() -> ApiException.notFound("Organisation"));
        model.addAttribute("organisation", organisation);
        model.addAttribute("centre", organisations.findCentre(organisation.centreId()).orElse(null));
        return "organisations/profile";
    }
}
