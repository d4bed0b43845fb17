package org.opora.calendar;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.util.Optional;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;

/**
 * Any start day from 1990 to 2100 and any period the API accepts: the calculator never fails, the due
 * day comes after the start, and a deadline that rolls forward ends on a working day. Years without a
 * decree fall back to the Labour Code's holidays, as in production. Every build replays the saved
 * inputs ({@code DeadlineCalculatorFuzzTestInputs}); {@code JAZZER_FUZZ=1} fuzzes (docs/reliability.md).
 */
class DeadlineCalculatorFuzzTest {

    private static final long FIRST = LocalDate.of(1990, 1, 1).toEpochDay();
    private static final long LAST = LocalDate.of(2100, 12, 31).toEpochDay();

    private final WorkingDays days = new WorkingDays(year -> Optional.empty());
    private final DeadlineCalculator calculator = new DeadlineCalculator(days);

    @FuzzTest(maxDuration = "60s")
    void everyDeadlineEndsAfterItsStartAndRollsOntoAWorkingDay(FuzzedDataProvider data) {
        LocalDate from = LocalDate.ofEpochDay(data.consumeLong(FIRST, LAST));
        int period = data.consumeInt(1, 3650);
        DeadlineRule.DayKind kind = data.pickValue(DeadlineRule.DayKind.values());
        boolean rollForward = data.consumeBoolean();

        Deadline deadline = calculator.compute(from, period, kind, rollForward);

        assertThat(deadline.due()).isAfter(from);
        if (kind == DeadlineRule.DayKind.CALENDAR && !rollForward) {
            assertThat(deadline.due()).isEqualTo(from.plusDays(period));
        }
        if (rollForward) {
            assertThat(days.day(deadline.due()).working()).isTrue();
        }
        assertThat(deadline.explanation()).isNotEmpty();
    }
}
