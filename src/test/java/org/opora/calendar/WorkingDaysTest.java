package org.opora.calendar;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.util.List;
import java.util.Optional;

import org.junit.jupiter.api.Test;

/** The Labour Code fallback for years whose decree is not loaded, and the counting rules. */
class WorkingDaysTest {

    private final WorkingDays labourCodeOnly = new WorkingDays(year -> Optional.empty());
    private final DeadlineCalculator calculator = new DeadlineCalculator(labourCodeOnly);

    @Test
    void withoutADecreeAHolidayOnAWeekendMovesTheDayOffToTheNextWorkingDay() {
        assertThat(labourCodeOnly.day(LocalDate.of(2028, 11, 4)).working()).isFalse();
        WorkingDays.Day monday = labourCodeOnly.day(LocalDate.of(2028, 11, 6));
        assertThat(monday.working()).isFalse();
        assertThat(monday.reason().key()).isEqualTo("calendar.day.holiday-moved");
        assertThat(monday.reason().args()).contains(LocalDate.of(2028, 11, 4));
        assertThat(monday.provisional()).isTrue();
    }

    @Test
    void januaryHolidaysOnAWeekendAreNotMovedWithoutADecree() {
        assertThat(labourCodeOnly.day(LocalDate.of(2028, 1, 8)).working()).isFalse();
        assertThat(labourCodeOnly.day(LocalDate.of(2028, 1, 10)).working()).isTrue();
    }

    @Test
    void aWeekdayHolidayIsOffAndAnOrdinaryWeekdayWorks() {
        assertThat(labourCodeOnly.day(LocalDate.of(2029, 6, 12)).working()).isFalse();
        assertThat(labourCodeOnly.day(LocalDate.of(2029, 6, 13)).working()).isTrue();
    }

    @Test
    void aLoadedYearOverridesTheDefaultRoll() {
        CalendarYear decree = new CalendarYear(2030, "decree", false, List.of(
                new CalendarYear.Exception(LocalDate.of(2030, 6, 15), true, "working Saturday")));
        WorkingDays withDecree = new WorkingDays(year -> year == 2030 ? Optional.of(decree) : Optional.empty());

        WorkingDays.Day saturday = withDecree.day(LocalDate.of(2030, 6, 15));
        assertThat(saturday.working()).isTrue();
        assertThat(saturday.provisional()).isFalse();
        // 12 June 2030 is a Wednesday, but this decree lists no holidays at all: the data rules.
        assertThat(withDecree.day(LocalDate.of(2030, 6, 12)).working()).isTrue();
    }

    @Test
    void countingStartsTheDayAfterTheEventAndTheLastDayRollsForward() {
        // 2028-11-01 (Wednesday) + 3 calendar days = Saturday 4 Nov, a holiday; Sunday; Monday 6 Nov is the
        // day off for the holiday; so the deadline is Tuesday 7 Nov.
        Deadline deadline = calculator.compute(LocalDate.of(2028, 11, 1), 3, DeadlineRule.DayKind.CALENDAR, true);

        assertThat(deadline.due()).isEqualTo(LocalDate.of(2028, 11, 7));
        assertThat(deadline.provisional()).isTrue();
        assertThat(deadline.explanation()).filteredOn(line -> line.key().equals("deadline.rolled"))
                .extracting(line -> line.args().get(0))
                .containsExactly(LocalDate.of(2028, 11, 4), LocalDate.of(2028, 11, 5), LocalDate.of(2028, 11, 6));
    }

    @Test
    void withoutRollForwardTheLastDayStandsEvenOnAWeekend() {
        Deadline deadline = calculator.compute(LocalDate.of(2028, 11, 1), 3, DeadlineRule.DayKind.CALENDAR, false);
        assertThat(deadline.due()).isEqualTo(LocalDate.of(2028, 11, 4));
    }

    @Test
    void workingDaysSkipWeekendsAndHolidays() {
        // Friday 3 Nov 2028 + 2 working days: Saturday, Sunday, Monday 6 Nov (day off) are skipped.
        Deadline deadline = calculator.compute(LocalDate.of(2028, 11, 3), 2, DeadlineRule.DayKind.WORKING, true);
        assertThat(deadline.due()).isEqualTo(LocalDate.of(2028, 11, 8));
        assertThat(deadline.explanation()).filteredOn(line -> line.key().equals("deadline.skipped")).hasSize(3);
    }
}
