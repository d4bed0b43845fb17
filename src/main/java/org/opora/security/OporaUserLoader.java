package org.opora.security;

import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Reads a user's roles, groups, centres and organisation from the engine's identity tables and
 * Opora's organisations, in one statement: every API request with Basic credentials comes here, and
 * the engine's user, group and tenant queries and the organisation lookup were four round trips.
 * Each branch of the statement is the engine's own query ({@code IdentityService}'s user query, group
 * query by member, tenant query by member including the user's groups), with the same order (by id)
 * and the same page of {@value #MAX_MEMBERSHIPS}; {@code OporaUserLoaderTest} holds it to them.
 */
@Component
public class OporaUserLoader {

    private static final Logger log = LoggerFactory.getLogger(OporaUserLoader.class);
    private static final int MAX_MEMBERSHIPS = 200;

    // U: the user (the engine's user query); G: groups of which the user is a member, both existing (the
    // engine's group query by member); T: tenants of the user or of any of the user's memberships (the
    // engine's tenant query by member, including groups; distinct, as the engine's); O: organisations of
    // the user's memberships, kept below only for the groups in the user's page of groups. Every NULL of a UUID
    // column is typed: PostgreSQL reads an untyped NULL under DISTINCT as text, which no UNION with a UUID matches.
    private static final String PRINCIPAL = """
            SELECT 'U' AS kind, u.ID_ AS id, u.FIRST_ AS first_name, u.LAST_ AS last_name, CAST(NULL AS UUID) AS organisation_id
              FROM ACT_ID_USER u WHERE u.ID_ = :userId
            UNION ALL
            SELECT 'G', g.ID_, NULL, NULL, CAST(NULL AS UUID)
              FROM ACT_ID_GROUP g
              JOIN ACT_ID_MEMBERSHIP m ON m.GROUP_ID_ = g.ID_
              JOIN ACT_ID_USER u ON u.ID_ = m.USER_ID_
             WHERE u.ID_ = :userId
            UNION ALL
            SELECT DISTINCT 'T', t.ID_, NULL, NULL, CAST(NULL AS UUID)
              FROM ACT_ID_TENANT t
              JOIN ACT_ID_TENANT_MEMBER tm ON tm.TENANT_ID_ = t.ID_
             WHERE tm.USER_ID_ = :userId
                OR tm.GROUP_ID_ IN (SELECT m.GROUP_ID_ FROM ACT_ID_MEMBERSHIP m WHERE m.USER_ID_ = :userId)
            UNION ALL
            SELECT 'O', o.group_id, NULL, NULL, o.id
              FROM organisation o
              JOIN ACT_ID_MEMBERSHIP m ON m.GROUP_ID_ = o.group_id
             WHERE m.USER_ID_ = :userId
            ORDER BY kind, id
            """;

    private final JdbcClient jdbc;

    public OporaUserLoader(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    public OporaUser load(String userId) {
        List<Row> rows = jdbc.sql(PRINCIPAL).param("userId", userId)
                .query((rs, row) -> new Row(rs.getString("kind"), rs.getString("id"), rs.getString("first_name"),
                        rs.getString("last_name"), rs.getObject("organisation_id", UUID.class)))
                .list();
        Row user = null;
        List<String> groupIds = new ArrayList<>();
        List<String> tenantIds = new ArrayList<>();
        List<Row> organisationsOfGroups = new ArrayList<>();
        for (Row row : rows) {
            switch (row.kind()) {
                case "U" -> user = row;
                case "G" -> add(groupIds, row.id());
                case "T" -> add(tenantIds, row.id());
                default -> organisationsOfGroups.add(row);
            }
        }
        Set<Role> roles = EnumSet.noneOf(Role.class);
        groupIds.forEach(groupId -> Role.ofGroup(groupId).ifPresent(roles::add));
        String displayName = user == null ? userId : (nullToEmpty(user.firstName()) + " " + nullToEmpty(user.lastName())).trim();
        return new OporaUser(userId, displayName.isEmpty() ? userId : displayName, Set.copyOf(roles), List.copyOf(groupIds),
                List.copyOf(tenantIds), roles.contains(Role.CSO) ? organisationOf(userId, groupIds, organisationsOfGroups) : null);
    }

    private static void add(List<String> page, String id) {
        if (page.size() < MAX_MEMBERSHIPS) {
            page.add(id);
        }
    }

    private UUID organisationOf(String userId, List<String> groupIds, List<Row> organisationsOfGroups) {
        Set<String> groups = new HashSet<>(groupIds);
        List<UUID> memberOf = organisationsOfGroups.stream().filter(row -> groups.contains(row.id())).map(Row::organisationId).toList();
        if (memberOf.size() != 1) {
            // Fail closed: a CSO user must belong to exactly one organisation to see any case.
            log.warn("CSO user {} belongs to {} organisations instead of one; they will see no cases", userId, memberOf.size());
            return null;
        }
        return memberOf.get(0);
    }

    private static String nullToEmpty(String value) {
        return value == null ? "" : value;
    }

    private record Row(String kind, String id, String firstName, String lastName, UUID organisationId) {
    }
}
