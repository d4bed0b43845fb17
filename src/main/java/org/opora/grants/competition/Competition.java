package org.opora.grants.competition;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Comparator;
import java.util.List;
import java.util.UUID;

/**
 * A grant competition: the call, its money, its rules of admission and review.
 *
 * @param trancheShares   the share of a grant paid in each tranche, in percent (they add up to 100)
 * @param expertPool      the experts who may review; empty means every active expert of the centre
 * @param requiredDocuments the kinds of attachment every application must carry ("charter", "budget")
 */
public record Competition(UUID id, UUID centreId, String title, String description, Instant opensAt, Instant closesAt,
        LocalDate reviewDue, BigDecimal budgetPool, BigDecimal minGrant, BigDecimal maxGrant, int maxMonths,
        int expertsPerApplication, SectorMix sectorMix, int minRegistrationMonths, List<String> requiredDocuments,
        int scoreSpreadPercent, int clarificationDays, int reviewReminderDays, int agreementDays, int reportReminderDays,
        int waitlistDays, List<Integer> trancheShares, List<String> expertPool, List<Criterion> criteria,
        List<PassMark> passMarks, Instant decidedAt, String createdBy, Instant createdAt) {

    /** How many experts of each sector a panel needs at least, as far as its places and the pool allow. */
    public record SectorMix(int cso, int government, int business) {
    }

    /** A published scoring criterion: experts score it from 0 to {@code maxScore}. */
    public record Criterion(int position, String name, String description, BigDecimal weight, int maxScore) {
    }

    /** Requests of at least {@code amountFrom} roubles pass with {@code passMark} points or more. */
    public record PassMark(BigDecimal amountFrom, BigDecimal passMark) {
    }

    /** Within the intake window, and only until the committee decides: no committee task would come after that. */
    public boolean acceptsApplicationsAt(Instant moment) {
        return decidedAt == null && !moment.isBefore(opensAt) && moment.isBefore(closesAt);
    }

    /** The pass mark for a request: that of the highest threshold the amount reaches; 0 if none. */
    public BigDecimal passMarkFor(BigDecimal amount) {
        return passMarks.stream()
                .filter(mark -> amount != null && amount.compareTo(mark.amountFrom()) >= 0)
                .max(Comparator.comparing(PassMark::amountFrom))
                .map(PassMark::passMark)
                .orElse(BigDecimal.ZERO);
    }
}
