package org.opora.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;

import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.identity.Group;
import org.camunda.bpm.engine.identity.Tenant;
import org.camunda.bpm.engine.identity.User;
import org.junit.jupiter.api.Test;
import org.opora.organisations.Organisation;
import org.opora.organisations.OrganisationRepository;
import org.opora.organisations.OrganisationService;
import org.opora.support.OporaIntegrationTest;
import org.opora.support.TestFixtures;
import org.opora.system.SystemAccess;
import org.opora.users.NotificationMode;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * The principal read in one statement carries exactly what the engine's own identity queries and the
 * organisation lookup gave (the loader before it): the same roles, groups, tenants (direct and through
 * groups, in the same order), display name and organisation, and the fail-closed rule that a CSO member
 * of not exactly one organisation gets none.
 */
@OporaIntegrationTest
class OporaUserLoaderTest {

    @Autowired
    OporaUserLoader loader;
    @Autowired
    IdentityService identityService;
    @Autowired
    OrganisationRepository organisations;
    @Autowired
    OrganisationService organisationService;
    @Autowired
    TestFixtures fixtures;
    @Autowired
    SystemAccess system;

    private final String run = UUID.randomUUID().toString().substring(0, 8);

    @Test
    void userWithSeveralGroupsAndTenantsDirectAndThroughGroups() {
        String user = user("multi", "Анна", "Петрова");
        String b = group("B-" + run);
        String a = group("a_" + run);
        String c = group("c-" + run);
        for (String groupId : List.of(Role.STAFF.groupId(), Role.EXPERT.groupId(), b, a, c)) {
            identityService.createMembership(user, groupId);
        }
        String direct = tenant("z-" + run);
        String viaGroup = tenant("A-" + run);
        String both = tenant("m_" + run);
        String viaTwoGroups = tenant("b-" + run);
        String notMine = tenant("n-" + run);
        identityService.createTenantUserMembership(direct, user);
        identityService.createTenantGroupMembership(viaGroup, a);
        identityService.createTenantUserMembership(both, user);
        identityService.createTenantGroupMembership(both, b);
        identityService.createTenantGroupMembership(viaTwoGroups, b);
        identityService.createTenantGroupMembership(viaTwoGroups, c);
        identityService.createTenantGroupMembership(notMine, group("other-" + run));

        OporaUser loaded = loader.load(user);

        assertThat(loaded).isEqualTo(engineLoad(user));
        assertThat(loaded.roles()).containsExactlyInAnyOrder(Role.STAFF, Role.EXPERT);
        assertThat(loaded.groupIds()).containsExactlyInAnyOrder(Role.STAFF.groupId(), Role.EXPERT.groupId(), a, b, c);
        assertThat(loaded.tenantIds()).containsExactlyInAnyOrder(direct, viaGroup, both, viaTwoGroups);
        assertThat(loaded.displayName()).isEqualTo("Анна Петрова");
        assertThat(loaded.organisationId()).isNull();
    }

    @Test
    void csoMemberOfTwoOrganisationsGetsNone() {
        Organisation first = organisation("first");
        Organisation second = organisation("second");
        String user = user("cso-two", null, null);
        identityService.createMembership(user, Role.CSO.groupId());
        identityService.createMembership(user, first.groupId());
        identityService.createMembership(user, second.groupId());

        OporaUser loaded = loader.load(user);

        assertThat(loaded).isEqualTo(engineLoad(user));
        assertThat(loaded.roles()).containsExactly(Role.CSO);
        assertThat(loaded.organisationId()).isNull();
        assertThat(loaded.displayName()).isEqualTo(user);
    }

    @Test
    void csoMemberOfOneOrganisationGetsItAndItsCentre() {
        Organisation mine = organisation("mine");
        Organisation notMine = organisation("not-mine");
        String user = user("cso-one", "Иван", null);
        identityService.createMembership(user, Role.CSO.groupId());
        identityService.createMembership(user, mine.groupId());
        String centre = tenant("centre-" + run);
        identityService.createTenantGroupMembership(centre, mine.groupId());
        identityService.createTenantGroupMembership(tenant("other-centre-" + run), notMine.groupId());

        OporaUser loaded = loader.load(user);

        assertThat(loaded).isEqualTo(engineLoad(user));
        assertThat(loaded.organisationId()).isEqualTo(mine.id());
        assertThat(loaded.tenantIds()).containsExactly(centre);
        assertThat(loaded.displayName()).isEqualTo("Иван");
    }

