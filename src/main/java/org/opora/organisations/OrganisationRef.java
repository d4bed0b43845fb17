package org.opora.organisations;

import java.util.UUID;

/** How an organisation appears inside other resources: its id and short name. */
public record OrganisationRef(UUID id, String name) {

    public static OrganisationRef of(Organisation organisation) {
        return organisation == null ? null : new OrganisationRef(organisation.id(), organisation.shortName());
    }
}
