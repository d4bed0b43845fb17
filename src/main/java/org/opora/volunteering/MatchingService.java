package org.opora.volunteering;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.Date;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import org.opora.system.Text;
import java.util.stream.Collectors;

import org.camunda.bpm.engine.RuntimeService;
import org.opora.cases.CaseRecord;
import org.opora.cases.CaseService;
import org.opora.organisations.Organisation;
import org.opora.organisations.OrganisationRepository;
import org.opora.system.ApiException;
import org.opora.system.OporaTime;
import org.opora.system.SystemAccess;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.MessageSource;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * A request's life outside the engine: its row, its offers, places and hours. The process
 * ({@code processes/volunteer-matching.bpmn}) owns every wait and timer and calls this through
 * {@link VolunteeringDelegates} and the {@code volunteerMatching} bean in its expressions;
 * volunteers' answers change the rows here, then wake the process with the message {@link #ANSWERED}.
 */
@Service("volunteerMatching")
public class MatchingService {

    public static final String PROCESS_KEY = "volunteer-matching";
    /** Wakes the process after an answer, so it looks at the places again (see volunteer-matching.bpmn). */
    static final String ANSWERED = "VolunteerAnswered";

    /** Outcomes of {@link #offerPlaces(UUID)}, read by the gateway after it. */
    static final String FILLED = "filled";
    static final String WAITING = "waiting";
    static final String EXHAUSTED = "exhausted";

    private static final Logger log = LoggerFactory.getLogger(MatchingService.class);

    private final RequestRepository requests;
    private final VolunteerRepository volunteers;
    private final OrganisationRepository organisations;
    private final CandidatePool pool;
    private final VolunteerLinks links;
    private final VolunteerMails mails;
    private final CaseService cases;
    private final RuntimeService runtimeService;
    private final SystemAccess system;
    private final OporaTime time;
    private final VolunteeringProperties properties;
    private final MessageSource messages;
    private final VolunteerRanking ranking;
    private final TagNames tagNames;

    MatchingService(RequestRepository requests, VolunteerRepository volunteers, OrganisationRepository organisations,
            CandidatePool pool, VolunteerLinks links, VolunteerMails mails, CaseService cases, RuntimeService runtimeService,
            SystemAccess system, OporaTime time, VolunteeringProperties properties, MessageSource messages, TagNames tagNames) {
        this.tagNames = tagNames;
        this.requests = requests;
        this.volunteers = volunteers;
        this.organisations = organisations;
        this.pool = pool;
        this.links = links;
        this.mails = mails;
        this.cases = cases;
        this.runtimeService = runtimeService;
        this.system = system;
        this.time = time;
        this.properties = properties;
        this.messages = messages;
        this.ranking = new VolunteerRanking(properties.ranking());
    }

    // Posting and vetting

    /** Opens the request's case and process (vetting first) for the member's organisation. */
    @Transactional
    public VolunteerRequest post(UUID organisationId, String author, VolunteerRequest draft) {
        Organisation organisation = organisations.find(organisationId)
                .orElseThrow(() -> new IllegalStateException("No organisation " + organisationId));
        CaseRecord record = cases.open(PROCESS_KEY, organisation.centreId(), organisationId, draft.title(), author);
        requests.insert(new VolunteerRequest(record.id(), organisationId, draft.title(), draft.what(), draft.why(),
                draft.place(), draft.district(), draft.city(), draft.latitude(), draft.longitude(), draft.cause(),
                draft.firstDate(), draft.startTime(), draft.endTime(), draft.repeatWeeks(), draft.firstDate(), draft.needed(), 0,
                draft.requiredSkills(), draft.niceSkills(), draft.minAge(), draft.involvesChildren(), draft.contactName(),
                draft.contactEmail(), draft.contactPhone(), VolunteerRequest.State.VETTING, null, false));
        return get(record.id());
    }

    public VolunteerRequest get(UUID id) {
        return requests.find(id).orElseThrow(() -> ApiException.notFound("Request"));
    }

