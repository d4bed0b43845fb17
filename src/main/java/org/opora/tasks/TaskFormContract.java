package org.opora.tasks;

import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

import org.camunda.bpm.engine.FormService;
import org.camunda.bpm.engine.form.CamundaFormRef;
import org.camunda.bpm.engine.task.Task;
import org.camunda.bpm.engine.variable.VariableMap;
import org.camunda.bpm.engine.variable.Variables;
import org.opora.system.ApiException;
import org.opora.system.ApiException.FieldProblem;
import org.opora.system.SystemAccess;
import org.springframework.stereotype.Component;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * What a task accepts is what its Camunda Form asks for: the form in {@code forms/} is the
 * contract. A completion may only set the form's editable fields, each with the form's type and
 * validation rules; anything else is rejected before the engine stores a thing.
 */
@Component
class TaskFormContract {

    /** Form components that show something but take no input. */
    private static final Set<String> DISPLAY_ONLY = Set.of("text", "html", "image", "button", "spacer", "separator",
            "table", "iframe", "documentPreview", "default");
    /** The most rows a dynamic list takes: beyond any list a task asks for, and a bound on the work of checking it. */
    static final int MAX_ROWS = 500;
    private static final Set<String> STRING_TYPES = Set.of("textfield", "textarea", "datetime", "select", "radio");

    private static final int MAX_CACHED_FORMS = 2_000;

    private final Map<String, JsonNode> forms = new java.util.concurrent.ConcurrentHashMap<>();
    private final FormService formService;
    private final SystemAccess system;
    private final ObjectMapper objectMapper;

    TaskFormContract(FormService formService, SystemAccess system, ObjectMapper objectMapper) {
        this.formService = formService;
        this.system = system;
        this.objectMapper = objectMapper;
    }

    /** The body as engine variables, or an {@link ApiException} naming every field at fault. */
    VariableMap variablesFor(Task task, Map<String, Object> body) {
        Map<String, JsonNode> fields = task.getCamundaFormRef() == null ? Map.of() : inputFields(task);
        List<FieldProblem> problems = new ArrayList<>();
        VariableMap variables = Variables.createVariables();
        Map<String, Object> values = take(fields, body, "", problems);
        values.forEach((key, value) -> variables.putValue(key, toVariable(fields.get(key), value)));
        if (!problems.isEmpty()) {
            throw ApiException.invalid(problems);
        }
        return variables;
    }

    /**
     * The values of {@code fields} in {@code body}, each checked by its field's rules; the problems name
     * their fields under {@code prefix} ({@code decisions[2].} for a row of a dynamic list).
     */
    private Map<String, Object> take(Map<String, JsonNode> fields, Map<?, ?> body, String prefix, List<FieldProblem> problems) {
        Map<String, Object> values = new LinkedHashMap<>();
        for (Map.Entry<?, ?> entry : body.entrySet()) {
            String key = String.valueOf(entry.getKey());
            JsonNode field = fields.get(key);
            if (field == null) {
                problems.add(new FieldProblem(prefix + key, "is not a field of this task"));
            } else if (isReadOnly(field) && prefix.isEmpty()) {
                problems.add(new FieldProblem(key, "cannot be changed in this task"));
            }
            // A row's read-only fields (what a row is about, shown beside the input) are shown, never taken.
        }
        for (Map.Entry<String, JsonNode> entry : fields.entrySet()) {
            String key = entry.getKey();
            JsonNode field = entry.getValue();
            if (isReadOnly(field)) {
                continue;
            }
            Object value = body.get(key);
            if (value == null && "checkbox".equals(field.path("type").asText())) {
                // Camunda Forms submit an unticked box as false; so does the API, so that a gateway never
                // reads a value left over from an earlier round (or set by someone else).
                values.put(key, false);
                continue;
            }
            if (value == null || (value instanceof String text && text.isEmpty())) {
                if (field.path("validate").path("required").asBoolean(false)) {
                    problems.add(new FieldProblem(prefix + key, "is required"));
                }
                continue;
            }
            if ("dynamiclist".equals(field.path("type").asText())) {
                List<Map<String, Object>> rows = rows(field, value, prefix + key, problems);
                if (rows != null) {
                    values.put(key, rows);
                }
                continue;
            }
            String problem = check(field, value);
            if (problem != null) {
                problems.add(new FieldProblem(prefix + key, problem));
            } else {
                values.put(key, value);
            }
        }
        return values;
    }

    /**
     * A dynamic list's rows, each checked field by field with the rules of the list's own components,
     * or null when the value is no list of rows.
     */
    private List<Map<String, Object>> rows(JsonNode list, Object value, String path, List<FieldProblem> problems) {
        if (!(value instanceof List<?> items) || !items.stream().allMatch(Map.class::isInstance)) {
            problems.add(new FieldProblem(path, "must be a list of rows"));
            return null;
        }
        if (items.size() > MAX_ROWS) {
            problems.add(new FieldProblem(path, "must have at most " + MAX_ROWS + " rows"));
            return null;
        }
        Map<String, JsonNode> fields = new LinkedHashMap<>();
        collect(list.path("components"), fields);
        List<Map<String, Object>> rows = new ArrayList<>();
        for (int i = 0; i < items.size(); i++) {
            rows.add(take(fields, (Map<?, ?>) items.get(i), path + "[" + i + "].", problems));
        }
        return rows;
    }

    private Map<String, JsonNode> inputFields(Task task) {
        Map<String, JsonNode> fields = new LinkedHashMap<>();
        collect(form(task).path("components"), fields);
        return fields;
    }

