package org.opora.calendar;

import org.mapstruct.Mapper;
import org.mapstruct.Mapping;

@Mapper
interface CalendarMapper {

    @Mapping(target = "rule", source = "rule.name")
    @Mapping(target = "legalSource", source = "rule.legalSource")
    @Mapping(target = "from", source = "deadline.from")
    @Mapping(target = "days", source = "deadline.days")
    @Mapping(target = "kind", source = "deadline.kind")
    @Mapping(target = "rollForward", source = "deadline.rollForward")
    @Mapping(target = "due", source = "deadline.due")
    @Mapping(target = "provisional", source = "deadline.provisional")
    @Mapping(target = "explanation", source = "explanation")
    CalendarController.DeadlineView toView(Deadline deadline, DeadlineRule rule, java.util.List<String> explanation);

    @Mapping(target = "year", source = "year")
    @Mapping(target = "source", source = "update.source")
    @Mapping(target = "provisional", source = "update.provisional")
    @Mapping(target = "exceptions", source = "update.days")
    CalendarYear toYear(int year, CalendarController.YearUpdate update);

    CalendarYear.Exception toException(CalendarController.DayUpdate day);
}
