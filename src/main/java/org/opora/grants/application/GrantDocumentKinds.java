package org.opora.grants.application;

import java.util.ArrayList;
import java.util.List;

import org.opora.cases.CaseRecord;
import org.opora.documents.DocumentKinds;
import org.opora.grants.competition.CompetitionService;
import org.springframework.stereotype.Component;

/** An application holds the documents its competition requires, then the agreement and the reports' evidence. */
@Component
class GrantDocumentKinds implements DocumentKinds {

    private static final List<String> LATER = List.of("budget", "agreement", "report", "receipt", "photo");

    private final CompetitionService competitions;

    GrantDocumentKinds(CompetitionService competitions) {
        this.competitions = competitions;
    }

    @Override
    public boolean appliesTo(CaseRecord record) {
        return ApplicationService.PROCESS_KEY.equals(record.processKey());
    }

    @Override
    public List<String> kinds(CaseRecord record) {
        List<String> kinds = new ArrayList<>();
        competitions.requiredDocumentsOfApplication(record.id()).ifPresent(kinds::addAll);
        kinds.addAll(LATER);
        return kinds;
    }
}
