package org.opora.cases;

import java.time.Instant;
import java.util.UUID;

/** Something a person did on a case, recorded by Opora beside the engine's history. */
public record CaseEvent(UUID id, UUID caseId, Instant occurredAt, String kind, String actor, String detail) {
}
