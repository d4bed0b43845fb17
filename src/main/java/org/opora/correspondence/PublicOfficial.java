package org.opora.correspondence;

import java.time.LocalDate;
import java.util.UUID;

/** Who held a position at a body, and when; {@code heldUntil} is null while they hold it. */
public record PublicOfficial(UUID id, UUID bodyId, String fullName, String position, LocalDate heldFrom, LocalDate heldUntil) {
}
