package org.opora.system;

import java.util.Arrays;
import java.util.List;

/**
 * A sentence for a person to read, kept as a message key and its arguments until it reaches them:
 * {@link Texts} renders it in the reader's language. Arguments are data (dates, names, numbers) or
 * other texts; they are never translated themselves.
 */
public record Text(String key, List<Object> args) {

    public static Text of(String key, Object... args) {
        return new Text(key, Arrays.asList(args));
    }
}
