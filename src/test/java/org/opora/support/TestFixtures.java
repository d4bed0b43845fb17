package org.opora.support;

import java.time.LocalDate;
import java.util.UUID;

import org.camunda.bpm.engine.IdentityService;
import org.opora.cases.CaseRecord;
import org.opora.cases.CaseService;
import org.opora.organisations.Organisation;
import org.opora.organisations.OrganisationRepository;
import org.opora.organisations.OrganisationService;
import org.opora.organisations.ResourceCentre;
import org.opora.security.Role;
import org.opora.users.NotificationMode;
import org.opora.users.UserAdministration;
import org.opora.users.UserAdministration.NewUser;
import org.opora.users.UserSettings;
import org.opora.users.UserSettingsRepository;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.boot.test.context.TestComponent;
import org.springframework.context.event.EventListener;

/**
 * The people and organisations tests work with, created through Opora's own services the first
 * time they are needed (the database outlives a test class, and on PostgreSQL a test run).
 */
@TestComponent
public class TestFixtures {

    /** Strong enough for the password policy, which holds in tests as in production. */
    public static final String PASSWORD = "Kolokol-veter-2026";
    public static final String CENTRE = "Test resource centre";
    public static final String OTHER_CENTRE = "Other test resource centre";
    public static final String ORGANISATION_A = "Test CSO A";
    public static final String ORGANISATION_B = "Test CSO B";
    public static final String PROCESS = "platform-check";

    private final OrganisationService organisationService;
    private final OrganisationRepository organisations;
    private final UserAdministration users;
    private final UserSettingsRepository settings;
    private final IdentityService identityService;
    private final CaseService cases;

    public TestFixtures(OrganisationService organisationService, OrganisationRepository organisations,
            UserAdministration users, UserSettingsRepository settings, IdentityService identityService, CaseService cases) {
        this.organisationService = organisationService;
        this.organisations = organisations;
        this.users = users;
        this.settings = settings;
        this.identityService = identityService;
        this.cases = cases;
    }

    /** Every test finds the fixtures in place, whatever it calls first. */
    @EventListener(ApplicationReadyEvent.class)
    public void createOnStart() {
        centre();
    }

    public synchronized ResourceCentre centre() {
        return organisations.findCentreByName(CENTRE).orElseGet(() -> {
            ResourceCentre centre = organisationService.registerCentre(CENTRE, "Test region");
            ensureUsers(centre);
            return centre;
        });
    }

    public Organisation organisationA() {
        centre();
        return organisations.findByShortName(ORGANISATION_A).orElseThrow();
    }

    public Organisation organisationB() {
        centre();
        return organisations.findByShortName(ORGANISATION_B).orElseThrow();
    }

    /** Opens a case of the test process for an organisation, as a CSO member would. */
    public CaseRecord openCase(Organisation organisation, String title) {
        return cases.open(PROCESS, centre().id(), organisation.id(), title, "cso-a");
    }

    /** A fresh user of a role with their own e-mail address, for tests that count e-mails. */
    public String newUser(Role role, String prefix, NotificationMode mode, Organisation organisation) {
        String id = prefix + "-" + UUID.randomUUID().toString().substring(0, 8);
        users.create(new NewUser(id, PASSWORD, "Test", prefix, id + "@opora.test", role, centre().id(),
                role == Role.CSO ? organisation : null, new UserSettings("en", mode)));
        return id;
    }

    /** A user of a second resource centre (made on first use): one centre's people stay out of another's work. */
    public synchronized String newUserOfOtherCentre(Role role, String prefix) {
        ResourceCentre other = organisations.findCentreByName(OTHER_CENTRE)
                .orElseGet(() -> organisationService.registerCentre(OTHER_CENTRE, "Other region"));
        String id = prefix + "-" + UUID.randomUUID().toString().substring(0, 8);
        users.create(new NewUser(id, PASSWORD, "Test", prefix, id + "@opora.test", role, other.id(), null,
                new UserSettings("en", NotificationMode.NONE)));
        return id;
    }

    public void setMode(String userId, NotificationMode mode, String language) {
        settings.save(userId, new UserSettings(language, mode));
    }

    private void ensureUsers(ResourceCentre centre) {
        Organisation a = organisationService.register(centre.id(), "Test organisation A", ORGANISATION_A,
                Organisation.Kind.REGISTERED, "7707083893", "1027700132195", LocalDate.of(2010, 1, 1), "Test region", null);
        Organisation b = organisationService.register(centre.id(), "Test organisation B", ORGANISATION_B,
                Organisation.Kind.INITIATIVE_GROUP, null, null, null, "Test region", null);
        UserSettings english = new UserSettings("en", NotificationMode.IMMEDIATE);
        if (identityService.createTenantQuery().userMember("admin").tenantId(centre.tenantId()).count() == 0) {
            users.joinCentre("admin", centre.id());
        }
        create("staff", Role.STAFF, centre, null, english);
        create("expert", Role.EXPERT, centre, null, english);
        create("expert2", Role.EXPERT, centre, null, english);
        create("cso-a", Role.CSO, centre, a, english);
        create("cso-b", Role.CSO, centre, b, english);
    }

    private void create(String id, Role role, ResourceCentre centre, Organisation organisation, UserSettings userSettings) {
        if (!users.exists(id)) {
            users.create(new NewUser(id, PASSWORD, "Test", id, id + "@opora.test", role, centre.id(), organisation, userSettings));
        }
    }
}
