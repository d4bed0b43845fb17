package org.opora.volunteering;

import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicLong;

import org.springframework.stereotype.Component;

/**
 * Keeps the ranking's {@link CandidateSnapshot} between matches and rebuilds it after a profile
 * changed on this node, or when it is older than {@link #MAX_AGE} (another node may have changed one).
 */
@Component
class CandidatePool {

    static final Duration MAX_AGE = Duration.ofMinutes(5);

    private record Cached(CandidateSnapshot snapshot, long version, Instant builtAt) {
    }

    private final VolunteerRepository volunteers;
    private final AtomicLong version = new AtomicLong();
    private volatile Cached cached;

    CandidatePool(VolunteerRepository volunteers) {
        this.volunteers = volunteers;
    }

    CandidateSnapshot snapshot() {
        Cached current = cached;
        long wanted = version.get();
        // Wall-clock age: the engine clock jumps in tests and must not keep a stale pool.
        if (current == null || current.version() != wanted || current.builtAt().plus(MAX_AGE).isBefore(Instant.now())) {
            current = new Cached(new CandidateSnapshot(volunteers.activeProfiles()), wanted, Instant.now());
            cached = current;
        }
        return current.snapshot();
    }

    /** A profile changed: the next match reads the pool again. */
    void invalidate() {
        version.incrementAndGet();
    }
}
