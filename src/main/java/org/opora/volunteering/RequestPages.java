package org.opora.volunteering;

import java.math.BigDecimal;
import java.util.List;

import org.opora.cases.CaseAccess;
import org.opora.security.CurrentUser;
import org.opora.security.OporaUser;
import org.opora.security.Role;
import org.opora.system.ApiException;
import org.opora.system.PortalPage;
import org.opora.system.ProblemType;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;

/**
 * The organisation's volunteer requests (for staff, the centre's), as {@code GET /api/volunteering/requests}
 * lists them: the vetting state, places filled of needed, who is coming once they accepted, the hours.
 */
@Controller
@PortalPage
class RequestPages {

    private final RequestRepository requests;
    private final VolunteerService volunteers;
    private final CaseAccess access;

    RequestPages(RequestRepository requests, VolunteerService volunteers, CaseAccess access) {
        this.requests = requests;
        this.volunteers = volunteers;
        this.access = access;
    }

    /** A request with the names of the volunteers who accepted and the hours confirmed. */
    record Row(VolunteerRequest request, List<String> coming, BigDecimal hours) {
    }

    @GetMapping("/volunteering")
    String list(Model model) {
        OporaUser user = CurrentUser.get();
        if (!user.has(Role.CSO) && !user.isStaffOrAdmin()) {
            throw new ApiException(ProblemType.FORBIDDEN, "Volunteer requests are the organisations' and the centre's");
        }
        model.addAttribute("rows", requests.findAll(access.currentScope(), null, false).stream()
                .map(request -> new Row(request, requests.offers(request.id(), Offer.Status.ACCEPTED).stream()
                        .map(offer -> volunteers.find(offer.volunteerId()).map(Volunteer::name).orElse("—")).toList(),
                        requests.hoursForRequest(request.id())))
                .toList());
        return "volunteering/requests";
    }
}
