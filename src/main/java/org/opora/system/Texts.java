package org.opora.system;

import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;

import org.springframework.context.MessageSource;
import org.springframework.context.i18n.LocaleContextHolder;
import org.springframework.stereotype.Component;

/**
 * Renders {@link Text}s in a language: the message bundles give the sentence; dates are written as
 * the language writes them (31.12.2026, 2026-12-31), amounts and names as they are; counts stay
 * numbers for plural forms.
 */
@Component
public class Texts {

    private static final DateTimeFormatter RUSSIAN_DATE = DateTimeFormatter.ofPattern("dd.MM.yyyy");

    private final MessageSource messages;

    public Texts(MessageSource messages) {
        this.messages = messages;
    }

    public String render(Text text, Locale locale) {
        Object[] args = text.args().stream().map(arg -> argument(arg, locale)).toArray();
        return messages.getMessage(text.key(), args, text.key(), locale);
    }

    public List<String> render(List<Text> texts, Locale locale) {
        return texts.stream().map(text -> render(text, locale)).toList();
    }

    /** In the language of the current request (Russian unless it asks for English). */
    public List<String> render(List<Text> texts) {
        return render(texts, LocaleContextHolder.getLocale());
    }

    public String render(Text text) {
        return render(text, LocaleContextHolder.getLocale());
    }

    public static String date(LocalDate date, Locale locale) {
        return "ru".equals(locale.getLanguage()) ? RUSSIAN_DATE.format(date) : date.toString();
    }

    private Object argument(Object arg, Locale locale) {
        if (arg instanceof Text nested) {
            return render(nested, locale);
        }
        if (arg instanceof LocalDate date) {
            return date(date, locale);
        }
        if (arg instanceof Integer || arg instanceof Long) {
            // Counts stay numbers, for plurals ({0,choice,...}); amounts and the rest are written as they are.
            return arg;
        }
        return arg == null ? "" : arg.toString();
    }
}
