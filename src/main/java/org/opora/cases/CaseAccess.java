package org.opora.cases;

import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;

import org.opora.security.CurrentUser;
import org.opora.security.OporaUser;
import org.opora.security.Role;
import org.opora.system.ApiException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * The one place that decides which cases a user may see. Every case, task and history read of
 * Opora's API goes through it; a case outside the user's scope is "not found", so its existence
 * does not leak either.
 */
@Component
public class CaseAccess {

    private final CaseRepository cases;
    private final JdbcClient jdbc;

    private final List<CaseVisibilityRule> rules;
    /** The rules' conditions for lists of cases, joined once. */
    private final String involvementLimit;

    public CaseAccess(CaseRepository cases, JdbcClient jdbc, List<CaseVisibilityRule> rules) {
        this.cases = cases;
        this.jdbc = jdbc;
        this.rules = rules;
        this.involvementLimit = rules.stream().map(CaseVisibilityRule::involvedListCondition).filter(Objects::nonNull)
                .map(condition -> "(" + condition + ")").reduce((a, b) -> a + " AND " + b).orElse(null);
    }

    public CaseScope scopeOf(OporaUser user) {
        if (user.has(Role.ADMIN)) {
            return CaseScope.all();
        }
        List<UUID> centres = user.has(Role.STAFF)
                ? user.tenantIds().stream().flatMap(tenantId -> centreId(tenantId).stream()).toList()
                : List.of();
        UUID organisation = user.has(Role.CSO) ? user.organisationId() : null;
        // An expert's cases are those of their task history, asked of the database where a list or a case is read.
        return new CaseScope(false, centres, organisation, user.has(Role.EXPERT) ? user.id() : null, involvementLimit);
    }

    public CaseScope currentScope() {
        return scopeOf(CurrentUser.get());
    }

    public CaseRecord require(UUID caseId) {
        OporaUser user = CurrentUser.get();
        return cases.find(caseId).filter(record -> includes(scopeOf(user), record)).filter(record -> visible(record, user))
                .orElseThrow(() -> ApiException.notFound("Case"));
    }

    private boolean visible(CaseRecord record, OporaUser user) {
        return rules.stream().noneMatch(rule -> rule.hides(record, user));
    }

    /**
     * Whether the user may see work of this process instance: that of a case in their scope, or,
     * for staff and administrators, of a process that belongs to no case.
     */
    public boolean canSeeProcessInstance(String processInstanceId) {
        return canSeeWorkOf(cases.findByProcessInstance(processInstanceId).orElse(null));
    }

    /**
     * The same decision for a process instance whose case the caller has already read ({@code null}: it
     * belongs to no case), so that a completion reads the case once for the check and its event.
     */
    public boolean canSeeWorkOf(CaseRecord caseOfInstance) {
        OporaUser user = CurrentUser.get();
        return caseOfInstance == null ? user.isStaffOrAdmin() : includes(scopeOf(user), caseOfInstance) && visible(caseOfInstance, user);
    }

    private static Optional<UUID> centreId(String tenantId) {
        try {
            return Optional.of(UUID.fromString(tenantId));
        } catch (IllegalArgumentException notACentre) {
            return Optional.empty();
        }
    }

    /**
     * The scope holds the case by its centre or organisation, or, for an expert, because a task of its process
     * instance names them (assignee, candidate or owner): the same condition as the scope's lists, asked for this one
     * instance by its index, so it costs the same however long the expert's history is.
     */
    private boolean includes(CaseScope scope, CaseRecord record) {
        if (scope.includesByParties(record)) {
            return true;
        }
        return scope.involvedUserId() != null && record.processInstanceId() != null
                && jdbc.sql("SELECT COUNT(*) FROM ACT_HI_TASKINST ht WHERE ht.PROC_INST_ID_ = :instance AND ht.ID_ IN"
                                + " (SELECT hl.TASK_ID_ FROM ACT_HI_IDENTITYLINK hl WHERE hl.USER_ID_ = :scopeInvolved)")
                        .param("instance", record.processInstanceId()).param("scopeInvolved", scope.involvedUserId())
                        .query(Long.class).single() > 0;
    }
}
