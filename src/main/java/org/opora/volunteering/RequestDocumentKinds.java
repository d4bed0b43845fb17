package org.opora.volunteering;

import java.util.List;

import org.opora.cases.CaseRecord;
import org.opora.documents.DocumentKinds;
import org.springframework.stereotype.Component;

/** A volunteer request keeps photos of the work and the attendance sheets. */
@Component
class RequestDocumentKinds implements DocumentKinds {

    private static final List<String> KINDS = List.of("photo", "attendance-sheet");

    @Override
    public boolean appliesTo(CaseRecord record) {
        return MatchingService.PROCESS_KEY.equals(record.processKey());
    }

    @Override
    public List<String> kinds(CaseRecord record) {
        return KINDS;
    }
}