    @Test
    void memberOfAnOrganisationWithoutTheCsoRoleGetsNoOrganisation() {
        Organisation organisation = organisation("staff-in-org");
        String user = user("staff-org", "A", "B");
        identityService.createMembership(user, Role.STAFF.groupId());
        identityService.createMembership(user, organisation.groupId());

        OporaUser loaded = loader.load(user);

        assertThat(loaded).isEqualTo(engineLoad(user));
        assertThat(loaded.organisationId()).isNull();
    }

    @Test
    void userWithNoGroupsAndAnUnknownUser() {
        String lonely = user("lonely", "", " ");
        OporaUser loaded = loader.load(lonely);
        assertThat(loaded).isEqualTo(engineLoad(lonely));
        assertThat(loaded).isEqualTo(new OporaUser(lonely, lonely, Set.of(), List.of(), List.of(), null));

        String unknown = "nobody-" + run;
        assertThat(loader.load(unknown)).isEqualTo(engineLoad(unknown))
                .isEqualTo(new OporaUser(unknown, unknown, Set.of(), List.of(), List.of(), null));
    }

    @Test
    void theFixturesUsersAreLoadedAsBefore() {
        Organisation organisation = organisation("fixtures");
        for (String user : List.of(fixtures.newUser(Role.STAFF, "staff-l", NotificationMode.NONE, null),
                fixtures.newUser(Role.EXPERT, "expert-l", NotificationMode.NONE, null), fixtures.newUser(Role.ADMIN, "admin-l", NotificationMode.NONE, null),
                fixtures.newUser(Role.CSO, "cso-l", NotificationMode.NONE, organisation), fixtures.newUserOfOtherCentre(Role.STAFF, "staff-other-l"))) {
            assertThat(loader.load(user)).isEqualTo(engineLoad(user));
        }
    }

    /** What the loader did before the one statement: the engine's user, group and tenant queries, then the organisations of the groups. */
    private OporaUser engineLoad(String userId) {
        return system.call(() -> {
            User user = identityService.createUserQuery().userId(userId).singleResult();
            List<String> groupIds = identityService.createGroupQuery().groupMember(userId)
                    .listPage(0, 200).stream().map(Group::getId).toList();
            List<String> tenantIds = identityService.createTenantQuery().userMember(userId).includingGroupsOfUser(true)
                    .listPage(0, 200).stream().map(Tenant::getId).toList();
            Set<Role> roles = EnumSet.noneOf(Role.class);
            groupIds.forEach(groupId -> Role.ofGroup(groupId).ifPresent(roles::add));
            String displayName = user == null ? userId
                    : ((user.getFirstName() == null ? "" : user.getFirstName()) + " " + (user.getLastName() == null ? "" : user.getLastName())).trim();
            UUID organisationId = null;
            if (roles.contains(Role.CSO)) {
                List<Organisation> memberOf = organisations.findByGroupIds(groupIds);
                organisationId = memberOf.size() == 1 ? memberOf.get(0).id() : null;
            }
            return new OporaUser(userId, displayName.isEmpty() ? userId : displayName, Set.copyOf(roles), groupIds, tenantIds, organisationId);
        });
    }

    private String user(String prefix, String first, String last) {
        User user = identityService.newUser(prefix + "-" + run);
        user.setFirstName(first);
        user.setLastName(last);
        user.setPassword(TestFixtures.PASSWORD);
        identityService.saveUser(user);
        return user.getId();
    }

    private String group(String id) {
        Group group = identityService.newGroup(id);
        group.setName(id);
        identityService.saveGroup(group);
        return id;
    }

    private String tenant(String id) {
        Tenant tenant = identityService.newTenant(id);
        tenant.setName(id);
        identityService.saveTenant(tenant);
        return id;
    }

    private Organisation organisation(String name) {
        return organisationService.register(fixtures.centre().id(), name + " " + run, name + " " + run, Organisation.Kind.INITIATIVE_GROUP,
                null, null, null, "Регион", null);
    }
}
