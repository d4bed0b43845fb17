package org.opora.system;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.springframework.context.MessageSource;
import org.springframework.context.i18n.LocaleContextHolder;
import org.springframework.stereotype.Component;

/**
 * Left for the grant pages only until the grants package's split lands: every other page says a
 * field problem through {@link ProblemTexts#onPage}, the API's one translation table. Move
 * {@code GrantPages} to it and delete this class (and the {@code validation.*} keys).
 * <p>
 * Says a field problem of the API ({@link ApiException.FieldProblem}, whose messages are English)
 * in the page's language, so a form refused by the same check the API makes shows its error beside
 * the field in the user's words. A message this table does not know is shown as it is.
 */
@Component
public class FieldMessages {

    private static final Map<Pattern, String> KNOWN = new LinkedHashMap<>();

    static {
        KNOWN.put(Pattern.compile("is required.*|must not be (?:null|blank|empty)"), "validation.required");
        KNOWN.put(Pattern.compile("must be from (\\S+) to (\\S+)"), "validation.range");
        KNOWN.put(Pattern.compile("must be at least (\\d+) characters"), "validation.min-length");
        KNOWN.put(Pattern.compile("must be at most (\\d+) characters"), "validation.max-length");
        KNOWN.put(Pattern.compile("does not have the expected format"), "validation.pattern");
        KNOWN.put(Pattern.compile("must be a date.*"), "validation.date");
        KNOWN.put(Pattern.compile("must be one of .*"), "validation.option");
        KNOWN.put(Pattern.compile("must be a number"), "validation.number");
        KNOWN.put(Pattern.compile("must be at least (.+)"), "validation.min");
        KNOWN.put(Pattern.compile("must be at most (.+)"), "validation.max");
        KNOWN.put(Pattern.compile("must be text|must be true or false|must be a list of texts|has an invalid value"),
                "validation.invalid");
        KNOWN.put(Pattern.compile("is not a field of this task|cannot be changed in this task"), "validation.not-editable");
        KNOWN.put(Pattern.compile("is before the letter was forwarded"), "validation.before-forwarding");
        KNOWN.put(Pattern.compile("the approvals total (\\S+), more than the budget pool of (\\S+)"), "validation.over-pool");
        KNOWN.put(Pattern.compile("rank (\\d+): the amount must be more than 0 and at most the (\\S+) requested"),
                "validation.over-request");
        KNOWN.put(Pattern.compile("is the body the letter is already with"), "validation.same-body");
    }

    private final MessageSource messages;

    public FieldMessages(MessageSource messages) {
        this.messages = messages;
    }

    public String say(String message) {
        for (Map.Entry<Pattern, String> known : KNOWN.entrySet()) {
            Matcher matcher = known.getKey().matcher(message);
            if (matcher.matches()) {
                Object[] args = new Object[matcher.groupCount()];
                for (int i = 0; i < args.length; i++) {
                    args[i] = matcher.group(i + 1);
                }
                return messages.getMessage(known.getValue(), args, message, LocaleContextHolder.getLocale());
            }
        }
        return message;
    }
}
