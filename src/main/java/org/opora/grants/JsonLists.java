package org.opora.grants;

import java.util.List;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;

/** Short lists (regions, documents, shares, findings) are stored as JSON arrays (migration V40). */
public final class JsonLists {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final TypeReference<List<String>> STRINGS = new TypeReference<>() { };
    private static final TypeReference<List<Integer>> INTEGERS = new TypeReference<>() { };

    private JsonLists() {
    }

    public static String write(List<?> items) {
        if (items == null || items.isEmpty()) {
            return null;
        }
        try {
            return JSON.writeValueAsString(items);
        } catch (JsonProcessingException impossible) {
            throw new IllegalStateException(impossible);
        }
    }

    public static List<String> strings(String json) {
        return read(json, STRINGS);
    }

    public static List<Integer> integers(String json) {
        return read(json, INTEGERS);
    }

    private static <T> List<T> read(String json, TypeReference<List<T>> type) {
        if (json == null || json.isBlank()) {
            return List.of();
        }
        try {
            return List.copyOf(JSON.readValue(json, type));
        } catch (JsonProcessingException corrupt) {
            throw new IllegalStateException("Not a JSON list: " + json, corrupt);
        }
    }
}
