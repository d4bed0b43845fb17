package org.opora.volunteering;

import java.time.LocalDate;
import java.time.LocalTime;
import java.util.Set;
import java.util.UUID;

/**
 * A CSO's request for volunteers; its id is its case's id. {@code occurrence} is the date being
 * staffed now: the first date, then, for a recurring request, each next one.
 *
 * @param repeatWeeks 0 for a one-off request; otherwise it repeats every so many weeks until closed
 */
public record VolunteerRequest(
        UUID id,
        UUID organisationId,
        String title,
        String what,
        String why,
        String place,
        String district,
        String city,
        Double latitude,
        Double longitude,
        String cause,
        LocalDate firstDate,
        LocalTime startTime,
        LocalTime endTime,
        int repeatWeeks,
        LocalDate occurrence,
        int needed,
        int filled,
        Set<String> requiredSkills,
        Set<String> niceSkills,
        int minAge,
        boolean involvesChildren,
        String contactName,
        String contactEmail,
        String contactPhone,
        State state,
        String refusalReason,
        boolean closeRequested) {

    public enum State { VETTING, REVISING, REFUSED, MATCHING, NO_MATCH, FILLED, CLOSED }

    public boolean recurring() {
        return repeatWeeks > 0;
    }

    public int openPlaces() {
        return needed - filled;
    }

    public VolunteerRanking.Criteria criteria() {
        return new VolunteerRanking.Criteria(occurrence, startTime, endTime, repeatWeeks, district, city, latitude, longitude,
                cause, requiredSkills, niceSkills, minAge, involvesChildren);
    }
}
