package org.opora.grants.funding;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.UUID;

/**
 * A report of a funded project: interim (it unlocks tranche {@code number + 1}) or final (it closes the grant).
 *
 * @param spending what was spent per budget line so far, in the order of the application's budget lines
 */
public record Report(UUID applicationId, int number, boolean finalReport, LocalDate dueOn, State state, String narrative,
        Integer beneficiariesReached, List<BigDecimal> spending, Instant submittedAt, String staffComment,
        String overspendApprovedBy) {

    public enum State { DUE, SUBMITTED, RETURNED, ACCEPTED }

    /** A tranche of the grant: its amount and when it was released. */
    public record Tranche(UUID applicationId, int number, BigDecimal amount, Instant releasedAt) {
    }
}
