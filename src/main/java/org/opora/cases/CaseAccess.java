package org.opora.cases;

import java.util.List;
import java.util.Optional;
import java.util.UUID;

import org.camunda.bpm.engine.HistoryService;
import org.camunda.bpm.engine.history.HistoricTaskInstance;
import org.opora.security.CurrentUser;
import org.opora.security.OporaUser;
import org.opora.security.Role;
import org.opora.system.ApiException;
import org.opora.system.SystemAccess;
import org.springframework.stereotype.Component;

/**
 * The one place that decides which cases a user may see. Every case, task and history read of
 * Opora's API goes through it; a case outside the user's scope is "not found", so its existence
 * does not leak either.
 */
@Component
public class CaseAccess {

    /** More involvement than this is a staff member's, not an expert's; they are not listed. */
    private static final int MAX_INVOLVED_INSTANCES = 1000;

    private final CaseRepository cases;
    private final HistoryService historyService;
    private final SystemAccess system;

    private final List<CaseVisibilityRule> rules;

    public CaseAccess(CaseRepository cases, HistoryService historyService, SystemAccess system,
            List<CaseVisibilityRule> rules) {
        this.cases = cases;
        this.historyService = historyService;
        this.system = system;
        this.rules = rules;
    }

    public CaseScope scopeOf(OporaUser user) {
        if (user.has(Role.ADMIN)) {
            return CaseScope.all();
        }
        List<UUID> centres = user.has(Role.STAFF)
                ? user.tenantIds().stream().flatMap(tenantId -> centreId(tenantId).stream()).toList()
                : List.of();
        UUID organisation = user.has(Role.CSO) ? user.organisationId() : null;
        List<String> involved = user.has(Role.EXPERT) ? involvedProcessInstances(user.id()) : List.of();
        return new CaseScope(false, centres, organisation, involved);
    }

    public CaseScope currentScope() {
        return scopeOf(CurrentUser.get());
    }

    public CaseRecord require(UUID caseId) {
        OporaUser user = CurrentUser.get();
        return cases.find(caseId).filter(scopeOf(user)::includes).filter(record -> visible(record, user))
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
        return caseOfInstance == null ? user.isStaffOrAdmin() : scopeOf(user).includes(caseOfInstance) && visible(caseOfInstance, user);
    }

    private static Optional<UUID> centreId(String tenantId) {
        try {
            return Optional.of(UUID.fromString(tenantId));
        } catch (IllegalArgumentException notACentre) {
            return Optional.empty();
        }
    }

    private List<String> involvedProcessInstances(String userId) {
        return system.call(() -> historyService.createHistoricTaskInstanceQuery().taskInvolvedUser(userId)
                        .listPage(0, MAX_INVOLVED_INSTANCES))
                .stream().map(HistoricTaskInstance::getProcessInstanceId).distinct().toList();
    }
}
