package org.opora.system;

import java.util.ArrayList;
import java.util.List;

import org.camunda.bpm.engine.AuthorizationException;
import org.camunda.bpm.engine.OptimisticLockingException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.i18n.LocaleContextHolder;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.lang.Nullable;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.web.bind.MethodArgumentNotValidException;
import org.springframework.web.bind.MissingServletRequestParameterException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.context.request.WebRequest;
import org.springframework.web.method.annotation.HandlerMethodValidationException;
import org.springframework.web.method.annotation.MethodArgumentTypeMismatchException;
import org.springframework.web.servlet.mvc.method.annotation.ResponseEntityExceptionHandler;

import com.fasterxml.jackson.databind.JsonMappingException;
import jakarta.validation.ConstraintViolation;
import jakarta.validation.ConstraintViolationException;
import jakarta.validation.Path;
import com.fasterxml.jackson.databind.exc.InvalidFormatException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;

/**
 * Turns every error of Opora's API into {@code application/problem+json} with a stable type and,
 * for bad input, the fields at fault. Never a stack trace.
 */
@RestControllerAdvice
public class ApiExceptionHandler extends ResponseEntityExceptionHandler {

    private static final Logger log = LoggerFactory.getLogger(ApiExceptionHandler.class);

    private final ProblemTexts texts;

    ApiExceptionHandler(ProblemTexts texts) {
        this.texts = texts;
    }

    @ExceptionHandler(ApiException.class)
    ResponseEntity<Object> handleApi(ApiException ex) {
        return problem(Problems.of(ex.type(), ex.getMessage(), ex.fields()));
    }

    @ExceptionHandler(OptimisticLockingException.class)
    ResponseEntity<Object> handleConcurrentChange(OptimisticLockingException ex) {
        return problem(Problems.of(ProblemType.CONFLICT, "Someone else changed this at the same time; reload and try again"));
    }

    @ExceptionHandler({AuthorizationException.class, AccessDeniedException.class})
    ResponseEntity<Object> handleForbidden(RuntimeException ex) {
        return problem(Problems.of(ProblemType.FORBIDDEN, "You are not allowed to do this"));
    }

    @ExceptionHandler(MethodArgumentTypeMismatchException.class)
    ResponseEntity<Object> handleTypeMismatch(MethodArgumentTypeMismatchException ex) {
        return problem(Problems.of(ProblemType.VALIDATION, "Some parameters are not valid",
                List.of(new ApiException.FieldProblem(ex.getName(), "has an invalid value"))));
    }

    /** A constraint on a request parameter ({@code @Min}, {@code @Max} ...), named by the parameter. */
    @ExceptionHandler(ConstraintViolationException.class)
    ResponseEntity<Object> handleConstraintViolation(ConstraintViolationException ex) {
        List<ApiException.FieldProblem> fields = new ArrayList<>();
        for (ConstraintViolation<?> violation : ex.getConstraintViolations()) {
            String field = null;
            for (Path.Node node : violation.getPropertyPath()) {
                field = node.getName();
            }
            fields.add(new ApiException.FieldProblem(field, violation.getMessage()));
        }
        return problem(Problems.of(ProblemType.VALIDATION, "Some parameters are not valid", fields));
    }

    @ExceptionHandler(Exception.class)
    ResponseEntity<Object> handleUnexpected(Exception ex) {
        // A task listener or delegate refused the step (the engine wraps what they throw): that is the answer.
        for (Throwable cause = ex.getCause(); cause != null; cause = cause.getCause()) {
            if (cause instanceof ApiException refused) {
                return handleApi(refused);
            }
        }
        if (DatabaseOutage.causedBy(ex)) {
            log.warn("Database unreachable: {}", ex.getMessage());
            return ResponseEntity.status(HttpStatus.SERVICE_UNAVAILABLE).header("Retry-After", DatabaseOutage.RETRY_AFTER_SECONDS)
                    .contentType(MediaType.APPLICATION_PROBLEM_JSON).body(texts.localise(
                            Problems.of(ProblemType.UNAVAILABLE, DatabaseOutage.DETAIL), LocaleContextHolder.getLocale()));
        }
        log.error("Unexpected error in Opora's API", ex);
        return problem(Problems.of(ProblemType.INTERNAL, "The error has been logged"));
    }

