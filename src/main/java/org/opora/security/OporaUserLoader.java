package org.opora.security;

import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;

import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.identity.Group;
import org.camunda.bpm.engine.identity.Tenant;
import org.camunda.bpm.engine.identity.User;
import org.opora.organisations.Organisation;
import org.opora.organisations.OrganisationRepository;
import org.opora.system.SystemAccess;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/** Reads a user's roles, groups, centres and organisation from the engine's identity store. */
@Component
public class OporaUserLoader {

    private static final Logger log = LoggerFactory.getLogger(OporaUserLoader.class);
    private static final int MAX_MEMBERSHIPS = 200;

    private final IdentityService identityService;
    private final OrganisationRepository organisations;
    private final SystemAccess system;

    public OporaUserLoader(IdentityService identityService, OrganisationRepository organisations, SystemAccess system) {
        this.identityService = identityService;
        this.organisations = organisations;
        this.system = system;
    }

    public OporaUser load(String userId) {
        return system.call(() -> {
            User user = identityService.createUserQuery().userId(userId).singleResult();
            List<String> groupIds = identityService.createGroupQuery().groupMember(userId)
                    .listPage(0, MAX_MEMBERSHIPS).stream().map(Group::getId).toList();
            List<String> tenantIds = identityService.createTenantQuery().userMember(userId).includingGroupsOfUser(true)
                    .listPage(0, MAX_MEMBERSHIPS).stream().map(Tenant::getId).toList();
            Set<Role> roles = EnumSet.noneOf(Role.class);
            groupIds.forEach(groupId -> Role.ofGroup(groupId).ifPresent(roles::add));
            String displayName = user == null ? userId : (nullToEmpty(user.getFirstName()) + " " + nullToEmpty(user.getLastName())).trim();
            return new OporaUser(userId, displayName.isEmpty() ? userId : displayName, Set.copyOf(roles), groupIds, tenantIds,
                    roles.contains(Role.CSO) ? organisationOf(userId, groupIds) : null);
        });
    }

    private UUID organisationOf(String userId, List<String> groupIds) {
        List<Organisation> memberOf = organisations.findByGroupIds(groupIds);
        if (memberOf.size() != 1) {
            // Fail closed: a CSO user must belong to exactly one organisation to see any case.
            log.warn("CSO user {} belongs to {} organisations instead of one; they will see no cases", userId, memberOf.size());
            return null;
        }
        return memberOf.get(0).id();
    }

    private static String nullToEmpty(String value) {
        return value == null ? "" : value;
    }
}
