package org.opora.users;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.identity.Group;
import org.camunda.bpm.engine.identity.Tenant;
import org.camunda.bpm.engine.identity.User;
import org.opora.system.SystemAccess;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/** Finds people to notify: a user, or the members of candidate groups, with their settings. */
@Component
public class UserDirectory {

    /** At most this many members of one candidate group are mailed about a task (the first by user id). */
    static final int MAX_GROUP_RECIPIENTS = 200;

    private final IdentityService identityService;
    private final UserSettingsRepository settings;
    private final SystemAccess system;
    private final JdbcClient jdbc;

    public UserDirectory(IdentityService identityService, UserSettingsRepository settings, SystemAccess system, JdbcClient jdbc) {
        this.identityService = identityService;
        this.settings = settings;
        this.system = system;
        this.jdbc = jdbc;
    }

    /**
     * For many tasks at once (the reminder scan's page, ADR 26): the given users and the members of the
     * given groups (in {@link Directory#recipients}, each group's first {@value #MAX_GROUP_RECIPIENTS} by
     * user id of the task's centre), with their settings, in a few statements whatever their number. Read from the engine's identity
     * tables, Opora's only identity store (ADR 1).
     */
    public Directory lookUp(Collection<String> userIds, Collection<String> groupIds) {
        Map<String, List<String>> members = new HashMap<>();
        if (!groupIds.isEmpty()) {
            jdbc.sql("SELECT GROUP_ID_, USER_ID_ FROM ACT_ID_MEMBERSHIP WHERE GROUP_ID_ IN (:groups) ORDER BY GROUP_ID_, USER_ID_")
                    .param("groups", groupIds)
                    // Every member: the cap per group applies after the centre's filter (Directory.recipients), as
                    // for a single task, or a centre whose staff sort late would hear of nothing.
                    .query((rs, row) -> members.computeIfAbsent(rs.getString("GROUP_ID_"), group -> new ArrayList<>())
                            .add(rs.getString("USER_ID_")))
                    .list();
        }
        Set<String> wanted = new LinkedHashSet<>(userIds);
        members.values().forEach(wanted::addAll);
        Map<String, Recipient> people = new HashMap<>();
        if (!wanted.isEmpty()) {
            jdbc.sql("SELECT u.ID_, u.FIRST_, u.LAST_, u.EMAIL_, s.language, s.notification_mode FROM ACT_ID_USER u"
                            + " LEFT JOIN user_settings s ON s.user_id = u.ID_ WHERE u.ID_ IN (:users)")
                    .param("users", wanted)
                    .query((rs, row) -> {
                        String email = rs.getString("EMAIL_");
                        if (email != null && !email.isBlank()) {
                            String id = rs.getString("ID_");
                            UserSettings preferences = rs.getString("language") == null ? UserSettings.DEFAULTS
                                    : new UserSettings(rs.getString("language"), NotificationMode.valueOf(rs.getString("notification_mode")));
                            people.put(id, new Recipient(id, name(rs.getString("FIRST_"), rs.getString("LAST_"), id), email, preferences));
                        }
                        return null;
                    }).list();
        }
        Map<String, Set<String>> centres = new HashMap<>();
        if (!wanted.isEmpty()) {
            // A user's centres: the tenants they belong to themselves or through a group, as the engine counts them.
            jdbc.sql("SELECT t.TENANT_ID_, t.USER_ID_ FROM ACT_ID_TENANT_MEMBER t WHERE t.USER_ID_ IN (:users)"
                            + " UNION SELECT t.TENANT_ID_, m.USER_ID_ FROM ACT_ID_TENANT_MEMBER t"
                            + " JOIN ACT_ID_MEMBERSHIP m ON m.GROUP_ID_ = t.GROUP_ID_ WHERE m.USER_ID_ IN (:users)")
                    .param("users", wanted)
                    .query((rs, row) -> centres.computeIfAbsent(rs.getString("USER_ID_"), user -> new HashSet<>())
                            .add(rs.getString("TENANT_ID_")))
                    .list();
        }
        return new Directory(people, members, centres);
    }

    /** People and groups looked up at once: {@link #recipients} answered from memory. */
    public record Directory(Map<String, Recipient> people, Map<String, List<String>> members, Map<String, Set<String>> centres) {

        /** The given users and the members of the given groups who have an e-mail address, each once, in that order. */
        public List<Recipient> recipients(Collection<String> userIds, Collection<String> groupIds) {
            return recipients(userIds, groupIds, null);
        }

        /**
         * The given users, and those members of the given groups who belong to the centre {@code tenantId}
         * (all of them when it is {@code null}), who have an e-mail address, each once, in that order.
         */
        public List<Recipient> recipients(Collection<String> userIds, Collection<String> groupIds, String tenantId) {
            Set<String> ids = new LinkedHashSet<>(userIds);
            groupIds.forEach(group -> members.getOrDefault(group, List.of()).stream()
                    .filter(member -> tenantId == null || centres.getOrDefault(member, Set.of()).contains(tenantId))
                    .limit(MAX_GROUP_RECIPIENTS)
                    .forEach(ids::add));
            return ids.stream().map(people::get).filter(java.util.Objects::nonNull).toList();
        }
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
        // One way to decide who hears of a task, for one task as for the reminder scan's pages.
        return lookUp(userIds, groupIds).recipients(userIds, groupIds, tenantId);
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
        return new Recipient(user.getId(), name(user.getFirstName(), user.getLastName(), user.getId()), user.getEmail(),
                settings.find(user.getId()));
    }

    private static String name(String first, String last, String id) {
        String name = ((first == null ? "" : first) + " " + (last == null ? "" : last)).trim();
        return name.isEmpty() ? id : name;
    }
}
