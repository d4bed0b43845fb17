package org.opora.grants.review;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.UUID;

/** One expert's review of one application. */
public record Review(UUID id, UUID applicationId, String expertId, State state, LocalDate dueOn, BigDecimal total,
        Instant assignedAt, Instant submittedAt, List<Score> scores) {

    public enum State {
        /** On the panel, has not yet declared conflicts. */
        ASSIGNED,
        /** Declared no conflict: may read the application and score it. */
        DECLARED,
        SUBMITTED,
        /** Declared a conflict: the review passed to another expert. */
        CONFLICT,
        /** Was late and the review passed to another expert. */
        REASSIGNED
    }

    public record Score(int position, int score, String comment) {
    }

    public boolean isOpen() {
        return state == State.ASSIGNED || state == State.DECLARED;
    }
}
