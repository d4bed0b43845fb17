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
 * @param involvedUserId    experts: the cases in which they have or had a task (the engine's task history names them
 *                          as assignee, candidate or owner), decided by the database where it is asked, not listed
 *                          here: the list grew with every review an expert did (docs/performance.md, figure 1)
 * @param involvementLimit  a SQL condition on {@code opora_case}'s columns (the case's alias written {@code {case}}) that a
 *                          case reached by involvement alone must also meet in a list of cases: the features' visibility
 *                          rules for lists ({@link CaseVisibilityRule#involvedListCondition}); null when none
 */
public record CaseScope(boolean everything, List<UUID> centreIds, UUID organisationId, String involvedUserId,
        String involvementLimit) {

    /**
     * The process instances in whose tasks {@code :scopeInvolved} had a part: the engine's own condition for
     * {@code HistoricTaskInstanceQuery.taskInvolvedUser} (a historic identity link of the task names the user).
     */
    static final String INVOLVED_INSTANCES = "SELECT ht.PROC_INST_ID_ FROM ACT_HI_TASKINST ht WHERE ht.ID_ IN"
            + " (SELECT hl.TASK_ID_ FROM ACT_HI_IDENTITYLINK hl WHERE hl.USER_ID_ = :scopeInvolved)";

    /** A SQL condition on the columns of {@code opora_case} (under the given alias) and its named parameters. */
    public record SqlCondition(String sql, Map<String, Object> parameters) {
    }

    public static CaseScope all() {
        return new CaseScope(true, List.of(), null, null, null);
    }

    /** The same scope as a SQL condition, so lists are filtered in the database, never after paging. */
    public SqlCondition toSql(String alias) {
        return toSql(alias, null, false);
    }

    /**
     * The scope on a list of cases ({@code opora_case} under the alias: the case list, search, a feature's list of its
     * cases): a case reached by an expert's involvement is listed only if the features' rules would show it alone, as
     * {@link CaseAccess#require} decides for one case. Task lists keep {@link #toSql(String)}: a task's assignee works on it.
     */
    public SqlCondition toCaseListSql(String alias) {
        return toSql(alias, null, true);
    }

    /**
     * The scope as a condition on a table that carries its case's {@code centre_id} and
     * {@code organisation_id} (a letter, ADR 26) and names its case in {@code caseIdColumn}: staff's and
     * members' lists then need no join to {@code opora_case}; an expert's cases are found by their
     * process instances.
     */
    public SqlCondition toSql(String alias, String caseIdColumn) {
        return toSql(alias, caseIdColumn, false);
    }

    private SqlCondition toSql(String alias, String caseIdColumn, boolean listOfCases) {
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
        if (involvedUserId != null) {
            String limit = listOfCases && involvementLimit != null ? " AND " + involvementLimit.replace("{case}", alias) : "";
            visible.add(caseIdColumn == null ? "(" + alias + ".process_instance_id IN (" + INVOLVED_INSTANCES + ")" + limit + ")"
                    : alias + "." + caseIdColumn + " IN (SELECT sc.id FROM opora_case sc WHERE sc.process_instance_id IN ("
                            + INVOLVED_INSTANCES + "))");
            parameters.put("scopeInvolved", involvedUserId);
        }
        return new SqlCondition(visible.isEmpty() ? "1 = 0" : "(" + String.join(" OR ", visible) + ")", parameters);
    }

    /**
     * Whether the scope holds the case by its centre or organisation; an expert's involvement is the database's to
     * say, so only {@link CaseAccess} decides a single case (it asks for the one process instance).
     */
    boolean includesByParties(CaseRecord record) {
        return everything
                || centreIds.contains(record.centreId())
                || (organisationId != null && organisationId.equals(record.organisationId()));
    }
}
