package org.opora.security;

import org.camunda.bpm.engine.IdentityService;
import org.springframework.security.authentication.AuthenticationProvider;
import org.springframework.security.authentication.BadCredentialsException;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.web.authentication.WebAuthenticationDetails;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Checks passwords against the engine's identity store (salted SHA-512, with the engine's own
 * lock-out after repeated failures), so there is one set of users for Opora and the webapps.
 */
@Component
public class EngineIdentityAuthenticationProvider implements AuthenticationProvider {

    private final IdentityService identityService;
    private final OporaUserLoader users;
    private final LoginThrottle throttle;
    private final TransactionTemplate transaction;

    public EngineIdentityAuthenticationProvider(IdentityService identityService, OporaUserLoader users, LoginThrottle throttle,
            TransactionTemplate transaction) {
        this.identityService = identityService;
        this.users = users;
        this.throttle = throttle;
        this.transaction = transaction;
    }

    @Override
    public Authentication authenticate(Authentication authentication) {
        String userId = authentication.getName();
        Object credentials = authentication.getCredentials();
        String address = authentication.getDetails() instanceof WebAuthenticationDetails details ? details.getRemoteAddress() : null;
        throttle.check(userId, address);
        // The password check and the user's groups, centres and organisation in one transaction: every API
        // request with Basic credentials comes here, and five commits per request were a fifth of a letter's.
        // Nothing throws inside it, so the engine's count of failed attempts is always committed.
        OporaUser user = userId == null || userId.isBlank() || credentials == null ? null
                : transaction.execute(status -> identityService.checkPassword(userId, credentials.toString()) ? users.load(userId) : null);
        if (user == null) {
            throttle.failed(userId, address);
            throw new BadCredentialsException("Wrong user name or password");
        }
        throttle.succeeded(userId);
        return UsernamePasswordAuthenticationToken.authenticated(user, null,
                user.roles().stream().map(role -> new SimpleGrantedAuthority(role.authority())).toList());
    }

    @Override
    public boolean supports(Class<?> authentication) {
        return UsernamePasswordAuthenticationToken.class.isAssignableFrom(authentication);
    }
}
