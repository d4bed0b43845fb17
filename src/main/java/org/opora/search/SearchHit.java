package org.opora.search;

import java.util.UUID;

/**
 * One thing found.
 *
 * @param id       the letter's, application's, request's, body's or document's id
 * @param caseId   the case it belongs to (for a document, its case; a public body has none)
 * @param fragment the passage that matched, HTML-escaped, the matching words in {@code <mark>}
 */
public record SearchHit(Type type, UUID id, UUID caseId, String title, String fragment, double rank) {

    public enum Type { LETTER, APPLICATION, VOLUNTEER_REQUEST, PUBLIC_BODY, DOCUMENT }
}
