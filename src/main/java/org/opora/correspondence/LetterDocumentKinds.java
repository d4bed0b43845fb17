package org.opora.correspondence;

import java.util.List;

import org.opora.cases.CaseRecord;
import org.opora.documents.DocumentKinds;
import org.springframework.stereotype.Component;

/**
 * A letter keeps what proves its clock: the letter as sent, the registration stamp (or the site's
 * confirmation), the body's answer, and a complaint about it.
 */
@Component
class LetterDocumentKinds implements DocumentKinds {

    private static final List<String> KINDS = List.of("letter", "registration", "answer", "complaint", "enclosure");

    @Override
    public boolean appliesTo(CaseRecord record) {
        return LetterService.PROCESS_KEY.equals(record.processKey());
    }

    @Override
    public List<String> kinds(CaseRecord record) {
        return KINDS;
    }
}
