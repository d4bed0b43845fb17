package org.opora.tasks;

import java.io.IOException;
import java.util.LinkedHashMap;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.task.Task;
import org.camunda.bpm.webapp.impl.security.filter.util.CsrfConstants;
import org.opora.security.CurrentUser;
import org.opora.security.EngineApiGuard;
import org.opora.system.ApiException;
import org.opora.system.ProblemType;
import org.opora.system.Problems;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;
import org.springframework.web.util.UriUtils;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import jakarta.servlet.Filter;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpSession;

/**
 * Holds the engine's task API ({@code /engine-rest/task/...} and Tasklist's {@code /camunda/api/engine/.../task/...})
 * to the rules of Opora's own (ADR 4):
 * <ul>
 * <li>completing a task that has a Camunda Form ({@code submit-form}, {@code complete}) goes through the
 * form contract, exactly as {@code POST /api/tasks/{id}/complete} does;</li>
 * <li>any other write of variables to such a task ({@code variables}, {@code localVariables}, {@code resolve},
 * {@code bpmnError}, {@code bpmnEscalation}) is refused: the form is the only way in;</li>
 * </ul>
 * Only staff and administrators reach the engine's APIs (ADR 9); CSO members and experts complete their
 * tasks in Opora's pages, through the same service.
 */
@Component
class EngineTaskApiGuard implements EngineApiGuard {

    /** {@code /engine-rest[/engine/{name}]/task/{id}[/...]} and {@code /camunda/api/engine/engine/{name}/task/{id}[/...]}. */
    private static final Pattern TASK_PATH = Pattern.compile(
            "^/(engine-rest(?:/engine/[^/]+)?|camunda/api/engine/engine/[^/]+)/task/([^/]+)(/.*)?$");
    private static final Pattern VARIABLE_WRITE = Pattern.compile("^/(variables|localVariables)(/.*)?$|^/(resolve|bpmnError|bpmnEscalation)$");
    private static final Set<String> COMPLETION = Set.of("/submit-form", "/complete");

    private final UserTaskService tasks;
    private final TaskService taskService;
    private final Problems problems;
    private final ObjectMapper objectMapper;

    EngineTaskApiGuard(UserTaskService tasks, TaskService taskService, Problems problems, ObjectMapper objectMapper) {
        this.tasks = tasks;
        this.taskService = taskService;
        this.problems = problems;
        this.objectMapper = objectMapper;
    }

    @Override
    public Filter filter() {
        return new OncePerRequestFilter() {
            @Override
            protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
                    throws ServletException, IOException {
                if (!guard(request, response)) {
                    chain.doFilter(request, response);
                }
            }
        };
    }

    /** Answers the request itself and returns true, or returns false to let the engine's API answer. */
    private boolean guard(HttpServletRequest request, HttpServletResponse response) throws IOException {
        // Decoded, as the engine's API reads it: "/task/%31.../variables" is task "1...".
        String requested = UriUtils.decode(request.getRequestURI().substring(request.getContextPath().length()), StandardCharsets.UTF_8);
        Matcher path = TASK_PATH.matcher(requested);
        if (!path.matches() || CurrentUser.find().isEmpty()) {
            return false;
        }
        String taskId = path.group(2);
        // The engine's API matches "/complete/" as "/complete": so must this guard.
        String action = path.group(3) == null ? "" : path.group(3).replaceAll("/+$", "");
        boolean write = !HttpMethod.GET.matches(request.getMethod()) && !HttpMethod.HEAD.matches(request.getMethod());
        if (!write) {
            return false;
        }
        try {
            // As the caller (their centres, their authorizations): another centre's task is "not found" here as in
            // the engine, not a refusal that would tell it exists.
            Task task = taskService.createTaskQuery().taskId(taskId).initializeFormKeys().singleResult();
            if (task == null || task.getCamundaFormRef() == null) {
                // No such open task, or one without a form: the engine answers as it would.
                return false;
            }
            if (COMPLETION.contains(action)) {
                if (isWebapp(path) && !carriesWebappCsrfToken(request)) {
                    // Let the webapp's own CSRF filter turn it away.
                    return false;
                }
                complete(task, request, response);
                return true;
            }
            if (VARIABLE_WRITE.matcher(action).matches()) {
                throw new ApiException(ProblemType.FORBIDDEN, "This task takes its input through its form only");
            }
            return false;
        } catch (ApiException refused) {
            writeProblem(request, response, Problems.of(refused.type(), refused.getMessage(), refused.fields()));
            return true;
        } catch (RuntimeException failed) {
            // A task listener's refusal (a panel's expert not in the pool, decisions over the budget) reaches here
            // wrapped by the engine: it is the client's mistake as much as the form contract's.
            ApiException refused = refusal(failed);
            if (refused == null) {
                throw failed;
            }
            writeProblem(request, response, Problems.of(refused.type(), refused.getMessage(), refused.fields()));
            return true;
        } catch (JsonProcessingException unreadable) {
            writeProblem(request, response, Problems.of(ProblemType.MALFORMED_REQUEST, "The request body is not valid JSON"));
            return true;
        }
    }

