package org.opora.grants.review;

import java.util.UUID;

/**
 * Published, in the scoring transaction, when an application's reviews were aggregated into its score.
 * Later stages (the committee's ranking) listen; the review stage knows nothing of them.
 */
public record ApplicationScored(UUID applicationId, UUID competitionId) {
}
