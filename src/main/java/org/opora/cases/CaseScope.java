package org.opora.cases;

import java.util.List;
import java.util.UUID;

/**
 * Which cases a user may see, decided once by {@link CaseAccess} and applied both to single cases
 * and to lists.
 *
 * @param everything        administrators
 * @param centreIds         staff: the cases of their centres
 * @param organisationId    CSO members: the cases of their organisation
 * @param processInstanceIds experts: the cases in which they have or had a task
 */
public record CaseScope(boolean everything, List<UUID> centreIds, UUID organisationId, List<String> processInstanceIds) {

    public static CaseScope all() {
        return new CaseScope(true, List.of(), null, List.of());
    }

    public boolean includes(CaseRecord record) {
        return everything
                || centreIds.contains(record.centreId())
                || (organisationId != null && organisationId.equals(record.organisationId()))
                || (record.processInstanceId() != null && processInstanceIds.contains(record.processInstanceId()));
    }
}
