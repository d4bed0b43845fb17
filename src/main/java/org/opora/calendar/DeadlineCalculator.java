package org.opora.calendar;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;

import org.opora.system.Text;

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
        List<Text> explanation = new ArrayList<>();
        boolean provisional = false;
        LocalDate due;
        if (kind == DeadlineRule.DayKind.CALENDAR) {
            due = from.plusDays(days);
            explanation.add(Text.of("deadline.calendar-days", days, from, due));
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
                    explanation.add(Text.of("deadline.skipped", due, day.reason()));
                }
            }
            explanation.add(0, Text.of("deadline.working-days", days, from, due));
        }
        WorkingDays.Day last = calendar.day(due);
        provisional |= last.provisional();
        if (rollForward) {
            while (!last.working()) {
                explanation.add(Text.of("deadline.rolled", due, last.reason()));
                due = due.plusDays(1);
                last = calendar.day(due);
                provisional |= last.provisional();
            }
        }
        explanation.add(Text.of(provisional ? "deadline.due-provisional" : "deadline.due", due));
        return new Deadline(from, days, kind, rollForward, due, provisional, List.copyOf(explanation));
    }

    public Deadline compute(LocalDate from, DeadlineRule rule) {
        return compute(from, rule.days(), rule.dayKind(), rule.rollForward());
    }
}
