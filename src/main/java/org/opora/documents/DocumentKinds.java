package org.opora.documents;

import java.util.List;

import org.opora.cases.CaseRecord;

/**
 * The kinds of document a feature's cases hold ("charter", "budget" for a grant application; "answer"
 * for a letter). A feature registers one as a bean; a case no feature claims holds documents of
 * kind {@value DocumentService#OTHER} only.
 */
public interface DocumentKinds {

    /** Whether this feature's kinds apply to the case. */
    boolean appliesTo(CaseRecord record);

    /** The kinds, in the order a form offers them; {@value DocumentService#OTHER} is added to every list. */
    List<String> kinds(CaseRecord record);

    /**
     * The kinds a part of the case holds (a grant's report {@code report-1}: receipts and photos); empty
     * when the case has no such part (the default: a feature without parts).
     */
    default List<String> partKinds(CaseRecord record, String part) {
        return List.of();
    }
}
