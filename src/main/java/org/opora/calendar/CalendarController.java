package org.opora.calendar;

import java.time.LocalDate;
import java.util.List;
import java.util.Locale;

import org.opora.system.ApiException;
import org.opora.system.Texts;
import org.springframework.format.annotation.DateTimeFormat;
import org.springframework.validation.annotation.Validated;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;

import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

@RestController
@Validated
@Tag(name = "Calendar", description = "The Russian working-day calendar and statutory deadlines")
class CalendarController {

    private final DeadlineService deadlines;
    private final CalendarMapper mapper;

    private final Texts texts;

    CalendarController(DeadlineService deadlines, CalendarMapper mapper, Texts texts) {
        this.texts = texts;
        this.deadlines = deadlines;
        this.mapper = mapper;
    }

    record DeadlineView(LocalDate from, String rule, String legalSource, int days, DeadlineRule.DayKind kind,
            boolean rollForward, LocalDate due, boolean provisional, List<String> explanation) {
    }

    record YearUpdate(@NotBlank @Size(max = 500) String source, @NotNull Boolean provisional,
            @NotNull List<@Valid @NotNull DayUpdate> days) {
    }

    record DayUpdate(@NotNull LocalDate day, @NotNull Boolean working, @NotBlank @Size(max = 300) String note) {
    }

    @GetMapping("/api/calendar/deadline")
    @Operation(summary = "When a deadline falls, and why",
            description = "Either a rule (registration, answer, ...) or days and kind. Counting starts the day after "
                    + "`from`; a last day that is not a working day moves to the next working day when the rule says so "
                    + "(always, for days and kind).")
    DeadlineView deadline(@RequestParam @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate from,
            @RequestParam(required = false) String rule,
            @RequestParam(required = false) @Min(1) @Max(3650) Integer days,
            @RequestParam(required = false) String kind) {
        if (rule != null) {
            DeadlineRule found = deadlines.rule(rule)
                    .orElseThrow(() -> ApiException.invalid("rule", "is not a known deadline rule"));
            return view(deadlines.compute(from, found.days(), found.dayKind(), found.rollForward()), found);
        }
        if (days == null) {
            throw ApiException.invalid("rule", "give a rule, or days and kind");
        }
        DeadlineRule.DayKind dayKind;
        try {
            dayKind = DeadlineRule.DayKind.valueOf(kind == null ? "CALENDAR" : kind.toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException ex) {
            throw ApiException.invalid("kind", "must be calendar or working");
        }
        return view(deadlines.compute(from, days, dayKind, true), null);
    }

    @GetMapping("/api/calendar/rules")
    @Operation(summary = "The deadline rules and their legal sources")
    List<DeadlineRule> rules() {
        return deadlines.rules();
    }

    record RuleUpdate(@NotBlank @Size(max = 300) String title, @NotBlank @Size(max = 300) String legalSource,
            @NotNull @Min(1) @Max(3650) Integer days, @NotNull DeadlineRule.DayKind dayKind, @NotNull Boolean rollForward) {
    }

    @PutMapping("/api/admin/calendar/rules/{name}")
    @Operation(summary = "Add or change a deadline rule, such as a regional rule or a new law (administrators)")
    DeadlineRule saveRule(@PathVariable @Pattern(regexp = "[a-z0-9-]{2,50}", message = "must be 2-50 lower-case letters, digits or '-'")
            String name, @Valid @RequestBody RuleUpdate update) {
        DeadlineRule rule = new DeadlineRule(name, update.title(), update.legalSource(), update.days(), update.dayKind(),
                update.rollForward());
        deadlines.saveRule(rule);
        return rule;
    }

    @GetMapping("/api/calendar/years")
    @Operation(summary = "The years whose calendar is loaded")
    List<Integer> years() {
        return deadlines.years();
    }

    @GetMapping("/api/calendar/years/{year}")
    @Operation(summary = "One year: its source, whether it is provisional, and its moved days")
    CalendarYear year(@PathVariable int year) {
        return deadlines.year(year).orElseThrow(() -> ApiException.notFound("Calendar year"));
    }

    @PutMapping("/api/admin/calendar/years/{year}")
    @Operation(summary = "Load or correct a year from its decree (administrators)")
    CalendarYear saveYear(@PathVariable @Min(2000) @Max(2100) int year, @Valid @RequestBody YearUpdate update) {
        for (int i = 0; i < update.days().size(); i++) {
            if (update.days().get(i).day().getYear() != year) {
                throw ApiException.invalid("days[" + i + "].day", "is not in " + year);
            }
        }
        deadlines.saveYear(mapper.toYear(year, update));
        return deadlines.year(year).orElseThrow();
    }

    private DeadlineView view(Deadline deadline, DeadlineRule rule) {
        return mapper.toView(deadline, rule, texts.render(deadline.explanation()));
    }
}
