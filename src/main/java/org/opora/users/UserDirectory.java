package org.opora.users;

import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.identity.Group;
import org.camunda.bpm.engine.identity.Tenant;
import org.camunda.bpm.engine.identity.User;
import org.camunda.bpm.engine.identity.UserQuery;
import org.opora.system.SystemAccess;
import org.springframework.stereotype.Component;

/** Finds people to notify: a user, or the members of candidate groups, with their settings. */
@Component
public class UserDirectory {

    /** At most this many members of one candidate group are mailed about a task (the first by user id). */
    static final int MAX_GROUP_RECIPIENTS = 200;

    private final IdentityService identityService;
    private final UserSettingsRepository settings;
    private final SystemAccess system;

    public UserDirectory(IdentityService identityService, UserSettingsRepository settings, SystemAccess system) {
        this.identityService = identityService;
        this.settings = settings;
        this.system = system;
    }

    public Optional<Recipient> recipient(String userId) {
        User user = system.call(() -> identityService.createUserQuery().userId(userId).singleResult());
        return Optional.ofNullable(user).filter(u -> u.getEmail() != null && !u.getEmail().isBlank()).map(this::recipient);
    }

    /** The given users and the members of the given groups, each once. */
    public List<Recipient> recipients(Collection<String> userIds, Collection<String> groupIds) {
        return recipients(userIds, groupIds, null);
    }

    /**
     * The given users and those members of the given groups who belong to the centre (engine tenant)
     * {@code tenantId}, each once; all members when it is {@code null}. One staff group serves every
     * centre of an installation: a centre's task is news to its own staff only (ADR 23).
     */
    public List<Recipient> recipients(Collection<String> userIds, Collection<String> groupIds, String tenantId) {
        Set<String> seen = new LinkedHashSet<>();
        List<User> users = system.call(() -> {
            List<User> found = new ArrayList<>();
            for (String userId : userIds) {
                User user = identityService.createUserQuery().userId(userId).singleResult();
                if (user != null) {
                    found.add(user);
                }
            }
            for (String groupId : groupIds) {
                UserQuery members = identityService.createUserQuery().memberOfGroup(groupId);
                if (tenantId != null) {
                    members = members.memberOfTenant(tenantId);
                }
                found.addAll(members.orderByUserId().asc().listPage(0, MAX_GROUP_RECIPIENTS));
            }
            return found;
        });
        return users.stream()
                .filter(user -> seen.add(user.getId()))
                .filter(user -> user.getEmail() != null && !user.getEmail().isBlank())
                .map(this::recipient)
                .toList();
    }

    /** The centres (engine tenants) the user belongs to. */
    public List<String> tenantsOf(String userId) {
        return system.call(() -> identityService.createTenantQuery().userMember(userId).includingGroupsOfUser(true)
                .listPage(0, MAX_GROUP_RECIPIENTS).stream().map(Tenant::getId).toList());
    }

    public List<String> groupsOf(String userId) {
        return system.call(() -> identityService.createGroupQuery().groupMember(userId).listPage(0, MAX_GROUP_RECIPIENTS)
                .stream().map(Group::getId).toList());
    }

    private Recipient recipient(User user) {
        String name = ((user.getFirstName() == null ? "" : user.getFirstName()) + " "
                + (user.getLastName() == null ? "" : user.getLastName())).trim();
        return new Recipient(user.getId(), name.isEmpty() ? user.getId() : name, user.getEmail(), settings.find(user.getId()));
    }
}
