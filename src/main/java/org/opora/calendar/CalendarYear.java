package org.opora.calendar;

import java.time.LocalDate;
import java.util.List;

/**
 * One year of the production calendar: the decree (or other source) and the days that differ
 * from "Monday to Friday work".
 */
public record CalendarYear(int year, String source, boolean provisional, List<Exception> exceptions) {

    /** A weekday off ({@code working} false) or a working weekend day ({@code working} true). */
    public record Exception(LocalDate day, boolean working, String note) {
    }
}
