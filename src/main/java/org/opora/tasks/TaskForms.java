package org.opora.tasks;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.camunda.bpm.engine.FormService;
import org.camunda.bpm.engine.task.Task;
import org.camunda.bpm.engine.variable.VariableMap;
import org.opora.system.SystemAccess;
import org.springframework.context.MessageSource;
import org.springframework.context.i18n.LocaleContextHolder;
import org.springframework.stereotype.Component;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * A task's Camunda Form as HTML fields, rendered on the server from the same form file that
 * {@link TaskFormContract} checks a completion against, so the page and the API cannot drift apart.
 * Labels come from the message bundles ({@code form.<form id>.<field key>}) where Opora translates
 * them, else from the form (its English description on English pages, when the label is Russian).
 * Of the forms' expression language only what Opora's forms use is understood: {@code {{variable}}}
 * in texts, a label {@code =variable}, and {@code hide: =variable = null}.
 */
@Component
class TaskForms {

    private static final Pattern PLACEHOLDER = Pattern.compile("\\{\\{\\s*([A-Za-z_][A-Za-z0-9_]*)\\s*}}");
    private static final Pattern VARIABLE = Pattern.compile("=\\s*([A-Za-z_][A-Za-z0-9_]*)\\s*");
    private static final Pattern HIDDEN_WHEN_NULL = Pattern.compile("=\\s*([A-Za-z_][A-Za-z0-9_]*)\\s*=\\s*null\\s*");

    private final TaskFormContract contract;
    private final FormService formService;
    private final SystemAccess system;
    private final MessageSource messages;

    TaskForms(TaskFormContract contract, FormService formService, SystemAccess system, MessageSource messages) {
        this.contract = contract;
        this.formService = formService;
        this.system = system;
        this.messages = messages;
    }

    record Option(String value, String label) {
    }

    /**
     * One component of the form. {@code kind} is "text" for display-only text, else the form's input
     * type; {@code values} holds what is shown in it (the submitted input after a refusal).
     */
    record Field(String kind, String key, String label, String hint, boolean required, boolean editable,
            List<Option> options, String min, String max, Integer maxLength, List<String> values, String error) {

        public String value() {
            return values.isEmpty() ? "" : values.get(0);
        }

        public boolean has(String value) {
            return values.contains(value);
        }
    }

    record View(String formId, List<Field> fields) {
    }

    /**
     * @param submitted what the user typed, by field key, or null to show the task's current values
     * @param errors    the message to show beside each field at fault
     */
    View render(Task task, Map<String, List<String>> submitted, Map<String, String> errors) {
        if (task.getCamundaFormRef() == null) {
            return new View(null, List.of());
        }
        JsonNode form = contract.form(task.getId());
        String formId = form.path("id").asText();
        VariableMap variables = system.call(() -> formService.getTaskFormVariables(task.getId()));
        List<Field> fields = new ArrayList<>();
        collect(form.path("components"), formId, variables, submitted, errors, fields);
        return new View(formId, fields);
    }

    private void collect(JsonNode components, String formId, VariableMap variables, Map<String, List<String>> submitted,
            Map<String, String> errors, List<Field> fields) {
        for (JsonNode component : components) {
            String type = component.path("type").asText();
            if (component.has("components") && !"dynamiclist".equals(type)) {
                collect(component.path("components"), formId, variables, submitted, errors, fields);
                continue;
            }
            if (hidden(component, variables)) {
                continue;
            }
            if ("text".equals(type)) {
                String text = message("form." + formId + "." + component.path("id").asText(), null);
                fields.add(new Field("text", component.path("id").asText(),
                        text != null ? text : fill(component.path("text").asText(), variables), null, false, false,
                        List.of(), null, null, null, List.of(), null));
                continue;
            }
            if (!component.hasNonNull("key")) {
                continue;
            }
            String key = component.get("key").asText();
            JsonNode validate = component.path("validate");
            List<Option> options = new ArrayList<>();
            component.path("values").forEach(option -> options.add(new Option(option.path("value").asText(),
                    optionLabel(formId, key, option))));
            List<String> values = submitted != null ? submitted.getOrDefault(key, List.of()) : current(variables.get(key));
            fields.add(new Field(type, key, label(formId, key, component, variables), hint(component),
                    validate.path("required").asBoolean(false), TaskFormContract.isEditableInput(component), options,
                    validate.has("min") ? validate.get("min").asText() : null,
                    validate.has("max") ? validate.get("max").asText() : null,
                    validate.has("maxLength") ? validate.get("maxLength").asInt() : null,
                    values, errors.get(key)));
        }
    }

    private String label(String formId, String key, JsonNode component, VariableMap variables) {
        String translated = message("form." + formId + "." + key, null);
        if (translated != null) {
            return translated;
        }
        String label = component.hasNonNull("label") ? component.get("label").asText() : component.path("dateLabel").asText(key);
        Matcher variable = VARIABLE.matcher(label);
        if (variable.matches()) {
            Object value = variables.get(variable.group(1));
            return value == null ? key : value.toString();
        }
        if (english() && component.hasNonNull("description") && isCyrillic(label)) {
            return component.get("description").asText();
        }
        return label;
    }

    private String hint(JsonNode component) {
        String description = component.path("description").asText(null);
        // Bilingual forms keep the English label in the description: on English pages it became the label.
        return description == null || english() ? null : description;
    }

    private String optionLabel(String formId, String key, JsonNode option) {
        String value = option.path("value").asText();
        String translated = message("form." + formId + "." + key + "." + value, null);
        if (translated != null) {
            return translated;
        }
        String label = option.path("label").asText(value);
        // "Нет / No": one half per language.
        int slash = label.indexOf(" / ");
        if (slash > 0) {
            return english() ? label.substring(slash + 3) : label.substring(0, slash);
        }
        return label;
    }

    private static boolean hidden(JsonNode component, VariableMap variables) {
        Matcher whenNull = HIDDEN_WHEN_NULL.matcher(component.path("conditional").path("hide").asText(""));
        return whenNull.matches() && variables.get(whenNull.group(1)) == null;
    }

    private static String fill(String text, VariableMap variables) {
        Matcher matcher = PLACEHOLDER.matcher(text);
        StringBuilder filled = new StringBuilder();
        while (matcher.find()) {
            Object value = variables.get(matcher.group(1));
            matcher.appendReplacement(filled, Matcher.quoteReplacement(value == null ? "" : value.toString()));
        }
        matcher.appendTail(filled);
        // The forms' light markdown: bold is for Camunda's renderer; the page shows plain text.
        return filled.toString().replace("**", "");
    }

    private static List<String> current(Object value) {
        if (value == null) {
            return List.of();
        }
        return List.of(value.toString());
    }

    private String message(String key, String fallback) {
        return messages.getMessage(key, null, fallback, LocaleContextHolder.getLocale());
    }

    private static boolean english() {
        return Locale.ENGLISH.getLanguage().equals(LocaleContextHolder.getLocale().getLanguage());
    }

    private static boolean isCyrillic(String text) {
        return text.chars().anyMatch(c -> Character.UnicodeBlock.of(c) == Character.UnicodeBlock.CYRILLIC);
    }
}
