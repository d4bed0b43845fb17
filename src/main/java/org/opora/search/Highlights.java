package org.opora.search;

import org.springframework.web.util.HtmlUtils;

/**
 * Matches are marked with two private-use characters while the fragment is plain text; the text is
 * then HTML-escaped and only the marks become {@code <mark>} tags, so a fragment never carries
 * markup from the data.
 */
final class Highlights {

    static final char START = '\uE000';
    static final char STOP = '\uE001';

    private Highlights() {
    }

    /** The data's own text, without anything that could pass for a mark. */
    static String plain(String text) {
        return text == null ? "" : text.replace(START, ' ').replace(STOP, ' ');
    }

    static String toHtml(String marked) {
        if (marked == null) {
            return "";
        }
        return HtmlUtils.htmlEscape(marked.replaceAll("\\s+", " ").strip())
                .replace(String.valueOf(START), "<mark>").replace(String.valueOf(STOP), "</mark>");
    }
}
