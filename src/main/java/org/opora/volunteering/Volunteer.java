package org.opora.volunteering;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.UUID;

/** A volunteer's profile. After they leave, only the anonymous fields (district, city, skills, interests) remain. */
public record Volunteer(
        UUID id,
        Status status,
        String name,
        String email,
        String phone,
        String language,
        String district,
        String city,
        Double latitude,
        Double longitude,
        Integer birthYear,
        boolean clearance,
        Set<String> skills,
        Set<String> interests,
        List<Availability.Slot> availability,
        LocalDate availableFrom,
        LocalDate availableUntil,
        int maxPerMonth,
        String about,
        Instant consentAt,
        Instant emailConfirmedAt,
        int noShows,
        LocalDate lastNoShowOn,
        Instant createdAt) {

    /** PENDING until the e-mail is confirmed; only ACTIVE volunteers are matched. */
    public enum Status { PENDING, ACTIVE, PAUSED, LEFT }

    public Locale locale() {
        return Locale.forLanguageTag(language == null ? "ru" : language);
    }
}
