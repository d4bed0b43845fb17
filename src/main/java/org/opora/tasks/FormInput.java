package org.opora.tasks;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.function.Function;

import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.DelegateTask;
import org.opora.system.ApiException;
import org.opora.system.ApiException.FieldProblem;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * The fields a user task's form submitted, read the same way by every feature's delegates: in a task
 * listener on completing the task, or in the service task that follows it. Blank text reads as absent;
 * a value of the wrong kind is a problem naming its field, thrown by {@link #requireValid()} as a 400
 * (the completion then changes nothing). What Opora keeps goes to its own tables; {@link #consume()}
 * then removes the fields read, so the process carries only what its gateways need.
 */
public final class FormInput {

    private static final ObjectMapper JSON = new ObjectMapper()
            .enable(com.fasterxml.jackson.databind.DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS);

    private final Function<String, Object> values;
    private final Consumer<String> remover;
    private final List<String> read = new ArrayList<>();
    private final List<FieldProblem> problems = new ArrayList<>();

    private FormInput(Function<String, Object> values, Consumer<String> remover) {
        this.values = values;
        this.remover = remover;
    }

    /**
     * The fields of the task being completed. Where a completion leaves a field depends on its path:
     * Opora's API (and TaskService) writes the fields to the task's execution; Tasklist's form submission
     * sets them on the task, where a field the task showed prefilled is a task variable. So the
     * execution's value counts, else the task's: a field the API did not send keeps the value the task
     * was prefilled with.
     */
    public static FormInput of(DelegateTask task) {
        return new FormInput(key -> {
            Object value = task.getExecution().getVariable(key);
            return value != null ? value : task.getVariableLocal(key);
        }, key -> {
            if (task.getExecution().hasVariableLocal(key)) {
                task.getExecution().removeVariableLocal(key);
            } else {
                task.getExecution().removeVariable(key);
            }
        });
    }

    /** The fields a completed user task left in the process, read by the service task that follows it. */
    public static FormInput of(DelegateExecution execution) {
        return new FormInput(execution::getVariable, execution::removeVariable);
    }

    /**
     * Makes the fields local to the task's own execution before anyone fills them in, so that what one
     * expert enters (a score, say) is never written where a parallel task of the same process can read it.
     */
    public static void keepLocal(DelegateTask task, Collection<String> keys) {
        keys.forEach(key -> task.getExecution().setVariableLocal(key, null));
    }

    public String text(String key) {
        Object value = submitted(key);
        return value == null || value.toString().isBlank() ? null : value.toString().strip();
    }

    public String requiredText(String key) {
        String value = text(key);
        if (value == null) {
            problems.add(new FieldProblem(key, "is required"));
        }
        return value;
    }

    /** A whole number; a fraction is refused rather than cut. */
    public Long number(String key) {
        Object value = submitted(key);
        if (value instanceof Number number) {
            if (number.doubleValue() != Math.rint(number.doubleValue())) {
                problems.add(new FieldProblem(key, "must be a whole number"));
                return null;
            }
            return number.longValue();
        }
        return null;
    }

    public BigDecimal amount(String key) {
        Object value = submitted(key);
        return value instanceof Number number ? new BigDecimal(number.toString()) : null;
    }

    public boolean ticked(String key) {
        return Boolean.TRUE.equals(submitted(key));
    }

    /** A date: as a form's date field sends it ("2026-03-02"), or a date the API put there. */
    public LocalDate date(String key) {
        Object value = submitted(key);
        if (value instanceof LocalDate date) {
            return date;
        }
        if (value instanceof Date date) {
            return date.toInstant().atZone(ZoneOffset.UTC).toLocalDate();
        }
        String text = text(key);
        if (text == null) {
            return null;
        }
        try {
            return LocalDate.parse(text);
        } catch (DateTimeParseException notADate) {
            problems.add(new FieldProblem(key, "must be a date (YYYY-MM-DD)"));
            return null;
        }
    }

    /**
     * A list field ({@code checklist}, {@code taglist}) as texts. The form contract checked its shape and
     * passes it on as JSON text; a list the task was prefilled with is a JSON variable ({@link JsonVariables}).
     */
    public List<String> texts(String key) {
        List<String> texts = new ArrayList<>();
        for (Object item : list(key)) {
            if (item instanceof String text && !text.isBlank()) {
                texts.add(text.strip());
            } else {
                problems.add(new FieldProblem(key, "must be a list of texts"));
                return List.of();
            }
        }
        return texts;
    }

    /**
     * The rows of a {@code dynamiclist}, each a map of its fields' values (numbers as numbers, text as
     * text); the form contract checked each row's fields by the form's rules.
     */
    public List<Map<String, Object>> rows(String key) {
        List<Map<String, Object>> rows = new ArrayList<>();
        for (Object item : list(key)) {
            if (!(item instanceof Map<?, ?> row)) {
                problems.add(new FieldProblem(key, "must be a list of rows"));
                return List.of();
            }
            Map<String, Object> fields = new LinkedHashMap<>();
            row.forEach((field, value) -> fields.put(String.valueOf(field), value));
            rows.add(fields);
        }
        return rows;
    }

    private List<?> list(String key) {
        Object value = submitted(key);
        if (value == null || value instanceof String text && text.isBlank()) {
            return List.of();
        }
        if (value instanceof List<?> list) {
            return list;
        }
        if (value instanceof String text) {
            try {
                Object parsed = JSON.readValue(text, Object.class);
                if (parsed instanceof List<?> list) {
                    return list;
                }
            } catch (JsonProcessingException notJson) {
                // Refused below.
            }
        }
        problems.add(new FieldProblem(key, "must be a list"));
        return List.of();
    }

    /** One of an enumeration's values, by its name in any case ("email" or "EMAIL"). */
    public <E extends Enum<E>> E choice(String key, Class<E> type) {
        String text = text(key);
        if (text == null) {
            return null;
        }
        return Arrays.stream(type.getEnumConstants()).filter(constant -> constant.name().equalsIgnoreCase(text)).findFirst()
                .orElseGet(() -> {
                    problems.add(new FieldProblem(key, "must be one of " + Arrays.toString(type.getEnumConstants())));
                    return null;
                });
    }

    private Object submitted(String key) {
        read.add(key);
        return values.apply(key);
    }

    public void problem(String field, String message) {
        problems.add(new FieldProblem(field, message));
    }

    /** Throws the problems found so far, naming their fields; the completion then changes nothing. */
    public void requireValid() {
        if (!problems.isEmpty()) {
            throw ApiException.invalid(List.copyOf(problems));
        }
    }

    /** Removes the fields read from the process (they were kept in Opora's tables). */
    public void consume() {
        read.stream().distinct().forEach(remover);
    }
}
