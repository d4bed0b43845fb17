package org.opora.security;

import java.io.Serializable;
import java.util.List;
import java.util.Set;
import java.util.UUID;

import org.springframework.security.core.AuthenticatedPrincipal;

/**
 * The signed-in person as Opora sees them: their engine identity (groups, tenants) and, for a CSO
 * member, their one organisation. Built once at sign-in by {@link OporaUserLoader}.
 *
 * @param organisationId the organisation of a CSO member; {@code null} for everyone else, and for a
 *                       CSO user who does not belong to exactly one organisation (who then sees nothing)
 */
public record OporaUser(
        String id,
        String displayName,
        Set<Role> roles,
        List<String> groupIds,
        List<String> tenantIds,
        UUID organisationId) implements AuthenticatedPrincipal, Serializable {

    @Override
    public String getName() {
        return id;
    }

    public boolean has(Role role) {
        return roles.contains(role);
    }

    /** Staff and administrators work on every organisation's cases; everyone else only on their own. */
    public boolean isStaffOrAdmin() {
        return has(Role.ADMIN) || has(Role.STAFF);
    }
}
