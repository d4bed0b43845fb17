package org.opora.grants;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;

import org.camunda.bpm.engine.delegate.DelegateTask;
import org.opora.system.ApiException.FieldProblem;
import org.opora.system.ApiException;

/**
 * The fields a user task's form submitted, read in a task listener. What Opora keeps goes to its own
 * tables; the fields are then removed from the process, which carries only what its gateways need.
 */
public final class FormInput {

    private final DelegateTask task;
    private final List<String> read = new ArrayList<>();
    private final List<FieldProblem> problems = new ArrayList<>();

    private FormInput(DelegateTask task) {
        this.task = task;
    }

    public static FormInput of(DelegateTask task) {
        return new FormInput(task);
    }

    /**
     * Makes the fields local to the task's own execution before anyone fills them in, so that what one
     * expert enters (a score, say) is never written where a parallel task of the same process can read it.
     */
    public static void keepLocal(DelegateTask task, Collection<String> keys) {
        keys.forEach(key -> task.getExecution().setVariableLocal(key, null));
    }

    public String text(String key) {
        read.add(key);
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
        read.add(key);
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
        read.add(key);
        Object value = submitted(key);
        return value instanceof Number number ? new BigDecimal(number.toString()) : null;
    }

    public boolean ticked(String key) {
        read.add(key);
        return Boolean.TRUE.equals(submitted(key));
    }

    /**
     * Where a completion leaves a field depends on its path: Opora's API (and TaskService) writes the
     * fields to the task's execution; Tasklist's form submission sets them on the task, where a field
     * the task showed prefilled is a task variable. So the execution's value counts, else the task's:
     * a field the API did not send keeps the value the task was prefilled with.
     */
    private Object submitted(String key) {
        Object value = task.getExecution().getVariable(key);
        return value != null ? value : task.getVariableLocal(key);
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
        read.forEach(key -> {
            if (task.getExecution().hasVariableLocal(key)) {
                task.getExecution().removeVariableLocal(key);
            } else {
                task.getExecution().removeVariable(key);
            }
        });
    }
}
