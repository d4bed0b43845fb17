package org.opora.system;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.springframework.context.MessageSource;
import org.springframework.context.i18n.LocaleContextHolder;
import org.springframework.stereotype.Component;

/**
 * Says a field problem of the API ({@link ApiException.FieldProblem}, whose messages are English)
 * in the page's language, so a form refused by the same check the API makes shows its error beside
 * the field in the user's words. A message this table does not know is said as the API says it
 * ({@link ProblemTexts}).
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
    private final ProblemTexts problemTexts;

    public FieldMessages(MessageSource messages, ProblemTexts problemTexts) {
        this.messages = messages;
        this.problemTexts = problemTexts;
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
        // Otherwise the API's own translation of the message, so the page says what the API says.
        return problemTexts.translate(message, LocaleContextHolder.getLocale());
    }
}
