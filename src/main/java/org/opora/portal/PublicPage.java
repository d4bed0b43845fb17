package org.opora.portal;

import java.math.BigDecimal;
import java.util.Comparator;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import org.opora.cases.CaseScope;
import org.opora.correspondence.LetterStatistics;
import org.opora.grants.application.ApplicationService;
import org.opora.grants.application.GrantApplication;
import org.opora.grants.competition.Competition;
import org.opora.grants.competition.CompetitionService;
import org.opora.organisations.Organisation;
import org.opora.organisations.OrganisationRepository;
import org.opora.organisations.ResourceCentre;
import org.opora.system.ApiException;
import org.opora.system.PortalPage;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;

/**
 * A centre's public page, open without a login once the centre publishes something ("be open with
 * each other"): each decided competition's funded projects, and the public bodies' record on the
 * letters of the centre's organisations, from the same services as the staff's pages. It never
 * names experts, never lists an applicant that was not funded, and shows nothing the centre did
 * not choose to publish; a centre that publishes nothing has no page (404).
 */
@Controller
@PortalPage
class PublicPage {

    /** A body's record is published once this many of the centre's organisations wrote to it, never one organisation's. */
    static final int MINIMUM_ORGANISATIONS_PER_BODY = 3;

    /** The states of an application the committee funded (a lapsed grant was never paid). */
    private static final Set<GrantApplication.State> FUNDED = EnumSet.of(GrantApplication.State.APPROVED,
            GrantApplication.State.FUNDED, GrantApplication.State.CLOSED);

    private final OrganisationRepository organisations;
    private final CompetitionService competitions;
    private final ApplicationService applications;
    private final LetterStatistics letterStatistics;

    PublicPage(OrganisationRepository organisations, CompetitionService competitions, ApplicationService applications,
            LetterStatistics letterStatistics) {
        this.organisations = organisations;
        this.competitions = competitions;
        this.applications = applications;
        this.letterStatistics = letterStatistics;
    }

    /** A funded project as the public sees it: the organisation, the project, the money and the score. */
    record FundedProject(String organisation, String project, BigDecimal amount, BigDecimal score) {
    }

    record DecidedCompetition(Competition competition, List<FundedProject> funded, BigDecimal total) {
    }

    @GetMapping("/public/{centreId}")
    String page(@PathVariable UUID centreId, Model model) {
        OrganisationRepository.Publication publication = organisations.publication(centreId)
                .filter(OrganisationRepository.Publication::anything)
                .orElseThrow(() -> ApiException.notFound("Public page"));
        ResourceCentre centre = organisations.findCentre(centreId).orElseThrow(() -> ApiException.notFound("Public page"));
        CaseScope ofTheCentre = new CaseScope(false, List.of(centreId), null, null, null);
        model.addAttribute("centre", centre);
        model.addAttribute("publication", publication);
        model.addAttribute("minimumOrganisations", MINIMUM_ORGANISATIONS_PER_BODY);
        model.addAttribute("competitions", publication.grantResults() ? decided(ofTheCentre) : List.of());
        model.addAttribute("bodies", publication.letterRecord() ? letterStatistics.published(ofTheCentre, MINIMUM_ORGANISATIONS_PER_BODY).stream()
                .filter(body -> body.letters() > 0 || body.forwardedAway() > 0)
                .sorted(Comparator.comparing(LetterStatistics.BodyStatistics::letters).reversed()
                        .thenComparing(LetterStatistics.BodyStatistics::bodyName, Comparator.nullsLast(Comparator.naturalOrder())))
                .toList() : List.of());
        return "portal/public";
    }

    private List<DecidedCompetition> decided(CaseScope ofTheCentre) {
        return competitions.list(ofTheCentre, null).stream()
                .filter(competition -> competition.decidedAt() != null)
                .sorted(Comparator.comparing(Competition::decidedAt).reversed())
                .map(competition -> {
                    List<GrantApplication> funded = applications.ofCompetition(competition.id()).stream()
                            .filter(application -> FUNDED.contains(application.state())
                                    && application.decision() == GrantApplication.Decision.APPROVE
                                    && application.approvedAmount() != null)
                            .sorted(Comparator.comparing(GrantApplication::finalScore, Comparator.nullsLast(Comparator.reverseOrder())))
                            .toList();
                    Map<UUID, Organisation> names = organisations.findAllById(funded.stream()
                            .map(GrantApplication::organisationId).toList());
                    List<FundedProject> projects = funded.stream().map(application -> new FundedProject(
                            names.containsKey(application.organisationId()) ? names.get(application.organisationId()).name() : "",
                            application.details().projectTitle(), application.approvedAmount(), application.finalScore())).toList();
                    BigDecimal total = projects.stream().map(FundedProject::amount).reduce(BigDecimal.ZERO, BigDecimal::add);
                    return new DecidedCompetition(competition, projects, total);
                })
                .toList();
    }
}
