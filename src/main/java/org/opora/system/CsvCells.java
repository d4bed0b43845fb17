package org.opora.system;

import java.util.Arrays;
import java.util.List;

/**
 * The cells of every CSV export. Text that a spreadsheet would run as a formula (starting with
 * {@code = + - @}, a tab or a carriage return) is written with a leading apostrophe, so that a
 * volunteer's name or a case title typed as {@code =HYPERLINK(...)} stays text when staff open the
 * export (OWASP "CSV injection"). Numbers and dates are written as they are.
 */
public final class CsvCells {

    private CsvCells() {
    }

    public static List<Object> inert(Object... values) {
        return Arrays.stream(values).map(CsvCells::inert).toList();
    }

    public static List<Object> inert(List<?> values) {
        return values.stream().map(CsvCells::inert).toList();
    }

    public static Object inert(Object value) {
        return value instanceof String text && !text.isEmpty() && "=+-@\t\r".indexOf(text.charAt(0)) >= 0 ? "'" + text : value;
    }
}
