package org.opora.documents;

import java.time.Instant;
import java.util.UUID;

/**
 * A document kept on a case, or on a volunteer's record: what it is, who added it and when. The
 * bytes are in the {@link DocumentStore} under {@link #storageKey()}.
 *
 * @param contentType the type Apache Tika detected from the bytes, never what the client claimed
 * @param sha256      the checksum of the bytes as stored, hexadecimal
 * @param part        the part of the case it belongs to (a grant's {@code report-1}), or null for the case as a whole
 */
public record Document(UUID id, UUID caseId, UUID volunteerId, String kind, String name, String contentType, long size,
        String sha256, String storageKey, String uploadedBy, Instant uploadedAt, String part) {
}