    @Transactional
    public void recordVetting(UUID id, String staff, String decision, String reason) {
        cases.recordEvent(id, "request-" + decision, staff, reason == null || reason.isBlank() ? null : reason);
        if ("revise".equals(decision)) {
            requests.setState(id, VolunteerRequest.State.REVISING);
        } else if ("approve".equals(decision)) {
            requests.setState(id, VolunteerRequest.State.MATCHING);
        }
    }

    @Transactional
    public void revise(UUID id, String what, String why, Number needed) {
        VolunteerRequest request = get(id);
        requests.revise(id, what == null || what.isBlank() ? request.what() : what,
                why == null || why.isBlank() ? request.why() : why, needed == null ? request.needed() : needed.intValue());
        cases.recordEvent(id, "request-revised", null, null);
    }

    /** Staff refused the request: the contact person is told why. Nothing ever reached a volunteer. */
    @Transactional
    public void refuse(UUID id, String reason) {
        VolunteerRequest request = get(id);
        requests.refuse(id, reason);
        mails.toContact("volunteer-refused:" + id, request, organisation(request), "volunteer-refused",
                Map.of("reason", reason == null ? "" : reason));
    }

    // Matching and offers

    /** The ranked candidates for the request's current date, best first, with explanations. */
    public List<VolunteerRanking.Match> rank(VolunteerRequest request, int top) {
        LocalDate today = time.today();
        Instant now = time.now();
        VolunteerRanking.Dynamics dynamics = new VolunteerRanking.Dynamics(
                volunteers.load(request.occurrence()),
                volunteers.offeredSince(now.minus(Duration.ofDays(properties.ranking().fairnessDays())), time.zone()),
                volunteers.noShows(),
                volunteers.declinesSince(now.minus(Duration.ofDays(properties.ranking().declineMemoryDays()))),
                volunteers.offeredFor(request.id()));
        return ranking.rank(pool.snapshot(), request.criteria(), dynamics, today, top);
    }

    private record Candidate(Volunteer volunteer, VolunteerRanking.Match match) {
    }

    /**
     * The ranking's best {@code wanted} among volunteers who are active now. This node's snapshot may be
     * minutes old (another node paused or erased someone, ADR 32), so each is checked against the table; anyone
     * no longer active is marked changed, and the ranking is asked once more without them.
     */
    private List<Candidate> activeCandidates(VolunteerRequest request, int wanted) {
        for (int attempt = 0; ; attempt++) {
            List<Candidate> active = new ArrayList<>();
            boolean stale = false;
            for (VolunteerRanking.Match match : rank(request, wanted)) {
                Volunteer volunteer = volunteers.find(match.volunteerId()).orElse(null);
                if (volunteer != null && volunteer.status() == Volunteer.Status.ACTIVE) {
                    active.add(new Candidate(volunteer, match));
                } else {
                    pool.changed(match.volunteerId());
                    stale = true;
                }
            }
            if (!stale || attempt > 0) {
                return active;
            }
        }
    }

