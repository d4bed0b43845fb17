package org.opora.volunteering;

import java.time.DayOfWeek;
import java.time.LocalTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * When a volunteer is free in a week, written as lines such as {@code SAT 10:00-14:00} (a day
 * alone means the whole day), and held for ranking as one 48-bit half-hour mask per weekday.
 */
public final class Availability {

    private static final Pattern LINE = Pattern.compile(
            "(MON|TUE|WED|THU|FRI|SAT|SUN)(?:\\s+(\\d{1,2}:\\d{2})\\s*-\\s*(\\d{1,2}:\\d{2}))?");
    private static final long WHOLE_DAY = (1L << 48) - 1;

    private Availability() {
    }

    /** One mask per weekday (Monday first); all zero when nothing is given. */
    public static long[] parse(String text) {
        long[] week = new long[7];
        for (String line : lines(text)) {
            Matcher matcher = LINE.matcher(line.trim().toUpperCase(Locale.ROOT));
            if (!matcher.matches()) {
                throw new IllegalArgumentException("not an availability line (like SAT 10:00-14:00): " + line);
            }
            int day = dayIndex(matcher.group(1));
            week[day] |= matcher.group(2) == null ? WHOLE_DAY
                    : mask(LocalTime.parse(pad(matcher.group(2))), LocalTime.parse(pad(matcher.group(3))));
        }
        return week;
    }

    /** Checks the text and returns it normalised (upper-case day names, one line each). */
    public static String normalise(String text) {
        parse(text);
        return String.join("\n", lines(text).stream().map(line -> line.trim().toUpperCase(Locale.ROOT)).toList());
    }

    /** The half hours from {@code start} (inclusive) to {@code end} (exclusive), rounded outwards. */
    public static long mask(LocalTime start, LocalTime end) {
        int from = start.getHour() * 2 + start.getMinute() / 30;
        int to = end.equals(LocalTime.MIDNIGHT) ? 48 : end.getHour() * 2 + (end.getMinute() + 29) / 30;
        if (to <= from) {
            throw new IllegalArgumentException("a time range must end after it starts: " + start + "-" + end);
        }
        return (to >= 64 ? -1L : (1L << to) - 1) & ~((1L << from) - 1) & WHOLE_DAY;
    }

    public static int dayIndex(DayOfWeek day) {
        return day.getValue() - 1;
    }

    private static int dayIndex(String name) {
        return List.of("MON", "TUE", "WED", "THU", "FRI", "SAT", "SUN").indexOf(name);
    }

    private static String pad(String time) {
        return time.length() == 4 ? "0" + time : time;
    }

    private static List<String> lines(String text) {
        List<String> lines = new ArrayList<>();
        if (text != null) {
            for (String line : text.split("[\\n;,]")) {
                if (!line.isBlank()) {
                    lines.add(line);
                }
            }
        }
        return lines;
    }
}
