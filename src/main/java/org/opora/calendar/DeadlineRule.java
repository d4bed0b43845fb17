package org.opora.calendar;

/** A statutory deadline: so many calendar or working days after an event, per its legal source. */
public record DeadlineRule(String name, String title, String legalSource, int days, DayKind dayKind, boolean rollForward) {

    public enum DayKind { CALENDAR, WORKING }
}
