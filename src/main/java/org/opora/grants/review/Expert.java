package org.opora.grants.review;

import java.util.List;
import java.util.UUID;

/**
 * An expert of the pool. {@code tiedOrganisations} holds the organisations (by id or INN) the
 * expert works for, advises or is related to: they never review those.
 */
public record Expert(String userId, UUID centreId, Sector sector, List<String> regions, List<String> topics,
        List<String> tiedOrganisations, boolean active) {

    /** The panels mix representatives of the three sectors. */
    public enum Sector { CSO, GOVERNMENT, BUSINESS }

    boolean isTiedTo(UUID organisationId, String inn) {
        return tiedOrganisations.stream().anyMatch(tie -> tie.equalsIgnoreCase(organisationId.toString())
                || (inn != null && tie.equals(inn)));
    }

    boolean knowsRegion(String region) {
        return region != null && regions.stream().anyMatch(region::equalsIgnoreCase);
    }
}