    /**
     * Looks at the places: expires offers whose window closed, and while places are open sends new
     * offers so that {@code offersPerPlace} offers per open place are out.
     *
     * @return {@link #FILLED}, {@link #WAITING} for answers, or {@link #EXHAUSTED} when places are open, no offer
     *         is out and no candidate is left
     */
    @Transactional
    public String offerPlaces(UUID id) {
        requests.lock(id);
        Instant now = time.now();
        for (Offer expired : requests.expired(id, now)) {
            if (requests.answer(expired.id(), Offer.Status.OFFERED, Offer.Status.EXPIRED, now, null)) {
                voidOfferLinks(expired.id(), now);
            }
        }
        VolunteerRequest request = get(id);
        if (request.openPlaces() <= 0) {
            requests.setState(id, VolunteerRequest.State.FILLED);
            return FILLED;
        }
        int out = requests.offers(id, Offer.Status.OFFERED).size();
        // Nobody is offered a date that has begun (a request vetted too late, a place freed on the day).
        boolean begun = !LocalDateTime.of(request.occurrence(), request.startTime()).atZone(time.zone()).toInstant().isAfter(now);
        int wanted = begun ? 0 : request.openPlaces() * properties.offersPerPlace() - out;
        if (wanted > 0) {
            Organisation organisation = organisation(request);
            Instant expires = offerExpiry(request, now);
            Set<UUID> offered = new HashSet<>();
            for (Candidate candidate : activeCandidates(request, wanted)) {
                Volunteer volunteer = candidate.volunteer();
                VolunteerRanking.Match match = candidate.match();
                Offer offer = new Offer(UUID.randomUUID(), id, volunteer.id(), Offer.Status.OFFERED, match.score(),
                        explain(match.reasons(), Locale.ENGLISH), now, expires, null, null);
                requests.insertOffer(offer);
                String accept = links.url(links.issue(VolunteerLinks.Purpose.ACCEPT, volunteer.id(), offer.id(), now, expires));
                String decline = links.url(links.issue(VolunteerLinks.Purpose.DECLINE, volunteer.id(), offer.id(), now, expires));
                mails.toVolunteer("volunteer-offer:" + offer.id(), volunteer, "volunteer-offer", request, organisation,
                        Map.of("acceptUrl", accept, "declineUrl", decline, "reasons", List.of(explain(match.reasons(), volunteer.locale()).split("\n")),
                                "expires", formatInstant(expires, volunteer.locale())));
                offered.add(volunteer.id());
            }
            volunteers.markOffered(offered, now);
            out += offered.size();
            if (!offered.isEmpty()) {
                cases.recordEvent(id, "offers-sent", null, null, offered.size());
            }
        }
        if (out == 0) {
            requests.setState(id, VolunteerRequest.State.NO_MATCH);
            return EXHAUSTED;
        }
        requests.setState(id, VolunteerRequest.State.MATCHING);
        return WAITING;
    }

    /** An offer is open for the offer window, but never past the start of the date it is for. */
    private Instant offerExpiry(VolunteerRequest request, Instant now) {
        Instant window = now.plus(properties.offerWindow());
        Instant start = LocalDateTime.of(request.occurrence(), request.startTime()).atZone(time.zone()).toInstant();
        return start.isAfter(now) && start.isBefore(window) ? start : window;
    }

    /** When the process looks at the places again if nobody answers: the earliest end of an open offer's window. */
    public Date offerWindowEnds(String businessKey) {
        Instant now = time.now();
        return Date.from(requests.earliestOpenExpiry(UUID.fromString(businessKey)).orElse(now.plus(properties.offerWindow())));
    }

    /** All places are taken: the other offers are withdrawn and their volunteers thanked politely. */
    @Transactional
    public void withdrawRemaining(UUID id) {
        requests.lock(id);
        Instant now = time.now();
        VolunteerRequest request = get(id);
        Organisation organisation = organisation(request);
        for (Offer offer : requests.offers(id, Offer.Status.OFFERED)) {
            if (requests.answer(offer.id(), Offer.Status.OFFERED, Offer.Status.WITHDRAWN, now, null)) {
                voidOfferLinks(offer.id(), now);
                volunteers.find(offer.volunteerId()).ifPresent(volunteer -> mails.toVolunteer("volunteer-filled:" + offer.id(),
                        volunteer, "volunteer-filled", request, organisation, Map.of()));
            }
        }
    }

    // Volunteers' answers (through their links)

    public enum AcceptResult { ACCEPTED, FILLED, CLOSED }

