package org.opora.calendar;

import java.time.LocalDate;
import java.util.Date;

import org.opora.system.OporaTime;
import org.springframework.stereotype.Component;

/**
 * The calendar for BPMN timers, so that the engine waits exactly as long as the API says:
 * {@code <timeDate>${deadlines.overdueAt(registeredOn, 'answer')}</timeDate>} fires at the start
 * of the first day after the deadline, in Opora's time zone.
 */
@Component("deadlines")
public class ProcessDeadlines {

    private final DeadlineService deadlines;
    private final OporaTime time;

    ProcessDeadlines(DeadlineService deadlines, OporaTime time) {
        this.deadlines = deadlines;
        this.time = time;
    }

    /** The last day still on time, as a date (an ISO date string or a date variable). */
    public LocalDate due(Object from, String rule) {
        return deadlines.due(toDate(from), rule).due();
    }

    /** The moment the deadline has passed: the start of the day after {@link #due}. */
    public Date overdueAt(Object from, String rule) {
        return time.startOf(due(from, rule).plusDays(1));
    }

    private LocalDate toDate(Object from) {
        if (from instanceof LocalDate date) {
            return date;
        }
        if (from instanceof Date date) {
            return date.toInstant().atZone(time.zone()).toLocalDate();
        }
        if (from instanceof String text) {
            return LocalDate.parse(text);
        }
        throw new IllegalArgumentException("Cannot read a date from " + from);
    }
}
