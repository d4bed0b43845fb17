package org.opora.system;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.Date;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/** Calendar days as Opora's users live them: in {@code opora.time-zone}, on the engine's clock. */
@Component
public class OporaTime {

    private final Clock clock;
    private final ZoneId zone;

    public OporaTime(Clock clock, @Value("${opora.time-zone}") ZoneId zone) {
        this.clock = clock;
        this.zone = zone;
    }

    public Instant now() {
        return clock.instant();
    }

    public LocalDate today() {
        return LocalDate.ofInstant(clock.instant(), zone);
    }

    /** The first moment of a day, for timers and due dates. */
    public Date startOf(LocalDate day) {
        return Date.from(day.atStartOfDay(zone).toInstant());
    }

    public ZoneId zone() {
        return zone;
    }
}
