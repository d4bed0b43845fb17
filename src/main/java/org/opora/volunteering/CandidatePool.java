package org.opora.volunteering;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * Keeps the ranking's {@link CandidateSnapshot} between matches. A volunteer whose profile or status
 * changed on this node is read again on the next match, alone (the pool's other rows are copied);
 * the whole pool is read again when the snapshot is older than {@link #MAX_AGE} (another node may
 * have changed one) or when more than {@link #MAX_CHANGED} wait.
 */
@Component
class CandidatePool {

    static final Duration MAX_AGE = Duration.ofMinutes(5);
    /** Beyond this many changed volunteers, reading the whole pool is as quick as patching it. */
    static final int MAX_CHANGED = 1_000;

    private record Cached(CandidateSnapshot snapshot, Instant builtAt) {
    }

    private final VolunteerRepository volunteers;
    /** Wall-clock age: the engine clock jumps in tests and must not keep a stale pool. */
    private final Clock wallClock;
    private final Set<UUID> changed = ConcurrentHashMap.newKeySet();
    private volatile Cached cached;

    @Autowired
    CandidatePool(VolunteerRepository volunteers) {
        this(volunteers, Clock.systemUTC());
    }

    /** With another wall clock: a test ages the snapshot without waiting for it. */
    CandidatePool(VolunteerRepository volunteers, Clock wallClock) {
        this.volunteers = volunteers;
        this.wallClock = wallClock;
    }

    CandidateSnapshot snapshot() {
        Cached current = cached;
        if (current != null && changed.isEmpty() && !current.builtAt().plus(MAX_AGE).isBefore(wallClock.instant())) {
            return current.snapshot();
        }
        synchronized (this) {
            current = cached;
            // Taken before reading, so a change committed meanwhile stays marked and is read on the next match.
            List<UUID> reread = new ArrayList<>(changed);
            changed.removeAll(reread);
            try {
                if (current == null || current.builtAt().plus(MAX_AGE).isBefore(wallClock.instant()) || reread.size() > MAX_CHANGED) {
                    // Row by row into the arrays; the old snapshot is dropped first, as matches on it hold their own reference.
                    int expected = current == null ? 1_024 : current.snapshot().size() + 1_024;
                    cached = null;
                    current = null;
                    CandidateSnapshot.Builder rows = new CandidateSnapshot.Builder(expected);
                    volunteers.activeProfiles(rows::add);
                    current = new Cached(rows.build(), wallClock.instant());
                } else if (!reread.isEmpty()) {
                    current = new Cached(current.snapshot().with(reread, volunteers.activeProfiles(reread)), current.builtAt());
                }
            } catch (RuntimeException readFailed) {
                // Not read: they stay marked for the next match rather than wait for the pool's age.
                changed.addAll(reread);
                throw readFailed;
            }
            cached = current;
            return current.snapshot();
        }
    }

    /**
     * The volunteer's profile or status changed: the next match reads their row again. Marked now (a
     * match later in this transaction sees the change) and again when the transaction ends, since a
     * match on another thread may have read the row before the commit, or this transaction may roll back.
     */
    void changed(UUID volunteerId) {
        changed.add(volunteerId);
        if (TransactionSynchronizationManager.isSynchronizationActive()) {
            TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
                @Override
                public void afterCompletion(int status) {
                    changed.add(volunteerId);
                }
            });
        }
    }
}