    /**
     * Takes a place for the offer's volunteer if one is open. The caller has spent the link in this
     * transaction; the database's guard on the place count decides between concurrent accepts.
     */
    @Transactional
    public AcceptResult accept(Offer offer) {
        requests.lock(offer.requestId());
        Instant now = time.now();
        if (offer.status() != Offer.Status.OFFERED || !offer.expiresAt().isAfter(now)) {
            return AcceptResult.CLOSED;
        }
        if (!requests.takePlace(offer.requestId())) {
            if (requests.answer(offer.id(), Offer.Status.OFFERED, Offer.Status.WITHDRAWN, now, null)) {
                voidOfferLinks(offer.id(), now);
            }
            return AcceptResult.FILLED;
        }
        if (!requests.answer(offer.id(), Offer.Status.OFFERED, Offer.Status.ACCEPTED, now, null)) {
            // Answered meanwhile by another request of the same volunteer: undo the whole transaction.
            throw ApiException.conflict("The offer was answered meanwhile");
        }
        voidOfferLinks(offer.id(), now);
        VolunteerRequest request = get(offer.requestId());
        Organisation organisation = organisation(request);
        Volunteer volunteer = volunteers.find(offer.volunteerId()).orElseThrow();
        String cancel = links.url(links.issue(VolunteerLinks.Purpose.CANCEL, volunteer.id(), offer.id(), now,
                lastUseOf(request, now)));
        mails.toVolunteer("volunteer-confirmed:" + offer.id(), volunteer, "volunteer-confirmed", request, organisation,
                Map.of("cancelUrl", cancel));
        mails.toContact("volunteer-joined:" + offer.id(), request, organisation, "volunteer-joined", Map.of(
                "volunteerName", volunteer.name(), "volunteerEmail", volunteer.email(),
                "volunteerPhone", volunteer.phone() == null ? "" : volunteer.phone(),
                "filled", request.filled(), "needed", request.needed()));
        cases.recordEvent(request.id(), "offer-accepted", null, null, request.filled(), request.needed());
        wake(request.id());
        return AcceptResult.ACCEPTED;
    }

    @Transactional
    public boolean decline(Offer offer, Offer.DeclineReason reason) {
        requests.lock(offer.requestId());
        Instant now = time.now();
        if (!requests.answer(offer.id(), Offer.Status.OFFERED, Offer.Status.DECLINED, now, reason.name())) {
            return false;
        }
        voidOfferLinks(offer.id(), now);
        cases.recordEvent(offer.requestId(), "offer-declined", null, null, Text.of("volunteering.decline." + reason.name()));
        wake(offer.requestId());
        return true;
    }

    /** The volunteer cannot come after all: the place reopens and the process offers it to the next candidate. */
    @Transactional
    public boolean cancel(Offer offer, boolean leaving) {
        requests.lock(offer.requestId());
        Instant now = time.now();
        if (!requests.answer(offer.id(), Offer.Status.ACCEPTED, Offer.Status.CANCELLED, now, null)) {
            return false;
        }
        requests.releasePlace(offer.requestId());
        VolunteerRequest request = get(offer.requestId());
        if (request.state() == VolunteerRequest.State.FILLED) {
            requests.setState(request.id(), VolunteerRequest.State.MATCHING);
        }
        Volunteer volunteer = volunteers.find(offer.volunteerId()).orElseThrow();
        mails.toContact("volunteer-cancelled:" + offer.id(), request, organisation(request), "volunteer-cancelled",
                Map.of("volunteerName", leaving || volunteer.name() == null ? "—" : volunteer.name()));
        cases.recordEvent(request.id(), "offer-cancelled", null, null, request.filled(), request.needed());
        wake(request.id());
        return true;
    }

    /**
     * Tells the process to look at the places again. If it is busy elsewhere (vetting, a staff task,
     * already past matching) nothing waits for the message and the rows alone carry the change: the
     * process reads them when it next looks.
     */
    private void wake(UUID requestId) {
        // correlateAll finds nothing without failing: a failed correlate() would mark the caller's
        // transaction rollback-only on its way out of the engine, even when caught here.
        boolean woken = system.call(() -> !runtimeService.createMessageCorrelation(ANSWERED)
                .processInstanceBusinessKey(requestId.toString()).correlateAllWithResult().isEmpty());
        if (!woken) {
            log.debug("Request {} is not waiting for answers; the change is read when it next looks", requestId);
        }
    }

    // Dates, reminders, attendance

    /** The day before the date, at 09:00 (or at once, for a date that close). */
    public Date reminderAt(String businessKey) {
        VolunteerRequest request = get(UUID.fromString(businessKey));
        return Date.from(request.occurrence().minusDays(1).atTime(9, 0).atZone(time.zone()).toInstant());
    }

    /** When the date is over: its end time. */
    public Date attendanceAt(String businessKey) {
        VolunteerRequest request = get(UUID.fromString(businessKey));
        return Date.from(LocalDateTime.of(request.occurrence(), request.endTime()).atZone(time.zone()).toInstant());
    }

