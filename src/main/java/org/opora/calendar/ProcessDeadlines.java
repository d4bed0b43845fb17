package org.opora.calendar;

import java.time.LocalDate;
import java.time.ZoneId;
import java.util.Date;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * The calendar for BPMN timers, so that the engine waits exactly as long as the API says:
 * {@code <timeDate>${deadlines.overdueAt(registeredOn, 'answer')}</timeDate>} fires at the start
 * of the first day after the deadline, in Opora's time zone.
 */
@Component("deadlines")
public class ProcessDeadlines {

    private final DeadlineService deadlines;
    private final ZoneId zone;

    ProcessDeadlines(DeadlineService deadlines, @Value("${opora.time-zone}") ZoneId zone) {
        this.deadlines = deadlines;
        this.zone = zone;
    }

    /** The last day still on time, as a date (an ISO date string or a date variable). */
    public LocalDate due(Object from, String rule) {
        DeadlineRule found = deadlines.rule(rule).orElseThrow(() -> new IllegalArgumentException("No deadline rule " + rule));
        return deadlines.compute(toDate(from), found.days(), found.dayKind(), found.rollForward()).due();
    }

    /** The moment the deadline has passed: the start of the day after {@link #due}. */
    public Date overdueAt(Object from, String rule) {
        return Date.from(due(from, rule).plusDays(1).atStartOfDay(zone).toInstant());
    }

    private LocalDate toDate(Object from) {
        if (from instanceof LocalDate date) {
            return date;
        }
        if (from instanceof Date date) {
            return date.toInstant().atZone(zone).toLocalDate();
        }
        if (from instanceof String text) {
            return LocalDate.parse(text);
        }
        throw new IllegalArgumentException("Cannot read a date from " + from);
    }
}
