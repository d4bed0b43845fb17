package org.opora.grants.review;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

import org.opora.cases.CaseEventTexts;
import org.opora.cases.CaseService;
import org.opora.grants.application.ApplicationSheet;
import org.opora.grants.application.ApplicationRepository;
import org.opora.grants.application.GrantApplication;
import org.opora.grants.competition.Competition;
import org.opora.grants.competition.CompetitionService;
import org.opora.system.ApiException;
import org.opora.system.OporaTime;
import org.springframework.context.MessageSource;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Who reviews an application. The proposal follows the competition's rules: nobody tied to the
 * applicant or excluded before, one expert from the applicant's region where the pool has one, the
 * sector mix as far as the panel's places and the pool allow, least-loaded first.
 */
@Service("grantPanel")
public class ExpertPanel {

    private final ExpertRepository experts;
    private final ReviewRepository reviews;
    private final ApplicationRepository applications;
    private final CompetitionService competitions;
    private final CaseService cases;
    private final OporaTime time;

    ExpertPanel(ExpertRepository experts, ReviewRepository reviews, ApplicationRepository applications,
            CompetitionService competitions, CaseService cases, OporaTime time) {
        this.experts = experts;
        this.reviews = reviews;
        this.applications = applications;
        this.competitions = competitions;
        this.cases = cases;
        this.time = time;
    }

    /** Puts an expert into their centre's pool, or changes their profile. */
    @Transactional
    public Expert saveExpert(Expert expert) {
        experts.save(expert);
        return experts.find(expert.userId()).orElseThrow();
    }

    public Optional<Expert> expert(String userId) {
        return experts.find(userId);
    }

    public List<Expert> pool(UUID centreId) {
        return experts.findAll(centreId);
    }

    /** The experts who may review the application, least-loaded first (ties by user id). */
    List<Expert> candidates(GrantApplication application, Competition competition) {
        Map<String, Integer> load = experts.openReviewCounts();
        Set<String> unavailable = new HashSet<>(reviews.excluded(application.id()));
        reviews.findByApplication(application.id()).forEach(review -> unavailable.add(review.expertId()));
        return experts.findActive(competition.centreId()).stream()
                .filter(expert -> competition.expertPool().isEmpty() || competition.expertPool().contains(expert.userId()))
                .filter(expert -> !unavailable.contains(expert.userId()))
                .filter(expert -> !expert.isTiedTo(application.organisationId(), application.details().inn()))
                .sorted(Comparator.comparingInt((Expert expert) -> load.getOrDefault(expert.userId(), 0))
                        .thenComparing(Expert::userId))
                .toList();
    }

    /** Picks {@code places} experts from the candidates (already in order of load) by the competition's rules. */
    static List<Expert> choose(List<Expert> candidates, int places, Competition.SectorMix mix, String region,
            List<Expert> alreadyOnPanel) {
        List<Expert> chosen = new ArrayList<>();
        List<Expert> panel = new ArrayList<>(alreadyOnPanel);
        List<Expert> left = new ArrayList<>(candidates);
        if (panel.stream().noneMatch(expert -> expert.knowsRegion(region))) {
            left.stream().filter(expert -> expert.knowsRegion(region)).findFirst().ifPresent(local -> {
                chosen.add(local);
                panel.add(local);
                left.remove(local);
            });
        }
        while (chosen.size() < places && !left.isEmpty()) {
            Map<Expert.Sector, Integer> counts = new EnumMap<>(Expert.Sector.class);
            panel.forEach(expert -> counts.merge(expert.sector(), 1, Integer::sum));
            // Sectors still short of their minimum, and then sectors not on the panel at all, come first.
            Optional<Expert> next = left.stream()
                    .filter(expert -> counts.getOrDefault(expert.sector(), 0) < minimum(mix, expert.sector()))
                    .findFirst();
            Expert pick = next.orElse(left.get(0));
            chosen.add(pick);
            panel.add(pick);
            left.remove(pick);
        }
        return chosen;
    }