    @Transactional
    public void sendReminders(UUID id) {
        VolunteerRequest request = get(id);
        Organisation organisation = organisation(request);
        for (Offer offer : requests.offers(id, Offer.Status.ACCEPTED)) {
            volunteers.find(offer.volunteerId()).ifPresent(volunteer -> mails.toVolunteer(
                    "volunteer-reminder:" + offer.id() + ":" + request.occurrence(), volunteer, "volunteer-reminder", request,
                    organisation, Map.of("contactShown", true)));
        }
    }

    public record Attendance(UUID volunteerId, BigDecimal hours) {
    }

    /**
     * The CSO's record of the date: hours per volunteer, zero for one who did not come. Volunteers
     * left out are recorded as having come for the planned hours.
     */
    @Transactional
    public void recordAttendance(UUID id, List<Attendance> entries, boolean close) {
        VolunteerRequest request = get(id);
        Instant now = time.now();
        Set<UUID> confirmed = requests.offers(id, Offer.Status.ACCEPTED).stream().map(Offer::volunteerId)
                .collect(Collectors.toSet());
        Set<UUID> recorded = new HashSet<>();
        for (Attendance entry : entries) {
            if (!confirmed.contains(entry.volunteerId())) {
                throw ApiException.invalid("entries", "volunteer " + entry.volunteerId() + " is not confirmed for this request");
            }
            boolean came = entry.hours().signum() > 0;
            requests.recordHours(id, entry.volunteerId(), request.occurrence(), came, entry.hours(), now);
            recorded.add(entry.volunteerId());
        }
        BigDecimal planned = BigDecimal.valueOf(Duration.between(request.startTime(), request.endTime()).toMinutes())
                .divide(BigDecimal.valueOf(60), 2, java.math.RoundingMode.HALF_UP);
        for (UUID volunteer : confirmed) {
            if (!recorded.contains(volunteer) && requests.hoursFor(id, request.occurrence()).stream()
                    .noneMatch(row -> row.volunteerId().equals(volunteer))) {
                requests.recordHours(id, volunteer, request.occurrence(), true, planned, now);
            }
        }
        if (close) {
            requests.requestClose(id);
        }
        cases.recordEvent(id, "attendance-recorded", null, null, request.occurrence());
    }

    /**
     * After the attendance: thanks (with the hours and a feedback link) to those who came, a lower
     * reliability for those who did not; then, for a recurring request not closed, the next date.
     *
     * @return whether there is another date
     */
    @Transactional
    public boolean thankAndAdvance(UUID id) {
        VolunteerRequest request = get(id);
        Organisation organisation = organisation(request);
        Instant now = time.now();
        Map<UUID, UUID> offerOf = requests.offers(id, Offer.Status.ACCEPTED).stream()
                .collect(Collectors.toMap(Offer::volunteerId, Offer::id));
        for (RequestRepository.HoursRow row : requests.hoursFor(id, request.occurrence())) {
            if (!row.attended()) {
                // No-shows are read with each match's history, not kept in the pool's snapshot.
                volunteers.recordNoShow(row.volunteerId(), request.occurrence());
                continue;
            }
            volunteers.find(row.volunteerId()).ifPresent(volunteer -> {
                String feedback = links.url(links.issue(VolunteerLinks.Purpose.FEEDBACK, volunteer.id(),
                        offerOf.get(volunteer.id()), now, now.plus(Duration.ofDays(properties.profileLinkDays()))));
                String hours = links.url(links.issue(VolunteerLinks.Purpose.HOURS, volunteer.id(), null, now,
                        now.plus(Duration.ofDays(365))));
                mails.toVolunteer("volunteer-thanks:" + id + ":" + volunteer.id() + ":" + request.occurrence(), volunteer,
                        "volunteer-thanks", request, organisation, Map.of("hours", row.hours().stripTrailingZeros().toPlainString(),
                                "feedbackUrl", feedback, "hoursUrl", hours));
            });
        }
        if (request.recurring() && !request.closeRequested()) {
            requests.nextOccurrence(id, request.occurrence().plusWeeks(request.repeatWeeks()));
            cases.recordEvent(id, "next-date", null, null, request.occurrence().plusWeeks(request.repeatWeeks()));
            return true;
        }
        return false;
    }

