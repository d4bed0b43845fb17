package org.opora.cases;

import java.util.UUID;
import java.util.function.Supplier;

import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.impl.cfg.AbstractProcessEnginePlugin;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.cfg.multitenancy.TenantIdProvider;
import org.camunda.bpm.engine.impl.cfg.multitenancy.TenantIdProviderCaseInstanceContext;
import org.camunda.bpm.engine.impl.cfg.multitenancy.TenantIdProviderHistoricDecisionInstanceContext;
import org.camunda.bpm.engine.impl.cfg.multitenancy.TenantIdProviderProcessInstanceContext;
import org.springframework.stereotype.Component;

/**
 * Every process instance carries its case's resource centre as its engine tenant
 * (docs/adr/0023-one-installation-several-centres.md). Deployments stay shared (no tenant); the
 * engine then asks this provider for each new instance. Every process starts in
 * {@link CaseService#open}, which names the centre of the case it opens for the start; an instance
 * started by another (a call activity) takes its caller's tenant, and a decision evaluated in a
 * process takes the process's. With the tenant on the instance, its tasks, jobs, variables and
 * history, the engine's own tenant check narrows Tasklist, Cockpit and {@code /engine-rest} to the
 * staff member's centres; members of {@code camunda-admin} are exempt.
 */
@Component
public class CaseTenants extends AbstractProcessEnginePlugin implements TenantIdProvider {

    private static final ThreadLocal<String> STARTING = new ThreadLocal<>();

    @Override
    public void preInit(ProcessEngineConfigurationImpl configuration) {
        configuration.setTenantIdProvider(this);
    }

    /** Runs the start of a case's process so that the new instance belongs to the case's centre. */
    static <T> T startingFor(UUID centreId, Supplier<T> start) {
        String outer = STARTING.get();
        STARTING.set(centreId == null ? null : centreId.toString());
        try {
            return start.get();
        } finally {
            if (outer == null) {
                STARTING.remove();
            } else {
                STARTING.set(outer);
            }
        }
    }

    @Override
    public String provideTenantIdForProcessInstance(TenantIdProviderProcessInstanceContext context) {
        if (context.getSuperExecution() != null) {
            return context.getSuperExecution().getTenantId();
        }
        return STARTING.get();
    }

    @Override
    public String provideTenantIdForCaseInstance(TenantIdProviderCaseInstanceContext context) {
        return context.getSuperExecution() != null ? context.getSuperExecution().getTenantId() : STARTING.get();
    }

    @Override
    public String provideTenantIdForHistoricDecisionInstance(TenantIdProviderHistoricDecisionInstanceContext context) {
        DelegateExecution execution = context.getExecution();
        return execution != null ? execution.getTenantId() : null;
    }
}
