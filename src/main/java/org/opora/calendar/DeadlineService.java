package org.opora.calendar;

import java.time.LocalDate;
import java.util.List;
import java.util.Optional;

import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** Deadlines on the current production calendar, for the API and for the processes' timers alike. */
@Service
public class DeadlineService {

    private final CalendarRepository repository;

    DeadlineService(CalendarRepository repository) {
        this.repository = repository;
    }

    public Deadline compute(LocalDate from, int days, DeadlineRule.DayKind kind, boolean rollForward) {
        return calculator().compute(from, days, kind, rollForward);
    }

    /** The deadline of a named rule; the rule must exist (processes and services name shipped rules). */
    public Deadline due(LocalDate from, String ruleName) {
        DeadlineRule rule = repository.findRule(ruleName)
                .orElseThrow(() -> new IllegalStateException("The deadline rule " + ruleName + " is missing"));
        return compute(from, rule.days(), rule.dayKind(), rule.rollForward());
    }

    public Optional<DeadlineRule> rule(String name) {
        return repository.findRule(name);
    }

    public List<DeadlineRule> rules() {
        return repository.rules();
    }

    public Optional<CalendarYear> year(int year) {
        return repository.findYear(year);
    }

    public List<Integer> years() {
        return repository.years();
    }

    @Transactional
    public void saveRule(DeadlineRule rule) {
        repository.saveRule(rule);
    }

    @Transactional
    public void saveYear(CalendarYear year) {
        repository.save(year);
    }

    /** Each computation reads the calendar afresh, so an administrator's change applies at once. */
    private DeadlineCalculator calculator() {
        return new DeadlineCalculator(new WorkingDays(repository::findYear));
    }
}
