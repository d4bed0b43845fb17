package org.opora.cases;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.opora.system.TaskNames;
import org.opora.system.Text;
import org.opora.system.Texts;
import org.springframework.context.MessageSource;
import org.springframework.stereotype.Component;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * A case event as its reader reads it (docs/adr/0025-case-events-in-the-readers-language.md): the sentence
 * {@code event.<kind>} of the bundle {@code i18n/events} with the event's parameters, rendered in the reader's
 * language when read, followed by what a person typed ({@code detail}, data) after a dash. An event of a kind
 * without a sentence reads as its detail, as before.
 * <p>
 * Parameters are kept as a JSON array: numbers; dates ({@code 2027-03-06}, written as the language writes
 * dates); words of the feature's bundles ({@link Text}: {@code {"key": ..., "args": [...]}}); a task by its
 * definition key ({@link TaskRef}); lists joined into one parameter ({@link Joined}); other text as it is.
 * Rows written before events had parameters carry English text in their detail: {@link #legacy} reads the
 * parameters back out of it, so old timelines read as well as new ones.
 */
@Component
public class CaseEventTexts {

    /** A task by its definition key, named in the reader's language ({@link TaskNames}); its BPMN name otherwise. */
    public record TaskRef(String key, String name) {
    }

    /** Several parameters shown as one, joined by {@code separator} (texts rendered first). */
    public record Joined(String separator, List<?> items) {
    }

    private static final ObjectMapper JSON = new ObjectMapper().enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS);
    private static final Pattern ISO_DATE = Pattern.compile("\\d{4}-\\d{2}-\\d{2}");
    /** Placeholders a sentence may have; a parameter an old row lost (erased with its detail) reads as this. */
    private static final int MAX_ARGS = 6;
    private static final String MISSING = "…";

    private final MessageSource messages;
    private final Texts texts;
    private final TaskNames taskNames;

    public CaseEventTexts(MessageSource messages, Texts texts, TaskNames taskNames) {
        this.messages = messages;
        this.texts = texts;
        this.taskNames = taskNames;
    }

    /** The event in the reader's language. */
    public String title(CaseEvent event, Locale locale) {
        String key = "event." + event.kind();
        if (messages.getMessage(key, null, null, locale) == null) {
            return event.detail();
        }
        Parsed parsed = event.args() != null ? new Parsed(fromJson(event.args()), event.detail()) : legacy(event.kind(), event.detail());
        // A decision with an amount has a sentence of its own.
        if ("grant-decided".equals(event.kind()) && parsed.args().size() > 1) {
            key = "event.grant-decided-amount";
        }
        List<Object> args = new ArrayList<>();
        parsed.args().forEach(arg -> args.add(resolve(arg, locale)));
        while (args.size() < MAX_ARGS) {
            args.add(MISSING);
        }
        String sentence = texts.render(new Text(key, args), locale).strip();
        return parsed.detail() == null || parsed.detail().isBlank() ? sentence : sentence + " — " + parsed.detail();
    }

    /** The parameters as the column keeps them; null when there are none. */
    static String toJson(Object... args) {
        if (args == null || args.length == 0) {
            return null;
        }
        ArrayNode array = JsonNodeFactory.instance.arrayNode();
        Arrays.stream(args).forEach(arg -> array.add(node(arg)));
        try {
            return JSON.writeValueAsString(array);
        } catch (JsonProcessingException impossible) {
            throw new IllegalStateException(impossible);
        }
    }

    private static JsonNode node(Object arg) {
        JsonNodeFactory nodes = JsonNodeFactory.instance;
        if (arg == null) {
            return nodes.nullNode();
        }
        if (arg instanceof Text text) {
            ObjectNode object = nodes.objectNode().put("key", text.key());
            ArrayNode args = object.putArray("args");
            text.args().forEach(nested -> args.add(node(nested)));
            return object;
        }
        if (arg instanceof TaskRef task) {
            return nodes.objectNode().put("task", task.key()).put("name", task.name());
        }
        if (arg instanceof Joined joined) {
            ObjectNode object = nodes.objectNode().put("join", joined.separator());
            ArrayNode items = object.putArray("items");
            joined.items().forEach(item -> items.add(node(item)));
            return object;
        }
        if (arg instanceof Integer || arg instanceof Long) {
            return nodes.numberNode(((Number) arg).longValue());
        }
        if (arg instanceof BigDecimal amount) {
            return nodes.numberNode(amount);
        }
        return nodes.textNode(arg.toString());
    }

    static List<Object> fromJson(String json) {
        try {
            List<Object> args = new ArrayList<>();
            JSON.readTree(json).forEach(node -> args.add(value(node)));
            return args;
        } catch (JsonProcessingException unreadable) {
            return List.of();
        }
    }

    private static Object value(JsonNode node) {
        if (node == null || node.isNull()) {
            return null;
        }
        if (node.isObject() && node.has("key")) {
            List<Object> args = new ArrayList<>();
            node.path("args").forEach(arg -> args.add(value(arg)));
            return new Text(node.path("key").asText(), args);
        }
        if (node.isObject() && node.has("task")) {
            return new TaskRef(node.path("task").asText(), node.path("name").asText(null));
        }
        if (node.isObject() && node.has("join")) {
            List<Object> items = new ArrayList<>();
            node.path("items").forEach(item -> items.add(value(item)));
            return new Joined(node.path("join").asText(), items);
        }
        if (node.isIntegralNumber()) {
            return node.canConvertToInt() ? (Object) node.intValue() : (Object) node.longValue();
        }
        if (node.isNumber()) {
            return node.decimalValue();
        }
        return date(node.asText());
    }

    /** What {@link Texts} renders: texts stay texts; tasks and lists become their words in the language. */
    private Object resolve(Object arg, Locale locale) {
        if (arg instanceof TaskRef task) {
            return taskNames.of(task.key(), task.name() == null ? task.key() : task.name(), locale);
        }
        if (arg instanceof Joined joined) {
            List<String> items = new ArrayList<>();
            joined.items().forEach(item -> {
                Object resolved = resolve(item, locale);
                items.add(resolved instanceof Text text ? texts.render(text, locale)
                        : resolved instanceof LocalDate date ? Texts.date(date, locale) : String.valueOf(resolved));
            });
            return String.join(joined.separator(), items);
        }
        if (arg instanceof Text text && messages.getMessage(text.key(), null, null, locale) == null) {
            return text.key().substring(text.key().lastIndexOf('.') + 1); // a code without a name reads as the code
        }
        if (arg instanceof Text text) {
            List<Object> nested = new ArrayList<>();
            text.args().forEach(inner -> nested.add(resolve(inner, locale)));
            return new Text(text.key(), nested);
        }
        if (arg instanceof BigDecimal amount) {
            return amount.toPlainString(); // as the applicant wrote it: 200000, not 2E+5
        }
        return arg == null ? MISSING : arg;
    }

    private static Object date(String text) {
        if (text != null && ISO_DATE.matcher(text).matches()) {
            try {
                return LocalDate.parse(text);
            } catch (DateTimeParseException notADate) {
                return text;
            }
        }
        return text;
    }

    /** The parameters of an event and what a person typed. */
    record Parsed(List<Object> args, String detail) {
    }

    /** English texts an older Opora (or a step not yet moved to parameters) wrote as the detail, by kind. */
    private static final Map<String, Pattern> LEGACY = new LinkedHashMap<>();

    static {
        LEGACY.put("grant-panel-changed", Pattern.compile("(\\d+) experts named by staff"));
        LEGACY.put("grant-panel-exhausted", Pattern.compile("No expert left to take the review"));
        LEGACY.put("grant-third-expert-unavailable", Pattern.compile("The pool has no expert left"));
        LEGACY.put("grant-review-extended", Pattern.compile("\\+(\\d+) days"));
        LEGACY.put("grant-offered-from-waitlist", Pattern.compile("(\\S+)"));
        LEGACY.put("grant-clarification-lapsed", Pattern.compile("No clarification came by (\\S+)"));
        LEGACY.put("grant-not-submitted", Pattern.compile("The intake closed before the application was submitted"));
        LEGACY.put("grant-agreement-prepared", Pattern.compile("sign by (\\S+)"));
        LEGACY.put("grant-lapsed", Pattern.compile("The agreement was not signed by (\\S+)"));
        LEGACY.put("letter-registered", Pattern.compile("No\\. (.*) of (\\S+); answer due (\\S+)"));
        LEGACY.put("letter-forwarded", Pattern.compile("to (.*) on (\\S+), No\\. (.*) of (\\S+); answer due (\\S+)", Pattern.DOTALL));
        LEGACY.put("answer-extended", Pattern.compile("answer now due (\\S+)"));
        LEGACY.put("complaint-drafted", Pattern.compile("(.+)", Pattern.DOTALL));
        LEGACY.put("offers-sent", Pattern.compile("(\\d+) offer\\(s\\)"));
        LEGACY.put("offer-accepted", Pattern.compile("(\\d+)/(\\d+)"));
        LEGACY.put("offer-cancelled", Pattern.compile("(\\d+)/(\\d+)"));
        LEGACY.put("attendance-recorded", Pattern.compile("(\\S+)"));
        LEGACY.put("next-date", Pattern.compile("(\\S+)"));
        LEGACY.put("close-requested", Pattern.compile("(\\S+)"));
    }

    private static final Pattern DECIDED = Pattern.compile("(APPROVE|REJECT|WAITLIST)(?: (\\S+))?");
    private static final Pattern TRANCHE = Pattern.compile("tranche (\\d+): (\\S+); (final|interim) report due (\\S+)");
    private static final Pattern REPORT = Pattern.compile("(final|interim) report (\\d+)");
    private static final Pattern SENT = Pattern.compile("(POST|ONLINE|IN_PERSON) (\\S+)(?:, (.*))?", Pattern.DOTALL);
    private static final Pattern REQUESTED = Pattern.compile("(.*), by (\\S+)", Pattern.DOTALL);
    private static final Pattern ANSWERED = Pattern.compile("(\\d{4}-\\d{2}-\\d{2})(?:, (\\w+))?");
    private static final Pattern DOCUMENTS_MISSING = Pattern.compile("DOCUMENTS_MISSING: (.*)");
    private static final Pattern DOCUMENT = Pattern.compile("(?:(\\S+) )?([\\w-]+): (.+)", Pattern.DOTALL);

    /** The parameters of a row without them, read from the English its detail was written in; typed text stays detail. */
    static Parsed legacy(String kind, String detail) {
        if (detail == null || detail.isBlank()) {
            return new Parsed(List.of(), null);
        }
        Pattern pattern = LEGACY.get(kind);
        if (pattern != null) {
            Matcher matcher = pattern.matcher(detail.strip());
            if (matcher.matches()) {
                List<Object> args = new ArrayList<>();
                for (int group = 1; group <= matcher.groupCount(); group++) {
                    args.add(number(date(matcher.group(group))));
                }
                return new Parsed(args, null);
            }
            return new Parsed(List.of(), detail);
        }
        switch (kind) {
            case "grant-decided": {
                Matcher decided = DECIDED.matcher(detail.strip());
                if (decided.matches()) {
                    return new Parsed(decided.group(2) == null ? List.of(decision(decided.group(1)))
                            : List.of(decision(decided.group(1)), decided.group(2)), null);
                }
                return new Parsed(List.of(), detail);
            }
            case "grant-panel-proposed":
                return new Parsed(List.of(sectors(Arrays.asList(detail.split(",\\s*")))), null);
            case "grant-admission-checked":
                return new Parsed(List.of(admission(detail.equals("admissible") ? List.of() : Arrays.asList(detail.split("; ")))), null);
            case "grant-tranche-released": {
                Matcher tranche = TRANCHE.matcher(detail.strip());
                return tranche.matches() ? new Parsed(List.of(Integer.parseInt(tranche.group(1)), tranche.group(2),
                        report(tranche.group(3)), date(tranche.group(4))), null) : new Parsed(List.of(), detail);
            }
            case "grant-report-submitted": {
                Matcher report = REPORT.matcher(detail.strip());
                return report.matches() ? new Parsed(List.of(report(report.group(1)), Integer.parseInt(report.group(2))), null)
                        : new Parsed(List.of(), detail);
            }
            case "document-added":
            case "document-removed": {
                Matcher document = DOCUMENT.matcher(detail.strip());
                return document.matches() ? new Parsed(List.of(Text.of("portal.documents.kind." + document.group(2)),
                        document.group(1) == null ? "" : document.group(1)), document.group(3)) : new Parsed(List.of(), detail);
            }
            case "letter-sent": {
                Matcher sent = SENT.matcher(detail.strip());
                return sent.matches() ? new Parsed(List.of(Text.of("portal.letter.channel." + sent.group(1)), date(sent.group(2))),
                        sent.group(3)) : new Parsed(List.of(), detail);
            }
            case "documents-requested": {
                Matcher requested = REQUESTED.matcher(detail.strip());
                return requested.matches() ? new Parsed(List.of(date(requested.group(2))), requested.group(1))
                        : new Parsed(List.of(), detail);
            }
            case "answer-received": {
                Matcher answered = ANSWERED.matcher(detail.strip());
                return answered.matches() ? new Parsed(List.of(date(answered.group(1)), answered.group(2) == null ? ""
                        : Text.of("event.answer-rating", Text.of("portal.letter.rating." + answered.group(2)))), null)
                        : new Parsed(List.of(), detail);
            }
            case "offer-declined":
                return new Parsed(List.of(Text.of("volunteering.decline." + detail.strip())), null);
            default:
                return new Parsed(List.of(), detail);
        }
    }

    /** The committee's decision in words. */
    public static Text decision(String decision) {
        return Text.of("grants.page.results.decision." + decision);
    }

    /** The panel's sectors in words, joined. */
    public static Joined sectors(List<String> sectors) {
        return new Joined(", ", sectors.stream().map(sector -> (Object) Text.of("grants.page.sector." + sector.strip())).toList());
    }

    /** The admission check's findings, each a sentence of the grants bundle ({@code DOCUMENTS_MISSING: a, b} names the kinds). */
    public static Object admission(List<String> reasons) {
        if (reasons.isEmpty()) {
            return Text.of("event.grant-admissible");
        }
        return new Joined(" ", reasons.stream().map(reason -> {
            Matcher missing = DOCUMENTS_MISSING.matcher(reason);
            return (Object) (missing.matches() ? Text.of("grant.reason.DOCUMENTS_MISSING", missing.group(1))
                    : Text.of("grant.reason." + reason));
        }).toList());
    }

    /** "final" or "interim", of a report. */
    public static Text report(String finalOrInterim) {
        return Text.of("event.report." + finalOrInterim);
    }

    private static Object number(Object value) {
        if (value instanceof String text && text.matches("\\d{1,9}")) {
            return Integer.parseInt(text);
        }
        return value;
    }
}