    /** "Propose the expert panel": the proposal is recorded as assigned reviews, which staff confirm or change. */
    @Transactional
    public void propose(UUID applicationId) {
        GrantApplication application = applications.find(applicationId).orElseThrow();
        Competition competition = competitions.get(application.competitionId());
        List<Expert> panel = choose(candidates(application, competition), competition.expertsPerApplication(),
                competition.sectorMix(), application.details().region(), List.of());
        panel.forEach(expert -> reviews.insert(UUID.randomUUID(), applicationId, expert.userId(), competition.reviewDue(),
                time.now()));
        // The timeline is read by the applicant too: it names sectors, never experts.
        cases.recordEvent(applicationId, "grant-panel-proposed", null, null,
                CaseEventTexts.sectors(panel.stream().map(e -> e.sector().name()).toList()));
    }

    /** An expert staff may put on an application's panel, as the panel's page lists them. */
    record Candidate(Expert expert, boolean proposed, int load) {
    }

    /**
     * The experts staff choose from when confirming a panel: the proposed ones first, then the others of
     * the pool free to review the application (not tied to the applicant, not excluded), each with the
     * number of reviews they have open.
     */
    List<Candidate> candidatesFor(UUID applicationId) {
        GrantApplication application = applications.find(applicationId).orElseThrow();
        Competition competition = competitions.get(application.competitionId());
        Map<String, Integer> load = experts.openReviewCounts();
        List<Candidate> all = new ArrayList<>();
        List<String> proposed = proposedExperts(applicationId);
        proposed.forEach(id -> experts.find(id).ifPresent(expert -> all.add(new Candidate(expert, true,
                load.getOrDefault(id, 0)))));
        candidates(application, competition).forEach(expert -> all.add(new Candidate(expert, false,
                load.getOrDefault(expert.userId(), 0))));
        return all;
    }

    /** The experts of the open proposal, by user id. */
    List<String> proposedExperts(UUID applicationId) {
        return reviews.findByApplication(applicationId).stream().filter(Review::isOpen).map(Review::expertId).toList();
    }

    /** The proposal as staff see it in "Confirm the expert panel" in Tasklist, in the installation's language (Russian). */
    public String describeProposal(UUID applicationId, MessageSource messages) {
        List<String> lines = new ArrayList<>();
        for (Review review : reviews.findByApplication(applicationId)) {
            if (review.isOpen()) {
                Optional<Expert> expert = experts.find(review.expertId());
                lines.add(review.expertId() + " — " + expert.map(e -> sectorName(e, messages) + ", " + String.join("/", e.regions()))
                        .orElse("?"));
            }
        }
        return lines.isEmpty() ? ApplicationSheet.text(messages, "grant.sheet.proposal.empty") : String.join("\n", lines);
    }

    /** The expert's sector as Tasklist's sheets name it. */
    public static String sectorName(Expert expert, MessageSource messages) {
        return ApplicationSheet.text(messages, "grants.page.sector." + expert.sector());
    }

    /**
     * Staff confirm the proposal, or name the panel themselves. Named experts must be in the pool,
     * not tied to the applicant and not excluded; the panel needs the competition's number of experts.
     */
    @Transactional
    public void confirm(UUID applicationId, List<String> named, String by) {
        GrantApplication application = applications.find(applicationId).orElseThrow();
        Competition competition = competitions.get(application.competitionId());
        List<Review> proposed = reviews.findByApplication(applicationId).stream().filter(Review::isOpen).toList();
        if (named.isEmpty()) {
            if (proposed.size() < Math.min(2, competition.expertsPerApplication())) {
                throw ApiException.invalid("experts", "the proposal has fewer than " + Math.min(2, competition.expertsPerApplication())
                        + " experts: name the panel");
            }
            cases.recordEvent(applicationId, "grant-panel-confirmed", by, null);
            return;
        }
        if (named.size() < competition.expertsPerApplication() || new HashSet<>(named).size() != named.size()) {
            throw ApiException.invalid("experts", "name " + competition.expertsPerApplication() + " different experts");
        }
        proposed.forEach(review -> reviews.changeState(review.id(), Review.State.ASSIGNED, Review.State.REASSIGNED));
        List<String> allowed = candidates(application, competition).stream().map(Expert::userId).toList();
        List<String> proposedIds = proposed.stream().map(Review::expertId).toList();
        for (String expertId : named) {
            if (!allowed.contains(expertId) && !proposedIds.contains(expertId)) {
                throw ApiException.invalid("experts", expertId + " is not an expert of the pool free to review this application "
                        + "(tied to the applicant, excluded, or not in the pool)");
            }
        }
        named.forEach(expertId -> reviews.insert(UUID.randomUUID(), applicationId, expertId, competition.reviewDue(), time.now()));
        cases.recordEvent(applicationId, "grant-panel-changed", by, null, named.size());
    }

