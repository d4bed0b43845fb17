package org.opora.volunteering;

import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.time.format.FormatStyle;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;

import org.opora.mail.MailMessage;
import org.opora.mail.MailOutbox;
import org.opora.organisations.Organisation;
import org.opora.system.OporaTime;
import org.springframework.stereotype.Component;

/**
 * The e-mails of volunteer matching, written to the outbox in the caller's transaction. Every
 * e-mail to a volunteer carries a fresh profile link (update, pause, leave).
 */
@Component
class VolunteerMails {

    private final MailOutbox outbox;
    private final VolunteerLinks links;
    private final VolunteeringProperties properties;
    private final OporaTime time;

    VolunteerMails(MailOutbox outbox, VolunteerLinks links, VolunteeringProperties properties, OporaTime time) {
        this.outbox = outbox;
        this.links = links;
        this.properties = properties;
        this.time = time;
    }

    /** To a volunteer: {@code model} plus the request's practical details, if given, and a profile link. */
    void toVolunteer(String key, Volunteer volunteer, String template, VolunteerRequest request, Organisation organisation,
            Map<String, Object> extra) {
        if (volunteer.email() == null) {
            return; // erased: the volunteer left
        }
        Instant now = time.now();
        Map<String, Object> model = new HashMap<>(extra);
        model.put("name", volunteer.name());
        model.put("profileUrl", links.url(links.issue(VolunteerLinks.Purpose.PROFILE, volunteer.id(), null, now,
                now.plus(java.time.Duration.ofDays(properties.profileLinkDays())))));
        if (request != null) {
            model.putAll(details(request, organisation, volunteer.locale()));
        }
        outbox.enqueue(new MailMessage(key, volunteer.email(), volunteer.locale(), template,
                new Object[] {request == null ? "" : request.title()}, model));
    }

    /** To the request's contact person, in the organisation's language (Russian unless told otherwise). */
    void toContact(String key, VolunteerRequest request, Organisation organisation, String template, Map<String, Object> extra) {
        Locale locale = Locale.forLanguageTag("ru");
        Map<String, Object> model = new HashMap<>(extra);
        model.put("name", request.contactName());
        model.putAll(details(request, organisation, locale));
        outbox.enqueue(new MailMessage(key, request.contactEmail(), locale, template, new Object[] {request.title()}, model));
    }

    Map<String, Object> details(VolunteerRequest request, Organisation organisation, Locale locale) {
        Map<String, Object> model = new HashMap<>();
        model.put("title", request.title());
        model.put("what", request.what());
        model.put("why", request.why());
        model.put("place", request.place());
        model.put("date", request.occurrence().format(DateTimeFormatter.ofLocalizedDate(FormatStyle.LONG).withLocale(locale)));
        model.put("time", request.startTime() + "–" + request.endTime());
        model.put("repeatWeeks", request.repeatWeeks());
        model.put("organisation", organisation == null ? "" : organisation.name());
        model.put("contactName", request.contactName());
        model.put("contactEmail", request.contactEmail());
        model.put("contactPhone", request.contactPhone() == null ? "" : request.contactPhone());
        return model;
    }
}