    @Override
    protected ResponseEntity<Object> handleMethodArgumentNotValid(MethodArgumentNotValidException ex,
            HttpHeaders headers, HttpStatusCode status, WebRequest request) {
        List<ApiException.FieldProblem> fields = new ArrayList<>();
        ex.getBindingResult().getFieldErrors().forEach(error ->
                fields.add(new ApiException.FieldProblem(error.getField(), error.getDefaultMessage())));
        ex.getBindingResult().getGlobalErrors().forEach(error ->
                fields.add(new ApiException.FieldProblem(error.getObjectName(), error.getDefaultMessage())));
        return problem(Problems.of(ProblemType.VALIDATION, "Some fields are not valid", fields));
    }

    @Override
    protected ResponseEntity<Object> handleHandlerMethodValidationException(HandlerMethodValidationException ex,
            HttpHeaders headers, HttpStatusCode status, WebRequest request) {
        List<ApiException.FieldProblem> fields = new ArrayList<>();
        ex.getParameterValidationResults().forEach(result -> result.getResolvableErrors().forEach(error ->
                fields.add(new ApiException.FieldProblem(result.getMethodParameter().getParameterName(),
                        error.getDefaultMessage()))));
        return problem(Problems.of(ProblemType.VALIDATION, "Some parameters are not valid", fields));
    }

    @Override
    protected ResponseEntity<Object> handleMissingServletRequestParameter(MissingServletRequestParameterException ex,
            HttpHeaders headers, HttpStatusCode status, WebRequest request) {
        return problem(Problems.of(ProblemType.VALIDATION, "A required parameter is missing",
                List.of(new ApiException.FieldProblem(ex.getParameterName(), "is required"))));
    }

    @Override
    protected ResponseEntity<Object> handleHttpMessageNotReadable(HttpMessageNotReadableException ex,
            HttpHeaders headers, HttpStatusCode status, WebRequest request) {
        if (ex.getCause() instanceof JsonMappingException mapping && !mapping.getPath().isEmpty()) {
            String field = fieldPath(mapping);
            String message;
            if (mapping instanceof UnrecognizedPropertyException) {
                message = "is not a known field";
            } else if (mapping instanceof InvalidFormatException) {
                message = "has the wrong type or format";
            } else if (mapping instanceof MismatchedInputException) {
                message = "has the wrong type";
            } else {
                message = "cannot be read";
            }
            return problem(Problems.of(ProblemType.VALIDATION, "Some fields are not valid",
                    List.of(new ApiException.FieldProblem(field, message))));
        }
        return problem(Problems.of(ProblemType.MALFORMED_REQUEST, "The request body is not valid JSON"));
    }

    /** Gives the problems Spring MVC raises itself (404, 405, 415 ...) Opora's types too. */
    @Override
    protected ResponseEntity<Object> createResponseEntity(@Nullable Object body, HttpHeaders headers,
            HttpStatusCode statusCode, WebRequest request) {
        ProblemType type = ProblemType.forStatus(statusCode.value());
        ProblemDetail problem = Problems.of(type, body instanceof ProblemDetail detail ? detail.getDetail() : type.title());
        return ResponseEntity.status(statusCode).headers(headers).contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .body(texts.localise(problem, LocaleContextHolder.getLocale()));
    }

    /** In the reader's language (Accept-Language, Russian by default); type and field names stay as they are. */
    private ResponseEntity<Object> problem(ProblemDetail problem) {
        return ResponseEntity.status(problem.getStatus()).contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .body(texts.localise(problem, LocaleContextHolder.getLocale()));
    }

    private static String fieldPath(JsonMappingException mapping) {
        StringBuilder path = new StringBuilder();
        for (JsonMappingException.Reference ref : mapping.getPath()) {
            if (ref.getFieldName() != null) {
                if (!path.isEmpty()) {
                    path.append('.');
                }
                path.append(ref.getFieldName());
            } else if (ref.getIndex() >= 0) {
                path.append('[').append(ref.getIndex()).append(']');
            }
        }
        return path.toString();
    }
}
