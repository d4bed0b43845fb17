package org.opora.organisations;

import java.time.LocalDate;
import java.util.UUID;

/**
 * A civil-society organisation. Its members are the members of the Camunda group {@link #groupId()},
 * so tasks for "the organisation" are candidate-group tasks of that group.
 */
public record Organisation(
        UUID id,
        UUID centreId,
        String name,
        String shortName,
        Kind kind,
        String inn,
        String ogrn,
        LocalDate registeredOn,
        String region,
        String email,
        String groupId) {

    public static final String GROUP_TYPE = "organisation";

    public enum Kind { REGISTERED, INITIATIVE_GROUP }

    public static String groupIdFor(UUID organisationId) {
        return "org-" + organisationId;
    }
}
