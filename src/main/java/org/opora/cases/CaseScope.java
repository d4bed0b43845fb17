package org.opora.cases;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
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

    /** A SQL condition on the columns of {@code opora_case} (under the given alias) and its named parameters. */
    public record SqlCondition(String sql, Map<String, Object> parameters) {
    }

    public static CaseScope all() {
        return new CaseScope(true, List.of(), null, List.of());
    }

    /** The same scope as a SQL condition, so lists are filtered in the database, never after paging. */
    public SqlCondition toSql(String alias) {
        return toSql(alias, null);
    }

    /**
     * The scope as a condition on a table that carries its case's {@code centre_id} and
     * {@code organisation_id} (a letter, ADR 26) and names its case in {@code caseIdColumn}: staff's and
     * members' lists then need no join to {@code opora_case}; an expert's cases are found by their
     * process instances.
     */
    public SqlCondition toSql(String alias, String caseIdColumn) {
        Map<String, Object> parameters = new LinkedHashMap<>();
        List<String> visible = new ArrayList<>();
        if (everything) {
            visible.add("1 = 1");
        }
        if (!centreIds.isEmpty()) {
            visible.add(alias + ".centre_id IN (:scopeCentres)");
            parameters.put("scopeCentres", centreIds);
        }
        if (organisationId != null) {
            visible.add(alias + ".organisation_id = :scopeOrganisation");
            parameters.put("scopeOrganisation", organisationId);
        }
        if (!processInstanceIds.isEmpty()) {
            visible.add(caseIdColumn == null ? alias + ".process_instance_id IN (:scopeInstances)"
                    : alias + "." + caseIdColumn + " IN (SELECT sc.id FROM opora_case sc WHERE sc.process_instance_id IN (:scopeInstances))");
            parameters.put("scopeInstances", processInstanceIds);
        }
        return new SqlCondition(visible.isEmpty() ? "1 = 0" : "(" + String.join(" OR ", visible) + ")", parameters);
    }

    public boolean includes(CaseRecord record) {
        return everything
                || centreIds.contains(record.centreId())
                || (organisationId != null && organisationId.equals(record.organisationId()))
                || (record.processInstanceId() != null && processInstanceIds.contains(record.processInstanceId()));
    }
}
