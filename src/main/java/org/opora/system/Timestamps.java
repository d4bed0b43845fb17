package org.opora.system;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Date;

/** Conversions between the engine's {@link Date}, JDBC's {@link OffsetDateTime} and {@link Instant}. */
public final class Timestamps {

    private Timestamps() {
    }

    public static OffsetDateTime toDb(Instant instant) {
        return instant == null ? null : instant.atOffset(ZoneOffset.UTC);
    }

    public static Instant fromDb(OffsetDateTime value) {
        return value == null ? null : value.toInstant();
    }

    public static Instant fromEngine(Date date) {
        return date == null ? null : date.toInstant();
    }
}
