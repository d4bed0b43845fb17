package org.opora.calendar;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;

/**
 * Counts deadlines the way the Civil Code does: from the day after the event (art. 191); calendar
 * days, or working days only; a last day that falls on a non-working day moves to the next
 * working day (art. 193) when the rule says so.
 */
public class DeadlineCalculator {

    private final WorkingDays calendar;

    public DeadlineCalculator(WorkingDays calendar) {
        this.calendar = calendar;
    }

    public Deadline compute(LocalDate from, int days, DeadlineRule.DayKind kind, boolean rollForward) {
        if (days <= 0) {
            throw new IllegalArgumentException("days must be positive");
        }
        List<String> explanation = new ArrayList<>();
        boolean provisional = false;
        LocalDate due;
        if (kind == DeadlineRule.DayKind.CALENDAR) {
            due = from.plusDays(days);
            explanation.add(days + " calendar days counted from the day after " + from + " end on " + due);
        } else {
            due = from;
            int counted = 0;
            while (counted < days) {
                due = due.plusDays(1);
                WorkingDays.Day day = calendar.day(due);
                provisional |= day.provisional();
                if (day.working()) {
                    counted++;
                } else {
                    explanation.add("skipped " + due + ", " + day.reason());
                }
            }
            explanation.add(0, days + " working days counted from the day after " + from + " end on " + due);
        }
        WorkingDays.Day last = calendar.day(due);
        provisional |= last.provisional();
        if (rollForward) {
            while (!last.working()) {
                explanation.add(due + " is " + last.reason() + ", so the deadline moves to the next day");
                due = due.plusDays(1);
                last = calendar.day(due);
                provisional |= last.provisional();
            }
        }
        explanation.add("due on " + due + (provisional ? " (provisional: the calendar of that year is not confirmed by a decree)" : ""));
        return new Deadline(from, days, kind, rollForward, due, provisional, List.copyOf(explanation));
    }

    public Deadline compute(LocalDate from, DeadlineRule rule) {
        return compute(from, rule.days(), rule.dayKind(), rule.rollForward());
    }
}
