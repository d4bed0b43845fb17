package org.opora.calendar;

import java.time.LocalDate;
import java.util.List;
import java.util.Optional;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

@Repository
class CalendarRepository {

    private final JdbcClient jdbc;

    CalendarRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    Optional<CalendarYear> findYear(int year) {
        return jdbc.sql("SELECT year_number, source, provisional FROM calendar_year WHERE year_number = ?")
                .param(year)
                .query((rs, row) -> new CalendarYear(rs.getInt("year_number"), rs.getString("source"),
                        rs.getBoolean("provisional"), exceptions(year)))
                .optional();
    }

    List<Integer> years() {
        return jdbc.sql("SELECT year_number FROM calendar_year ORDER BY year_number").query(Integer.class).list();
    }

    /** Replaces a year: its source, whether it is provisional, and all of its exceptions. */
    void save(CalendarYear year) {
        jdbc.sql("DELETE FROM calendar_exception WHERE year_number = ?").param(year.year()).update();
        int updated = jdbc.sql("UPDATE calendar_year SET source = ?, provisional = ? WHERE year_number = ?")
                .params(year.source(), year.provisional(), year.year())
                .update();
        if (updated == 0) {
            jdbc.sql("INSERT INTO calendar_year (year_number, source, provisional) VALUES (?, ?, ?)")
                    .params(year.year(), year.source(), year.provisional())
                    .update();
        }
        for (CalendarYear.Exception exception : year.exceptions()) {
            jdbc.sql("INSERT INTO calendar_exception (calendar_date, year_number, working, note) VALUES (?, ?, ?, ?)")
                    .params(exception.day(), year.year(), exception.working(), exception.note())
                    .update();
        }
    }

    void saveRule(DeadlineRule rule) {
        int updated = jdbc.sql("UPDATE deadline_rule SET title = ?, legal_source = ?, days = ?, day_kind = ?, roll_forward = ? "
                        + "WHERE name = ?")
                .params(rule.title(), rule.legalSource(), rule.days(), rule.dayKind().name(), rule.rollForward(), rule.name())
                .update();
        if (updated == 0) {
            jdbc.sql("INSERT INTO deadline_rule (name, title, legal_source, days, day_kind, roll_forward) VALUES (?, ?, ?, ?, ?, ?)")
                    .params(rule.name(), rule.title(), rule.legalSource(), rule.days(), rule.dayKind().name(), rule.rollForward())
                    .update();
        }
    }

    Optional<DeadlineRule> findRule(String name) {
        return jdbc.sql("SELECT name, title, legal_source, days, day_kind, roll_forward FROM deadline_rule WHERE name = ?")
                .param(name)
                .query((rs, row) -> rule(rs))
                .optional();
    }

    List<DeadlineRule> rules() {
        return jdbc.sql("SELECT name, title, legal_source, days, day_kind, roll_forward FROM deadline_rule ORDER BY name")
                .query((rs, row) -> rule(rs))
                .list();
    }

    private List<CalendarYear.Exception> exceptions(int year) {
        return jdbc.sql("SELECT calendar_date, working, note FROM calendar_exception WHERE year_number = ? ORDER BY calendar_date")
                .param(year)
                .query((rs, row) -> new CalendarYear.Exception(rs.getObject("calendar_date", LocalDate.class),
                        rs.getBoolean("working"), rs.getString("note")))
                .list();
    }

    private static DeadlineRule rule(java.sql.ResultSet rs) throws java.sql.SQLException {
        return new DeadlineRule(rs.getString("name"), rs.getString("title"), rs.getString("legal_source"),
                rs.getInt("days"), DeadlineRule.DayKind.valueOf(rs.getString("day_kind")), rs.getBoolean("roll_forward"));
    }
}
