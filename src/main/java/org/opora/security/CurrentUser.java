package org.opora.security;

import java.util.Optional;

import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;

/** The signed-in user of the current request. */
public final class CurrentUser {

    private CurrentUser() {
    }

    public static Optional<OporaUser> find() {
        Authentication authentication = SecurityContextHolder.getContext().getAuthentication();
        if (authentication != null && authentication.getPrincipal() instanceof OporaUser user) {
            return Optional.of(user);
        }
        return Optional.empty();
    }

    public static OporaUser get() {
        return find().orElseThrow(() -> new IllegalStateException("No signed-in Opora user in this request"));
    }
}
