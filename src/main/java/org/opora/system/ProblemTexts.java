package org.opora.system;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.springframework.core.io.ClassPathResource;
import org.springframework.http.ProblemDetail;
import org.springframework.stereotype.Component;

/**
 * The API's problem texts in the reader's language. Opora's code writes them in English, where
 * they are read (as gettext does, the English text is the key); {@code i18n/problems_<language>.txt}
 * gives each a translation, with {0}, {1} ... for the parts that vary (data, names, numbers), carried
 * over untranslated. Only the human-readable parts change: {@code type} and field names stay stable.
 */
@Component
public class ProblemTexts {

    private static final Pattern PLACEHOLDER = Pattern.compile("\\{(\\d)}");
    private static final String FIELDS_PREFIX = "Some fields are not valid: ";

    private final Map<String, List<Translation>> byLanguage = new HashMap<>();

    private record Translation(Pattern english, List<String> placeholders, String translated) {
    }

    public ProblemTexts() {
        for (String language : List.of("ru")) {
            byLanguage.put(language, load("i18n/problems_" + language + ".txt"));
        }
    }

    public String translate(String english, Locale locale) {
        List<Translation> translations = byLanguage.get(locale.getLanguage());
        if (english == null || translations == null) {
            return english;
        }
        for (Translation translation : translations) {
            Matcher matcher = translation.english().matcher(english);
            if (matcher.matches()) {
                String result = translation.translated();
                for (String number : translation.placeholders()) {
                    result = result.replace("{" + number + "}", matcher.group("p" + number));
                }
                return result;
            }
        }
        return english;
    }

    /**
     * A field message as a page shows it beside its field, on its own: in the page's language (the
     * request's locale) and starting with a capital letter. Pages use this, so a form refused by the
     * same check the API makes says it in the same words as the API.
     */
    public String onPage(String english) {
        String said = translate(english, org.springframework.context.i18n.LocaleContextHolder.getLocale());
        return said == null || said.isEmpty() ? said : Character.toUpperCase(said.charAt(0)) + said.substring(1);
    }

    /** The problem with its title, detail and field messages in the language. */
    public ProblemDetail localise(ProblemDetail problem, Locale locale) {
        if (!byLanguage.containsKey(locale.getLanguage())) {
            return problem;
        }
        problem.setTitle(translate(problem.getTitle(), locale));
        List<ApiException.FieldProblem> fields = fieldsOf(problem).orElse(List.of());
        List<ApiException.FieldProblem> translated = fields.stream()
                .map(field -> new ApiException.FieldProblem(field.field(), translate(field.message(), locale))).toList();
        String detail = problem.getDetail();
        if (detail != null && detail.startsWith(FIELDS_PREFIX) && !fields.isEmpty()) {
            // The detail repeats the fields (Tasklist shows only the detail): rebuilt from their translations.
            detail = translate(FIELDS_PREFIX.substring(0, FIELDS_PREFIX.length() - 2), locale) + ": " + String.join("; ",
                    translated.stream().map(field -> field.field() + " " + field.message()).toList());
        } else {
            detail = translate(detail, locale);
        }
        problem.setDetail(detail);
        if (!fields.isEmpty()) {
            problem.setProperty("errors", translated);
        }
        return problem;
    }

    @SuppressWarnings("unchecked")
    private static Optional<List<ApiException.FieldProblem>> fieldsOf(ProblemDetail problem) {
        Object errors = problem.getProperties() == null ? null : problem.getProperties().get("errors");
        return errors instanceof List<?> list ? Optional.of((List<ApiException.FieldProblem>) list) : Optional.empty();
    }

    private static List<Translation> load(String path) {
        List<Translation> translations = new ArrayList<>();
        try (InputStream in = new ClassPathResource(path).getInputStream()) {
            for (String line : new String(in.readAllBytes(), StandardCharsets.UTF_8).split("\n")) {
                int arrow = line.indexOf(" => ");
                if (line.isBlank() || line.startsWith("#") || arrow < 0) {
                    continue;
                }
                String english = line.substring(0, arrow).strip();
                List<String> placeholders = PLACEHOLDER.matcher(english).results().map(found -> found.group(1)).toList();
                translations.add(new Translation(pattern(english), placeholders, line.substring(arrow + 4).strip()));
            }
        } catch (IOException unreadable) {
            throw new UncheckedIOException("Cannot read " + path, unreadable);
        }
        return List.copyOf(translations);
    }

    /** "rank {0} is decided twice" matches "rank 3 is decided twice", with 3 as p0. */
    private static Pattern pattern(String english) {
        StringBuilder regex = new StringBuilder();
        Matcher placeholder = PLACEHOLDER.matcher(english);
        int last = 0;
        while (placeholder.find()) {
            regex.append(Pattern.quote(english.substring(last, placeholder.start())))
                    .append("(?<p").append(placeholder.group(1)).append(">.+?)");
            last = placeholder.end();
        }
        regex.append(Pattern.quote(english.substring(last)));
        return Pattern.compile(regex.toString(), Pattern.DOTALL);
    }
}
