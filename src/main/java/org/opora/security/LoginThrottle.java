package org.opora.security;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Collections;
import java.util.Deque;
import java.util.List;
import java.util.Optional;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.security.core.AuthenticationException;
import org.springframework.stereotype.Component;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;

/**
 * Slows down password guessing: after too many failed logins within a window, for one account or from
 * one client address, every further attempt there is refused (HTTP 429 with {@code Retry-After}), even
 * with the right password, until the oldest failure leaves the window. A successful login clears its
 * account's failures. Counted per node, in memory: behind a load balancer with N nodes an attacker gets
 * at most N times the allowance, which is still far from a guessing rate.
 */
@Component
public class LoginThrottle {

    private final Limits limits;
    private final Clock clock;
    private final Cache<String, Deque<Instant>> failuresByAccount;
    private final Cache<String, Deque<Instant>> failuresByAddress;

    /**
     * @param accountFailures failed logins of one account within the window before it is refused
     * @param addressFailures failed logins from one client address within the window before it is refused
     * @param window          how long a failure counts
     */
    @ConfigurationProperties("opora.security.login-throttle")
    public record Limits(int accountFailures, int addressFailures, Duration window) {
    }

    public LoginThrottle(Limits limits, Clock clock) {
        this.limits = limits;
        this.clock = clock;
        // Bounded, so that a spray of made-up user names cannot fill the memory.
        this.failuresByAccount = Caffeine.newBuilder().maximumSize(100_000).expireAfterAccess(limits.window()).build();
        this.failuresByAddress = Caffeine.newBuilder().maximumSize(100_000).expireAfterAccess(limits.window()).build();
    }

    /** Refuses the attempt if the account or the address is over its allowance. */
    public void check(String account, String address) {
        Instant now = clock.instant();
        Optional<Duration> wait = waitFor(failuresByAccount, account, limits.accountFailures(), now)
                .or(() -> waitFor(failuresByAddress, address, limits.addressFailures(), now));
        if (wait.isPresent()) {
            throw new Throttled(wait.get());
        }
    }

    public void failed(String account, String address) {
        Instant now = clock.instant();
        record(failuresByAccount, account, now);
        record(failuresByAddress, address, now);
    }

    public void succeeded(String account) {
        failuresByAccount.invalidate(account);
    }

    private Optional<Duration> waitFor(Cache<String, Deque<Instant>> failures, String key, int allowed, Instant now) {
        Deque<Instant> times = key == null ? null : failures.getIfPresent(key);
        if (times == null) {
            return Optional.empty();
        }
        synchronized (times) {
            Instant windowStart = now.minus(limits.window());
            // A failure "later" than now (the engine clock moved back in a test) does not count.
            List<Instant> recent = times.stream().filter(time -> time.isAfter(windowStart) && !time.isAfter(now)).toList();
            if (recent.size() < allowed) {
                return Optional.empty();
            }
            // Until the oldest of them leaves the window.
            return Optional.of(Duration.between(windowStart, Collections.min(recent)).plusSeconds(1));
        }
    }

    private void record(Cache<String, Deque<Instant>> failures, String key, Instant now) {
        if (key == null) {
            return;
        }
        Deque<Instant> times = failures.get(key, ignored -> new ArrayDeque<>());
        synchronized (times) {
            times.addLast(now);
            Instant windowStart = now.minus(limits.window());
            times.removeIf(time -> !time.isAfter(windowStart));
        }
    }

    /** Too many failed logins: try again after {@link #retryAfter()}. */
    public static class Throttled extends AuthenticationException {

        private final Duration retryAfter;

        Throttled(Duration retryAfter) {
            super("Too many failed sign-ins; try again later");
            this.retryAfter = retryAfter;
        }

        public Duration retryAfter() {
            return retryAfter;
        }
    }
}
