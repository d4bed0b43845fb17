package org.opora.cases;

import java.time.Instant;
import java.util.UUID;

/** One case of any process; {@link #id()} is the business key of its process instance. */
public record CaseRecord(
        UUID id,
        String processKey,
        String processInstanceId,
        UUID centreId,
        UUID organisationId,
        String title,
        String createdBy,
        Instant createdAt) {

    public String businessKey() {
        return id.toString();
    }
}
