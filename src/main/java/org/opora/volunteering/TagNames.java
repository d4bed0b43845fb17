package org.opora.volunteering;

import java.util.Collection;
import java.util.List;
import java.util.Locale;

import org.springframework.context.MessageSource;
import org.springframework.stereotype.Component;

/**
 * The names of the vocabulary's tags in a language ({@code volunteering.skill.<tag>} and
 * {@code volunteering.cause.<tag>} in {@code i18n/volunteering}, spaces written as hyphens in the key):
 * the tags themselves are codes and stay as stored. A free tag, typed by a person, is data and shows as typed.
 */
@Component
class TagNames {

    /** A tag and what a reader sees for it. */
    record Named(String tag, String name) {
    }

    private final MessageSource messages;

    TagNames(MessageSource messages) {
        this.messages = messages;
    }

    String skill(String tag, Locale locale) {
        return name("volunteering.skill.", tag, locale);
    }

    String cause(String tag, Locale locale) {
        return name("volunteering.cause.", tag, locale);
    }

    /** The vocabulary's skills with their names, as a form offers them. */
    List<Named> skills(Locale locale) {
        return Tags.SKILLS.stream().map(tag -> new Named(tag, skill(tag, locale))).toList();
    }

    List<Named> causes(Locale locale) {
        return Tags.CAUSES.stream().map(tag -> new Named(tag, cause(tag, locale))).toList();
    }

    /** Skills as a reader sees them: names for the vocabulary's, the rest as typed. */
    List<String> skillNames(Collection<String> tags, Locale locale) {
        return tags == null ? List.of() : tags.stream().map(tag -> skill(tag, locale)).toList();
    }

    static String key(String prefix, String tag) {
        return prefix + tag.replace(' ', '-');
    }

    private String name(String prefix, String tag, Locale locale) {
        if (tag == null || tag.isBlank()) {
            return "";
        }
        return messages.getMessage(key(prefix, tag), null, tag, locale);
    }
}
