package org.opora.calendar;

import java.time.LocalDate;
import java.util.List;

import org.opora.system.Text;

/**
 * A computed deadline: the last day on which the thing is still on time, how it was reached, and
 * whether any day it depends on came from a provisional calendar.
 */
public record Deadline(LocalDate from, int days, DeadlineRule.DayKind kind, boolean rollForward, LocalDate due,
        boolean provisional, List<Text> explanation) {
}
