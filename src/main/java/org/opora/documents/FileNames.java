package org.opora.documents;

import java.text.Normalizer;

/**
 * A file name as a client sent it, made safe to show and to offer back in a download: no folders,
 * no control or reserved characters, no leading dots, at most {@value #MAX_LENGTH} characters with
 * the extension kept. It never names anything on disk; storage keys are the store's own.
 */
final class FileNames {

    static final int MAX_LENGTH = 200;
    static final String FALLBACK = "document";

    private FileNames() {
    }

    static String sanitize(String original) {
        if (original == null) {
            return FALLBACK;
        }
        String name = Normalizer.normalize(original, Normalizer.Form.NFC);
        // Browsers and tools send "C:\Users\...\file.pdf" or "../../file.pdf": only the last segment is the name.
        int slash = Math.max(name.lastIndexOf('/'), name.lastIndexOf('\\'));
        name = name.substring(slash + 1);
        StringBuilder clean = new StringBuilder(name.length());
        name.codePoints().forEach(c -> {
            boolean unsafe = Character.isISOControl(c) || "<>:\"|?*".indexOf(c) >= 0
                    || Character.getType(c) == Character.FORMAT // bidirectional overrides that disguise an extension
                    || Character.getType(c) == Character.PRIVATE_USE || Character.getType(c) == Character.SURROGATE
                    || Character.getType(c) == Character.UNASSIGNED;
            clean.appendCodePoint(unsafe ? '_' : Character.isWhitespace(c) ? ' ' : c);
        });
        name = clean.toString().replaceAll(" {2,}", " ").strip();
        name = name.replaceFirst("^[.\\s]+", "").replaceFirst("[.\\s]+$", "");
        if (name.codePointCount(0, name.length()) > MAX_LENGTH) {
            int dot = name.lastIndexOf('.');
            String extension = dot > 0 && name.length() - dot <= 10 ? name.substring(dot) : "";
            name = truncate(name.substring(0, name.length() - extension.length()), MAX_LENGTH - extension.length()).strip()
                    + extension;
        }
        return name.isEmpty() ? FALLBACK : name;
    }

    private static String truncate(String text, int codePoints) {
        return text.substring(0, text.offsetByCodePoints(0, Math.min(codePoints, text.codePointCount(0, text.length()))));
    }
}
