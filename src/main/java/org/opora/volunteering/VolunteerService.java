package org.opora.volunteering;

import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import org.opora.documents.DocumentService;
import org.opora.system.ApiException;
import org.opora.mail.MailOutbox;
import org.opora.system.OporaTime;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** Volunteers' profiles: sign-up and its confirmation, staff entry, changes, pause, and leaving with erasure. */
@Service
public class VolunteerService {

    private final VolunteerRepository volunteers;
    private final RequestRepository requests;
    private final VolunteerLinks links;
    private final VolunteerMails mails;
    private final CandidatePool pool;
    private final MatchingService matching;
    private final VolunteeringProperties properties;
    private final OporaTime time;
    private final MailOutbox outbox;
    private final DocumentService documents;

    VolunteerService(VolunteerRepository volunteers, RequestRepository requests, VolunteerLinks links, VolunteerMails mails,
            CandidatePool pool, MatchingService matching, VolunteeringProperties properties, OporaTime time, MailOutbox outbox,
            DocumentService documents) {
        this.volunteers = volunteers;
        this.requests = requests;
        this.links = links;
        this.mails = mails;
        this.pool = pool;
        this.matching = matching;
        this.properties = properties;
        this.time = time;
        this.outbox = outbox;
        this.documents = documents;
    }

    /**
     * A sign-up from the public page: the profile waits for the e-mail's confirmation link before it
     * is matched. An address already known gets a link to its profile instead, and the page says the
     * same either way, so the form does not tell strangers who volunteers.
     */
    @Transactional
    public void signUp(Volunteer draft) {
        Instant now = time.now();
        Optional<Volunteer> known = volunteers.findByEmail(draft.email().trim().toLowerCase(Locale.ROOT));
        if (known.isPresent()) {
            mails.toVolunteer("volunteer-known:" + known.get().id() + ":" + now.toEpochMilli(), known.get(), "volunteer-known",
                    null, null, Map.of());
            return;
        }
        Volunteer volunteer = withStatus(draft, UUID.randomUUID(), Volunteer.Status.PENDING, now, null);
        volunteers.insert(volunteer);
        String confirm = links.url(links.issue(VolunteerLinks.Purpose.CONFIRM_EMAIL, volunteer.id(), null, now,
                now.plus(Duration.ofDays(properties.confirmLinkDays()))));
        mails.toVolunteer("volunteer-confirm-email:" + volunteer.id(), volunteer, "volunteer-confirm-email", null, null,
                Map.of("confirmUrl", confirm));
    }

    /** Staff enter a volunteer they have met: active at once, told by e-mail how to manage their profile. */
    @Transactional
    public Volunteer enter(Volunteer draft) {
        Instant now = time.now();
        if (volunteers.findByEmail(draft.email().trim().toLowerCase(Locale.ROOT)).isPresent()) {
            throw ApiException.invalid("email", "is already a volunteer's address");
        }
        Volunteer volunteer = withStatus(draft, UUID.randomUUID(), Volunteer.Status.ACTIVE, now, now);
        volunteers.insert(volunteer);
        mails.toVolunteer("volunteer-welcome:" + volunteer.id(), volunteer, "volunteer-welcome", null, null, Map.of());
        pool.changed(volunteer.id());
        return volunteer;
    }

    public Optional<Volunteer> find(UUID id) {
        return volunteers.find(id);
    }

    Map<UUID, Volunteer> findAll(Collection<UUID> ids) {
        return volunteers.findAll(ids);
    }

    @Transactional
    public boolean confirmEmail(UUID id) {
        boolean confirmed = volunteers.confirmEmail(id, time.now());
        pool.changed(id);
        return confirmed;
    }

    @Transactional
    public void update(Volunteer changed) {
        volunteers.updateProfile(changed);
        pool.changed(changed.id());
    }

    @Transactional
    public boolean pause(UUID id) {
        boolean paused = volunteers.setStatus(id, Volunteer.Status.ACTIVE, Volunteer.Status.PAUSED);
        pool.changed(id);
        return paused;
    }

    @Transactional
    public boolean resume(UUID id) {
        boolean resumed = volunteers.setStatus(id, Volunteer.Status.PAUSED, Volunteer.Status.ACTIVE);
        pool.changed(id);
        return resumed;
    }

    /**
     * Leaving: accepted offers are cancelled (their places reopen), open ones declined, every link
     * stops working, and the personal data and documents are erased; hours, district and skills stay, anonymous.
     */
    @Transactional
    public void leave(UUID id) {
        Instant now = time.now();
        for (Offer offer : requests.offersOf(id, Offer.Status.ACCEPTED)) {
            // A request that is over keeps the (now anonymous) place and hours; only a coming date reopens it.
            if (requests.find(offer.requestId()).map(VolunteerService::stillComing).orElse(false)) {
                matching.cancel(offer, true);
            }
        }
        for (Offer offer : requests.offersOf(id, Offer.Status.OFFERED)) {
            matching.decline(offer, Offer.DeclineReason.OTHER);
        }
        links.voidVolunteer(id, now);
        volunteers.find(id).map(Volunteer::email).ifPresent(outbox::erase);
        documents.deleteOfVolunteer(id);
        volunteers.erase(id, now);
        pool.changed(id);
    }

    private static boolean stillComing(VolunteerRequest request) {
        return request.state() == VolunteerRequest.State.MATCHING || request.state() == VolunteerRequest.State.FILLED
                || request.state() == VolunteerRequest.State.NO_MATCH;
    }

    private static Volunteer withStatus(Volunteer draft, UUID id, Volunteer.Status status, Instant now, Instant confirmedAt) {
        return new Volunteer(id, status, draft.name(), draft.email().trim().toLowerCase(Locale.ROOT), draft.phone(),
                draft.language(), draft.district(), draft.city(), draft.latitude(), draft.longitude(), draft.birthYear(),
                draft.clearance(), draft.skills(), draft.interests(),
                draft.availability() == null ? List.of() : List.copyOf(draft.availability()),
                draft.availableFrom(), draft.availableUntil(), draft.maxPerMonth(), draft.about(), now, confirmedAt, 0, null, now);
    }
}