    /** The reviews the panel still owes: the collection of the multi-instance "Expert review". */
    public List<String> openReviews(String businessKey) {
        return reviews.findByApplication(UUID.fromString(businessKey)).stream().filter(Review::isOpen)
                .map(review -> review.id().toString()).toList();
    }

    /**
     * Hands a review to the next candidate after its expert declared a conflict or was replaced.
     *
     * @return the new review's id, or empty when the pool has nobody left
     */
    @Transactional
    public Optional<UUID> handOn(UUID reviewId) {
        Review review = reviews.find(reviewId).orElseThrow();
        GrantApplication application = applications.find(review.applicationId()).orElseThrow();
        Competition competition = competitions.get(application.competitionId());
        List<Expert> onPanel = reviews.findByApplication(application.id()).stream()
                .filter(r -> r.isOpen() || r.state() == Review.State.SUBMITTED)
                .flatMap(r -> experts.find(r.expertId()).stream()).toList();
        List<Expert> next = choose(candidates(application, competition), 1, competition.sectorMix(),
                application.details().region(), onPanel);
        if (next.isEmpty()) {
            cases.recordEvent(application.id(), "grant-panel-exhausted", null, null);
            return Optional.empty();
        }
        return Optional.of(assign(application.id(), next.get(0).userId(), competition));
    }

    /** Staff named the expert who takes over a review. */
    @Transactional
    public UUID assignNamed(UUID reviewId, String expertId) {
        Review review = reviews.find(reviewId).orElseThrow();
        GrantApplication application = applications.find(review.applicationId()).orElseThrow();
        Competition competition = competitions.get(application.competitionId());
        if (candidates(application, competition).stream().noneMatch(expert -> expert.userId().equals(expertId))) {
            throw ApiException.invalid("expert", expertId + " is not an expert of the pool free to review this application "
                    + "(tied to the applicant, excluded, already on the panel, or not in the pool)");
        }
        return assign(application.id(), expertId, competition);
    }

    /** Adds a third expert when the first two disagree too much; empty if the pool has none left. */
    @Transactional
    public Optional<UUID> addThirdExpert(UUID applicationId) {
        GrantApplication application = applications.find(applicationId).orElseThrow();
        Competition competition = competitions.get(application.competitionId());
        List<Expert> onPanel = reviews.findByApplication(applicationId).stream()
                .filter(r -> r.state() == Review.State.SUBMITTED).flatMap(r -> experts.find(r.expertId()).stream()).toList();
        List<Expert> next = choose(candidates(application, competition), 1, competition.sectorMix(),
                application.details().region(), onPanel);
        if (next.isEmpty()) {
            cases.recordEvent(applicationId, "grant-third-expert-unavailable", null, null);
            return Optional.empty();
        }
        UUID id = assign(applicationId, next.get(0).userId(), competition);
        cases.recordEvent(applicationId, "grant-third-expert", null, null);
        return Optional.of(id);
    }

    private UUID assign(UUID applicationId, String expertId, Competition competition) {
        UUID id = UUID.randomUUID();
        java.time.LocalDate due = competition.reviewDue().isBefore(time.today().plusDays(7))
                ? time.today().plusDays(7) : competition.reviewDue();
        reviews.insert(id, applicationId, expertId, due, time.now());
        cases.recordEvent(applicationId, "grant-expert-assigned", null, null);
        return id;
    }

    private static int minimum(Competition.SectorMix mix, Expert.Sector sector) {
        return switch (sector) {
            case CSO -> mix.cso();
            case GOVERNMENT -> mix.government();
            case BUSINESS -> mix.business();
        };
    }
}
