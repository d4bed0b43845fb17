package org.opora.volunteering;

import java.time.Instant;
import java.util.UUID;

/** An offer of a request to one volunteer, with the ranking's explanation of why them (one reason per line). */
public record Offer(
        UUID id,
        UUID requestId,
        UUID volunteerId,
        Status status,
        double score,
        String explanation,
        Instant offeredAt,
        Instant expiresAt,
        Instant answeredAt,
        String declineReason) {

    public enum Status { OFFERED, ACCEPTED, DECLINED, EXPIRED, WITHDRAWN, CANCELLED }

    /** Why a volunteer declined; the next matching reads it. */
    public enum DeclineReason { DATE, CAUSE, OTHER }
}
