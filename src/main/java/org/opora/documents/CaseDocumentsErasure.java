package org.opora.documents;

import org.opora.cases.CaseErasure;
import org.opora.cases.CaseRecord;
import org.springframework.stereotype.Component;

/** At the end of a case's retention its documents go, metadata and bytes (ADR 16). */
@Component
class CaseDocumentsErasure implements CaseErasure {

    private final DocumentService documents;

    CaseDocumentsErasure(DocumentService documents) {
        this.documents = documents;
    }

    @Override
    public void erase(CaseRecord record) {
        documents.deleteOfCase(record.id());
    }
}
