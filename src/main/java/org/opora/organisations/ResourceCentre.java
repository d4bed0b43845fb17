package org.opora.organisations;

import java.util.UUID;

/** A resource centre; in the engine it is the tenant whose id is {@link #tenantId()}. */
public record ResourceCentre(UUID id, String name, String region) {

    public String tenantId() {
        return id.toString();
    }
}