    /** A task form's answers are small; the engine-API guard caps JSON bodies alike, this one whatever their type. */
    private static final int MAX_BODY = 10 * 1024 * 1024;

    private void complete(Task task, HttpServletRequest request, HttpServletResponse response) throws IOException {
        byte[] raw = request.getInputStream().readNBytes(MAX_BODY + 1);
        if (raw.length > MAX_BODY) {
            throw new ApiException(ProblemType.MALFORMED_REQUEST, "The request body is larger than a task's form can be");
        }
        JsonNode body = raw.length == 0 ? objectMapper.createObjectNode() : objectMapper.readTree(raw);
        tasks.complete(task.getId(), formFields(body.path("variables")));
        if (body.path("withVariablesInReturn").asBoolean(false)) {
            response.setStatus(HttpStatus.OK.value());
            response.setContentType(MediaType.APPLICATION_JSON_VALUE);
            response.getWriter().write("{}");
        } else {
            response.setStatus(HttpStatus.NO_CONTENT.value());
        }
    }

    /** The engine's typed variables ({@code {"x": {"value": 1, "type": "Long"}}}) as the plain fields of the form contract. */
    private Map<String, Object> formFields(JsonNode variables) throws IOException {
        Map<String, Object> fields = new LinkedHashMap<>();
        for (var names = variables.fieldNames(); names.hasNext(); ) {
            String name = names.next();
            JsonNode variable = variables.get(name);
            JsonNode value = variable.path("value");
            if (value.isMissingNode() || value.isNull()) {
                continue;
            }
            if (isJson(variable) && value.isTextual()) {
                value = objectMapper.readTree(value.asText());
            }
            fields.put(name, objectMapper.treeToValue(value, Object.class));
        }
        return fields;
    }

    /**
     * Tasklist sends a form's list (a checklist, a dynamic list's rows) as JSON text: typed {@code Json},
     * or typed like the variable the task was prefilled with, a JSON object value ({@link JsonVariables}).
     */
    private static boolean isJson(JsonNode variable) {
        return "json".equalsIgnoreCase(variable.path("type").asText())
                || "object".equalsIgnoreCase(variable.path("type").asText())
                && JsonVariables.FORMAT.equals(variable.path("valueInfo").path("serializationDataFormat").asText());
    }

    private static ApiException refusal(Throwable failed) {
        for (Throwable cause = failed; cause != null; cause = cause.getCause()) {
            if (cause instanceof ApiException refused) {
                return refused;
            }
        }
        return null;
    }

    private static boolean isWebapp(Matcher path) {
        return path.group(1).startsWith("camunda/");
    }

    /** The webapp's CSRF token (its filter runs after this one): the header must match the session's. */
    private static boolean carriesWebappCsrfToken(HttpServletRequest request) {
        HttpSession session = request.getSession(false);
        String header = request.getHeader(CsrfConstants.CSRF_TOKEN_HEADER_NAME);
        Object expected = session == null ? null : session.getAttribute(CsrfConstants.CSRF_TOKEN_SESSION_ATTR_NAME);
        return header != null && !header.isBlank() && header.equals(expected);
    }

    private void writeProblem(HttpServletRequest request, HttpServletResponse response, ProblemDetail problem) throws IOException {
        problems.writeForEngineApi(request, response, problem);
    }
}
