package org.opora.cases;

import java.time.Instant;
import java.util.UUID;

/**
 * Something that happened on a case, recorded by Opora beside the engine's history: a code ({@code kind}), the
 * parameters of its sentence ({@code args}, a JSON array, see {@link CaseEventTexts}) and what a person typed
 * ({@code detail}, data kept as entered). Null args: a row written before events had parameters.
 */
public record CaseEvent(UUID id, UUID caseId, Instant occurredAt, String kind, String actor, String detail, String args) {
}
