package org.opora.calendar;

import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.MonthDay;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.IntFunction;

import org.opora.system.Text;

/**
 * Whether a day is a working day in Russia, and why. A year with a loaded decree is answered from
 * its data; any other year from the Labour Code (art. 112) alone: the fixed holidays, and a
 * holiday on a weekend moving the day off to the next working day (except in January, whose
 * weekend holidays only a decree moves). Answers from a provisional year or from the Labour Code
 * are marked provisional.
 */
public class WorkingDays {

    static final List<MonthDay> HOLIDAYS = List.of(
            MonthDay.of(1, 1), MonthDay.of(1, 2), MonthDay.of(1, 3), MonthDay.of(1, 4), MonthDay.of(1, 5),
            MonthDay.of(1, 6), MonthDay.of(1, 7), MonthDay.of(1, 8), MonthDay.of(2, 23), MonthDay.of(3, 8),
            MonthDay.of(5, 1), MonthDay.of(5, 9), MonthDay.of(6, 12), MonthDay.of(11, 4));

    /** What the calendar says of one day; the reason is rendered in the reader's language. */
    public record Day(LocalDate date, boolean working, Text reason, boolean provisional) {
    }

    /** The notes of days the Labour Code alone decides (a decree's notes are its data, as entered). */
    private static final String HOLIDAY = "holiday";
    private static final String MOVED = "moved:";

    private final IntFunction<Optional<CalendarYear>> years;
    private final Map<Integer, YearRules> cache = new HashMap<>();

    /** @param years the loaded year of a number, if any (read once per year by this instance) */
    public WorkingDays(IntFunction<Optional<CalendarYear>> years) {
        this.years = years;
    }

    public Day day(LocalDate date) {
        return cache.computeIfAbsent(date.getYear(), this::rulesOf).day(date);
    }

    private YearRules rulesOf(int year) {
        return years.apply(year).map(YearRules::fromDecree).orElseGet(() -> YearRules.fromLabourCode(year));
    }

    /** @param source the decree the year's data come from; null when the Labour Code alone decides */
    private record YearRules(Map<LocalDate, CalendarYear.Exception> exceptions, boolean provisional, String source, int year) {

        static YearRules fromDecree(CalendarYear year) {
            Map<LocalDate, CalendarYear.Exception> exceptions = new HashMap<>();
            year.exceptions().forEach(exception -> exceptions.put(exception.day(), exception));
            return new YearRules(exceptions, year.provisional(), year.source(), year.year());
        }

        static YearRules fromLabourCode(int year) {
            Map<LocalDate, CalendarYear.Exception> exceptions = new HashMap<>();
            for (MonthDay holiday : HOLIDAYS) {
                LocalDate date = holiday.atYear(year);
                if (!isWeekend(date)) {
                    exceptions.put(date, new CalendarYear.Exception(date, false, HOLIDAY));
                }
            }
            for (MonthDay holiday : HOLIDAYS) {
                LocalDate date = holiday.atYear(year);
                if (isWeekend(date) && date.getMonthValue() != 1) {
                    LocalDate moved = date.plusDays(1);
                    while (isWeekend(moved) || exceptions.containsKey(moved)) {
                        moved = moved.plusDays(1);
                    }
                    exceptions.put(moved, new CalendarYear.Exception(moved, false, MOVED + date));
                }
            }
            return new YearRules(exceptions, true, null, year);
        }

        Day day(LocalDate date) {
            CalendarYear.Exception exception = exceptions.get(date);
            if (exception != null) {
                return new Day(date, exception.working(), reason(exception), provisional);
            }
            if (isWeekend(date)) {
                return new Day(date, false, Text.of(date.getDayOfWeek() == DayOfWeek.SATURDAY ? "calendar.day.saturday"
                        : "calendar.day.sunday"), provisional);
            }
            return new Day(date, true, Text.of("calendar.day.working"), provisional);
        }

        private Text reason(CalendarYear.Exception exception) {
            if (source == null) {
                Text labourCode = Text.of("calendar.source.labour-code", year);
                return exception.note().startsWith(MOVED)
                        ? Text.of("calendar.day.holiday-moved", LocalDate.parse(exception.note().substring(MOVED.length())), labourCode)
                        : Text.of("calendar.day.holiday", labourCode);
            }
            return Text.of(exception.working() ? "calendar.day.decree-working" : "calendar.day.decree-non-working",
                    exception.note(), source);
        }

        private static boolean isWeekend(LocalDate date) {
            return date.getDayOfWeek() == DayOfWeek.SATURDAY || date.getDayOfWeek() == DayOfWeek.SUNDAY;
        }
    }
}
