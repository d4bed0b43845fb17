package org.opora.system;

import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The "back" address a page form carries, accepted only when it stays on this site. Browsers drop
 * tabs and line breaks inside an address, so {@code "/\t/evil.example"} would become the other-site
 * address {@code "//evil.example"}: control characters and blanks are refused with the usual suspects, and
 * braces, which a redirect would read as a template's variables.
 */
public final class ReturnPaths {

    private static final Pattern LOCAL = Pattern.compile("/(?![/\\\\])[^\\\\\\s\\p{Cntrl}{}]*");

    private ReturnPaths() {
    }

    /** The path itself when it is a path of this site, else empty. */
    public static Optional<String> local(String back) {
        if (back == null || back.length() > 2000 || back.contains("://") || !LOCAL.matcher(back).matches()) {
            return Optional.empty();
        }
        return Optional.of(back);
    }
}