    /**
     * The task's form, read once per process definition and form: a form bound to its deployment (or
     * to a fixed version) never changes, so it is parsed once and not read from the database on every
     * completion (ADR 27). A form bound to "latest" is read each time.
     */
    JsonNode form(Task task) {
        CamundaFormRef ref = task.getCamundaFormRef();
        if (ref == null || task.getProcessDefinitionId() == null || "latest".equals(ref.getBinding())) {
            return form(task.getId());
        }
        String key = task.getProcessDefinitionId() + "|" + ref.getKey() + "|" + ref.getBinding() + "|" + ref.getVersion();
        JsonNode cached = forms.get(key);
        if (cached == null) {
            cached = form(task.getId());
            if (forms.size() < MAX_CACHED_FORMS) {
                forms.put(key, cached);
            }
        }
        return cached;
    }

    /** The task's deployed Camunda Form as JSON; the portal renders its components from the same file. */
    JsonNode form(String taskId) {
        try (InputStream form = system.call(() -> formService.getDeployedTaskForm(taskId))) {
            return objectMapper.readTree(form);
        } catch (IOException ex) {
            throw new IllegalStateException("The form of task " + taskId + " cannot be read", ex);
        }
    }

    /** Whether a component takes input that a completion may set (the same judgement as {@link #variablesFor}). */
    static boolean isEditableInput(JsonNode component) {
        return (component.hasNonNull("key") || "dynamiclist".equals(component.path("type").asText()) && component.hasNonNull("path")) && !DISPLAY_ONLY.contains(component.path("type").asText()) && !isReadOnly(component);
    }

    private static void collect(JsonNode components, Map<String, JsonNode> fields) {
        for (JsonNode component : components) {
            String type = component.path("type").asText();
            if ("dynamiclist".equals(type) && component.hasNonNull("path")) {
                // Its rows are one field, a list under the list's path; each row holds the list's own components.
                fields.put(component.get("path").asText(), component);
            } else if (component.has("components")) {
                collect(component.path("components"), fields);
            } else if (component.hasNonNull("key") && !DISPLAY_ONLY.contains(type)) {
                fields.put(component.get("key").asText(), component);
            }
        }
    }

    /** Only a literal {@code true} counts: a computed flag ("=...") cannot be judged here, so it stays editable. */
    private static boolean isReadOnly(JsonNode field) {
        return field.path("readonly").asBoolean(false) || field.path("disabled").asBoolean(false)
                || "expression".equals(field.path("type").asText());
    }

    private static String check(JsonNode field, Object value) {
        String type = field.path("type").asText();
        JsonNode validate = field.path("validate");
        if (STRING_TYPES.contains(type)) {
            if (!(value instanceof String text)) {
                return "must be text";
            }
            if (validate.has("minLength") && text.length() < validate.get("minLength").asInt()) {
                return "must be at least " + validate.get("minLength").asInt() + " characters";
            }
            if (validate.has("maxLength") && text.length() > validate.get("maxLength").asInt()) {
                return "must be at most " + validate.get("maxLength").asInt() + " characters";
            }
            if (validate.hasNonNull("pattern") && !Pattern.compile(validate.get("pattern").asText()).matcher(text).matches()) {
                return "does not have the expected format";
            }
            if ("datetime".equals(type) && "date".equals(field.path("subtype").asText()) && !isDate(text)) {
                return "must be a date (YYYY-MM-DD)";
            }
            if (("select".equals(type) || "radio".equals(type)) && field.has("values")) {
                Set<String> allowed = new HashSet<>();
                field.get("values").forEach(option -> allowed.add(option.path("value").asText()));
                if (!allowed.contains(text)) {
                    return "must be one of " + allowed.stream().sorted().toList();
                }
            }
            return null;
        }
        switch (type) {
            case "number" -> {
                if (!(value instanceof Number number)) {
                    return "must be a number";
                }
                if (validate.has("min") && number.doubleValue() < validate.get("min").asDouble()) {
                    return "must be at least " + validate.get("min").asText();
                }
                if (validate.has("max") && number.doubleValue() > validate.get("max").asDouble()) {
                    return "must be at most " + validate.get("max").asText();
                }
                return null;
            }
            case "checkbox" -> {
                return value instanceof Boolean ? null : "must be true or false";
            }
            case "checklist", "taglist" -> {
                if (!(value instanceof List<?> items) || !items.stream().allMatch(String.class::isInstance)) {
                    return "must be a list of texts";
                }
                return null;
            }
            default -> {
                return "cannot be set through the API (a " + type + " field)";
            }
        }
    }

    private static boolean isDate(String text) {
        try {
            java.time.LocalDate.parse(text);
            return true;
        } catch (java.time.format.DateTimeParseException notADate) {
            return false;
        }
    }

    private Object toVariable(JsonNode field, Object value) {
        String type = field.path("type").asText();
        if (value instanceof Number number && "number".equals(type)) {
            boolean whole = number instanceof Integer || number instanceof Long
                    || number instanceof java.math.BigInteger;
            return whole ? Variables.longValue(number.longValue()) : Variables.doubleValue(number.doubleValue());
        }
        if (value instanceof List<?> list) {
            // Lists (a dynamic list's rows too) are kept as JSON text, the way FormInput reads them: Java
            // serialization is off, and the engine has no JSON type of its own without Spin.
            try {
                return Variables.stringValue(objectMapper.writeValueAsString(list));
            } catch (IOException ex) {
                throw new IllegalStateException(ex);
            }
        }
        return value;
    }
}
