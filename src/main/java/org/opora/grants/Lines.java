package org.opora.grants;

import java.util.Arrays;
import java.util.List;

/** Short lists (regions, documents, shares) are stored one item per line. */
final class Lines {

    private Lines() {
    }

    static String join(List<String> items) {
        return items == null || items.isEmpty() ? null : String.join("\n", items);
    }

    static List<String> split(String text) {
        return text == null || text.isBlank() ? List.of()
                : Arrays.stream(text.split("\n")).map(String::strip).filter(line -> !line.isEmpty()).toList();
    }
}
