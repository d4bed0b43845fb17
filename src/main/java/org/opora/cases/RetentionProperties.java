package org.opora.cases;

import java.time.Period;
import java.util.Map;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * How long a case is kept whole after its process ended ({@code opora.retention}, ADR 16).
 *
 * @param periods       per case type (the process key), e.g. {@code volunteer-matching: P3Y}
 * @param defaultPeriod for a case type not listed
 * @param cron          when the erasure runs (with the other schedulers, {@code opora.scheduling.enabled})
 * @param batch         cases looked at per query
 */
@ConfigurationProperties("opora.retention")
public record RetentionProperties(
        @DefaultValue Map<String, Period> periods,
        @DefaultValue("P5Y") Period defaultPeriod,
        @DefaultValue("0 30 3 * * *") String cron,
        @DefaultValue("500") int batch) {

    public Period periodOf(String processKey) {
        return periods.getOrDefault(processKey, defaultPeriod);
    }
}
