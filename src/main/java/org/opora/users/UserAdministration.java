package org.opora.users;

import java.util.UUID;

import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.identity.User;
import org.opora.organisations.Organisation;
import org.opora.security.PasswordRules;
import org.opora.security.Role;
import org.opora.system.ApiException;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** Creates users in the engine's identity store with their role, centre and organisation. */
@Service
public class UserAdministration {

    private final IdentityService identityService;
    private final UserSettingsRepository settings;

    public UserAdministration(IdentityService identityService, UserSettingsRepository settings) {
        this.identityService = identityService;
        this.settings = settings;
    }

    /** The details of a new user; {@code organisation} only for {@link Role#CSO}. */
    public record NewUser(String id, String password, String firstName, String lastName, String email,
            Role role, UUID centreId, Organisation organisation, UserSettings settings) {
    }

    @Transactional
    public void create(NewUser newUser) {
        if ((newUser.role() == Role.CSO) != (newUser.organisation() != null)) {
            throw new IllegalArgumentException("A CSO member belongs to exactly one organisation, and only CSO members do");
        }
        User user = identityService.newUser(newUser.id());
        user.setFirstName(newUser.firstName());
        user.setLastName(newUser.lastName());
        user.setEmail(newUser.email());
        user.setPassword(newUser.password());
        requireAllowedPassword(newUser.password(), user);
        identityService.saveUser(user);
        identityService.createMembership(newUser.id(), newUser.role().groupId());
        if (newUser.organisation() != null) {
            identityService.createMembership(newUser.id(), newUser.organisation().groupId());
        }
        if (newUser.centreId() != null) {
            identityService.createTenantUserMembership(newUser.centreId().toString(), newUser.id());
        }
        settings.save(newUser.id(), newUser.settings());
    }

    /** The engine's policy (PasswordRules) would refuse it with a bare message; say which field and what it asks. */
    private void requireAllowedPassword(String password, User user) {
        if (identityService.getPasswordPolicy() != null
                && !identityService.checkPasswordAgainstPolicy(password, user).isValid()) {
            throw ApiException.invalid("password", "must be " + PasswordRules.DESCRIPTION);
        }
    }

    /** Makes an existing user (say, the configured administrator) a member of a centre. */
    @Transactional
    public void joinCentre(String userId, UUID centreId) {
        identityService.createTenantUserMembership(centreId.toString(), userId);
    }

    public boolean exists(String userId) {
        return identityService.createUserQuery().userId(userId).count() > 0;
    }
}
