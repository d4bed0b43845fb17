package org.opora.volunteering;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import java.time.DayOfWeek;
import java.time.LocalTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import com.fasterxml.jackson.annotation.JsonFormat;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;

import jakarta.validation.Constraint;
import jakarta.validation.ConstraintValidator;
import jakarta.validation.ConstraintValidatorContext;
import jakarta.validation.Payload;
import jakarta.validation.constraints.NotNull;

/**
 * When a volunteer is free in a week: a list of {@link Slot}s ({@code {"day": "SAT", "from": "10:00",
 * "to": "14:00"}}, a day without hours meaning the whole day), kept as a JSON array in
 * {@code volunteer.availability} (V98), and held for ranking as one 48-bit half-hour mask per weekday.
 */
public final class Availability {

    private static final long WHOLE_DAY = (1L << 48) - 1;
    private static final ObjectMapper JSON = new ObjectMapper().registerModule(new JavaTimeModule())
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS).setSerializationInclusion(JsonInclude.Include.NON_NULL);
    private static final TypeReference<List<Slot>> SLOTS = new TypeReference<>() {
    };

    private Availability() {
    }

    /** A weekday as the API writes it. */
    public enum Day {
        MON, TUE, WED, THU, FRI, SAT, SUN;

        public DayOfWeek dayOfWeek() {
            return DayOfWeek.of(ordinal() + 1);
        }

        public static Day of(DayOfWeek day) {
            return values()[day.getValue() - 1];
        }
    }

    /** One free time of a weekday: both hours or neither (the whole day); 00:00 as the end is midnight. */
    @Rule
    public record Slot(@NotNull Day day, @JsonFormat(pattern = "HH:mm") LocalTime from,
            @JsonFormat(pattern = "HH:mm") LocalTime to) {

        public static Slot wholeDay(Day day) {
            return new Slot(day, null, null);
        }

        /** The half hours of the week it covers, on its day's mask. */
        long mask() {
            return from == null && to == null ? WHOLE_DAY : Availability.mask(from, to);
        }
    }

    /** What is wrong with a slot, naming its field ({@code to}) and the pages' text ({@code code}), or nothing: the one rule, for the API and the pages. */
    public record Problem(String field, String code, String message) {
    }

    public static Optional<Problem> problem(Slot slot) {
        if (slot.from() == null && slot.to() == null) {
            return Optional.empty();
        }
        if (slot.from() == null) {
            return Optional.of(new Problem("from", "from-missing", "is required with to (leave both empty for the whole day)"));
        }
        if (slot.to() == null) {
            return Optional.of(new Problem("to", "to-missing", "is required with from (leave both empty for the whole day)"));
        }
        if (!slot.to().equals(LocalTime.MIDNIGHT) && !slot.to().isAfter(slot.from())) {
            return Optional.of(new Problem("to", "to-not-after", "must be after from (00:00 is the end of the day)"));
        }
        return Optional.empty();
    }

    /** Bean validation of {@link Slot}: refuses the field {@link #problem} names. */
    @Documented
    @Constraint(validatedBy = RuleCheck.class)
    @Target(ElementType.TYPE)
    @Retention(RetentionPolicy.RUNTIME)
    public @interface Rule {
        String message() default "is not a valid time of a day";

        Class<?>[] groups() default {};

        Class<? extends Payload>[] payload() default {};
    }

    public static class RuleCheck implements ConstraintValidator<Rule, Slot> {
        @Override
        public boolean isValid(Slot slot, ConstraintValidatorContext context) {
            if (slot == null) {
                return true;
            }
            Optional<Problem> problem = problem(slot);
            problem.ifPresent(found -> {
                context.disableDefaultConstraintViolation();
                context.buildConstraintViolationWithTemplate(found.message().replace("{", "\\{"))
                        .addPropertyNode(found.field()).addConstraintViolation();
            });
            return problem.isEmpty();
        }
    }

    /** One mask per weekday (Monday first); all zero when nothing is given. */
    public static long[] week(List<Slot> slots) {
        long[] week = new long[7];
        if (slots != null) {
            for (Slot slot : slots) {
                week[slot.day().ordinal()] |= slot.mask();
            }
        }
        return week;
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

    /** The column's JSON array ({@code []} when free at no time). */
    public static String toColumn(List<Slot> slots) {
        try {
            return JSON.writeValueAsString(slots == null ? List.of() : slots);
        } catch (JsonProcessingException impossible) {
            throw new IllegalStateException(impossible);
        }
    }

    /** From the column's JSON array. */
    public static List<Slot> fromColumn(String json) {
        if (json == null || json.isBlank()) {
            return new ArrayList<>();
        }
        try {
            return JSON.readValue(json, SLOTS);
        } catch (JsonProcessingException unreadable) {
            throw new IllegalStateException("Not a JSON list of availability slots: " + json, unreadable);
        }
    }
}
