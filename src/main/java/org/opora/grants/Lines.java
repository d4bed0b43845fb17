package org.opora.grants;

import java.util.Arrays;
import java.util.List;

/** Short lists (regions, documents, shares) are stored one item per line. */
public final class Lines {

    private Lines() {
    }

    public static String join(List<String> items) {
        return items == null || items.isEmpty() ? null : String.join("\n", items);
    }

    public static List<String> split(String text) {
        return text == null || text.isBlank() ? List.of()
                : Arrays.stream(text.split("\n")).map(String::strip).filter(line -> !line.isEmpty()).toList();
    }
}