    /** The request is over: offers still open are withdrawn quietly, their links stop working. */
    @Transactional
    public void close(UUID id) {
        requests.lock(id);
        Instant now = time.now();
        for (Offer offer : requests.offers(id, Offer.Status.OFFERED)) {
            if (requests.answer(offer.id(), Offer.Status.OFFERED, Offer.Status.WITHDRAWN, now, null)) {
                voidOfferLinks(offer.id(), now);
            }
        }
        requests.setState(id, VolunteerRequest.State.CLOSED);
        cases.recordEvent(id, "request-closed", null, null);
    }

    /** The organisation ends a recurring request: the current date is its last. */
    @Transactional
    public void closeAfterThisDate(UUID id) {
        VolunteerRequest request = get(id);
        if (request.state() == VolunteerRequest.State.CLOSED || request.state() == VolunteerRequest.State.REFUSED) {
            throw ApiException.conflict("The request is over already");
        }
        requests.requestClose(id);
        cases.recordEvent(id, "close-requested", null, null, request.occurrence());
    }

    @Transactional
    public void feedback(UUID requestId, UUID volunteerId, int rating, String comment) {
        boolean took = requests.offers(requestId, Offer.Status.ACCEPTED).stream().anyMatch(o -> o.volunteerId().equals(volunteerId))
                || requests.offers(requestId, Offer.Status.CANCELLED).stream().anyMatch(o -> o.volunteerId().equals(volunteerId));
        if (!took) {
            throw ApiException.notFound("Request");
        }
        requests.insertFeedback(requestId, volunteerId, rating, comment, time.now());
    }

    // Helpers

    /** Both links of an offer stop working once it is answered, withdrawn or expired. */
    private void voidOfferLinks(UUID offerId, Instant now) {
        links.voidOffer(offerId, VolunteerLinks.Purpose.ACCEPT, now);
        links.voidOffer(offerId, VolunteerLinks.Purpose.DECLINE, now);
    }

    /** A cancel link works until the date; for a recurring request, for a year. */
    private Instant lastUseOf(VolunteerRequest request, Instant now) {
        Instant end = LocalDateTime.of(request.occurrence(), request.endTime()).atZone(time.zone()).toInstant();
        return request.recurring() || !end.isAfter(now) ? now.plus(Duration.ofDays(365)) : end;
    }

    /** The practical details of a request as pages and e-mails show them. */
    Map<String, Object> details(VolunteerRequest request, Organisation organisation, Locale locale) {
        return mails.details(request, organisation, locale);
    }

    Organisation organisation(VolunteerRequest request) {
        return organisations.find(request.organisationId()).orElseThrow();
    }

    /** The reasons whose first argument is a skill (a tag: named if the vocabulary has it, else as typed). */
    private static final Set<String> SKILL_REASONS = Set.of("volunteering.why.required", "volunteering.why.nice");
    private static final String CAUSE = "volunteering.cause.";

    /** An explanation in a language, one reason per line. */
    String explain(List<VolunteerRanking.Reason> reasons, Locale locale) {
        List<String> lines = new ArrayList<>();
        for (VolunteerRanking.Reason reason : reasons) {
            List<Object> args = new ArrayList<>(reason.args());
            for (int i = 0; i < args.size(); i++) {
                if (i == 0 && SKILL_REASONS.contains(reason.key()) && args.get(i) instanceof String skill) {
                    args.set(i, tagNames.skill(skill, locale));
                } else if (args.get(i) instanceof String text && text.startsWith(CAUSE)) {
                    // a free tag (a cause outside the vocabulary) has no message: it shows as typed
                    args.set(i, tagNames.cause(text.substring(CAUSE.length()), locale));
                } else if (args.get(i) instanceof String text && text.startsWith("volunteering.")) {
                    args.set(i, messages.getMessage(text, null, text, locale));
                }
            }
            lines.add(messages.getMessage(reason.key(), args.toArray(), reason.key(), locale));
        }
        return String.join("\n", lines);
    }

    private String formatInstant(Instant instant, Locale locale) {
        return java.time.format.DateTimeFormatter.ofLocalizedDateTime(java.time.format.FormatStyle.MEDIUM)
                .withLocale(locale).withZone(time.zone()).format(instant);
    }
}
