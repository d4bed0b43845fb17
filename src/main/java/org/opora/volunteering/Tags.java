package org.opora.volunteering;

import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Skills and interests are tags: lower-case, trimmed, kept one per line in the database. The shared
 * vocabulary (see {@link #SKILLS}, {@link #CAUSES}) is what forms offer; free tags are allowed.
 */
public final class Tags {

    public static final List<String> SKILLS = List.of("first aid", "driving", "cooking", "teaching", "it", "design",
            "photography", "legal", "accounting", "languages", "sign language", "carpentry", "gardening", "childcare",
            "elderly care", "event help", "social media", "psychology", "medicine", "translation");
    public static final List<String> CAUSES = List.of("children", "elderly", "disability", "animals", "environment",
            "prisons", "migrants", "families", "soldiers", "health", "education", "culture");

    private Tags() {
    }

    public static Set<String> parse(String text) {
        Set<String> tags = new LinkedHashSet<>();
        if (text != null) {
            Arrays.stream(text.split("[\\n,;]")).map(tag -> tag.trim().toLowerCase(Locale.ROOT))
                    .filter(tag -> !tag.isEmpty()).map(tag -> tag.length() > 100 ? tag.substring(0, 100) : tag)
                    .forEach(tags::add);
        }
        return tags;
    }

    public static Set<String> parse(List<String> list) {
        return list == null ? new LinkedHashSet<>() : parse(String.join("\n", list));
    }

    public static String join(Set<String> tags) {
        return String.join("\n", tags);
    }
}
