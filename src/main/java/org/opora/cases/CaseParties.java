package org.opora.cases;

import java.util.UUID;

import org.opora.organisations.Organisation;
import org.springframework.stereotype.Component;

/**
 * Who takes part in a case, for BPMN expressions: a task for the applicant organisation is a
 * candidate-group task of {@code ${caseParties.organisationGroup(execution.processBusinessKey)}}.
 * The process needs no variable for it.
 */
@Component("caseParties")
public class CaseParties {

    private final CaseRepository cases;

    public CaseParties(CaseRepository cases) {
        this.cases = cases;
    }

    public String organisationGroup(String businessKey) {
        CaseRecord record = cases.find(UUID.fromString(businessKey))
                .orElseThrow(() -> new IllegalStateException("No case " + businessKey));
        if (record.organisationId() == null) {
            throw new IllegalStateException("Case " + businessKey + " has no organisation");
        }
        return Organisation.groupIdFor(record.organisationId());
    }
}
