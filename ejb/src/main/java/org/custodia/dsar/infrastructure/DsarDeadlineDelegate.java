package org.custodia.dsar.infrastructure;

import java.util.Map;
import java.util.UUID;

import jakarta.ejb.LocalBean;
import jakarta.ejb.Stateless;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;

import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.custodia.audit.application.AuditTrail;
import org.custodia.bpmn.DsarProcess;
import org.custodia.dsar.domain.DsarRequest;
import org.custodia.platform.context.Actor;
import org.custodia.platform.persistence.TenantSession;

/**
 * Runs on the job executor when a deadline timer of dsar.bpmn fires, inside the job's JTA transaction:
 * binds the process instance's tenant, then records the milestone. Throwing rolls the job back and
 * the engine retries, then raises an incident.
 */
@Stateless
@LocalBean
public class DsarDeadlineDelegate implements JavaDelegate {

    @PersistenceContext(unitName = "custodia")
    EntityManager em;

    @Inject
    TenantSession tenantSession;

    @Inject
    AuditTrail audit;

    @Override
    public void execute(DelegateExecution execution) {
        UUID tenantId = UUID.fromString(execution.getTenantId());
        tenantSession.bind(tenantId);
        String dsarId = (String) execution.getVariable(DsarProcess.VAR_DSAR_ID);
        String milestone = (String) execution.getVariableLocal(DsarProcess.VAR_MILESTONE);
        DsarRequest request = em.find(DsarRequest.class, UUID.fromString(dsarId));
        if (request == null) {
            throw new IllegalStateException("DSAR " + dsarId + " is not visible to tenant " + tenantId);
        }
        if (DsarProcess.MILESTONE_BREACHED.equals(milestone)) {
            request.markOverdue();
        }
        audit.append(Actor.system(tenantId, "deadline-timer", execution.getProcessInstanceId()),
                "dsar.deadline." + milestone.toLowerCase(), "dsar", dsarId,
                Map.of("jurisdiction", request.jurisdiction().name(), "dueAt", request.dueAt().toString()));
    }
}
