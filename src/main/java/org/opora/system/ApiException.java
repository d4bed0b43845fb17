package org.opora.system;

import java.util.List;

import org.camunda.bpm.engine.BadUserRequestException;

/**
 * An error Opora's API reports as a problem of the given type, optionally naming fields at fault.
 * It is the engine's kind of "bad user request": thrown from a listener or a delegate, it is the
 * client's mistake, and the engine logs it at DEBUG instead of as an error with its stack trace.
 */
public class ApiException extends BadUserRequestException {

    private final ProblemType type;
    private final transient List<FieldProblem> fields;

    public ApiException(ProblemType type, String detail) {
        this(type, detail, List.of());
    }

    public ApiException(ProblemType type, String detail, List<FieldProblem> fields) {
        super(detail);
        this.type = type;
        this.fields = List.copyOf(fields);
    }

    public static ApiException notFound(String what) {
        return new ApiException(ProblemType.NOT_FOUND, what + " not found");
    }

    public static ApiException conflict(String detail) {
        return new ApiException(ProblemType.CONFLICT, detail);
    }

    /**
     * The detail names the fields too: when a task listener refuses a completion in Tasklist, the
     * engine passes on only the message.
     */
    public static ApiException invalid(List<FieldProblem> fields) {
        return new ApiException(ProblemType.VALIDATION, "Some fields are not valid: " + String.join("; ",
                fields.stream().map(field -> field.field() + " " + field.message()).toList()), fields);
    }

    public static ApiException invalid(String field, String message) {
        return invalid(List.of(new FieldProblem(field, message)));
    }

    public ProblemType type() {
        return type;
    }

    public List<FieldProblem> fields() {
        return fields;
    }

    /** One field at fault: its name (a JSON path such as {@code budget[2].amount}) and why. */
    public record FieldProblem(String field, String message) {
    }
}
