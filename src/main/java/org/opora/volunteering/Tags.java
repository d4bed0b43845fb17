package org.opora.volunteering;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * Skills and interests are tags: lower-case, trimmed, kept as a JSON array in the database (V55). The shared
 * vocabulary (see {@link #SKILLS}, {@link #CAUSES}) is what forms offer; free tags are allowed.
 */
public final class Tags {

    public static final List<String> SKILLS = List.of("first aid", "driving", "cooking", "teaching", "it", "design",
            "photography", "legal", "accounting", "languages", "sign language", "carpentry", "gardening", "childcare",
            "elderly care", "event help", "social media", "psychology", "medicine", "translation");
    public static final List<String> CAUSES = List.of("children", "elderly", "disability", "animals", "environment",
            "prisons", "migrants", "families", "soldiers", "health", "education", "culture");

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final TypeReference<List<String>> STRINGS = new TypeReference<>() {
    };

    private Tags() {
    }

    /**
     * Each item one tag: trimmed, lower-case, at most 100 characters; blank items (a free-tag field left
     * empty) and repeats dropped. Nothing is split: a comma belongs to the tag typed.
     */
    public static Set<String> parse(List<String> list) {
        Set<String> tags = new LinkedHashSet<>();
        if (list != null) {
            list.stream().filter(java.util.Objects::nonNull).map(tag -> tag.strip().toLowerCase(Locale.ROOT))
                    .filter(tag -> !tag.isEmpty()).map(tag -> tag.length() > 100 ? tag.substring(0, 100) : tag)
                    .forEach(tags::add);
        }
        return tags;
    }

    /** The tags outside the vocabulary (typed by people), in their order. */
    public static List<String> free(java.util.Collection<String> tags, List<String> vocabulary) {
        return tags == null ? List.of() : tags.stream().filter(tag -> !vocabulary.contains(tag)).toList();
    }

    /** The column's JSON array. */
    public static String toColumn(Set<String> tags) {
        try {
            return JSON.writeValueAsString(tags == null ? List.of() : tags);
        } catch (JsonProcessingException impossible) {
            throw new IllegalStateException(impossible);
        }
    }

    /** From the column's JSON array. */
    public static Set<String> fromColumn(String json) {
        if (json == null || json.isBlank()) {
            return new LinkedHashSet<>();
        }
        try {
            return new LinkedHashSet<>(JSON.readValue(json, STRINGS));
        } catch (JsonProcessingException unreadable) {
            throw new IllegalStateException("Not a JSON list of tags: " + json, unreadable);
        }
    }
}
