package org.custodia.dsar.application;

import java.util.Map;
import java.util.UUID;

import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.inject.Inject;

import org.custodia.audit.application.AuditTrail;
import org.custodia.dsar.domain.DiscoveryStep;
import org.custodia.dsar.infrastructure.DiscoveryRepository;
import org.custodia.platform.context.Actor;
import org.custodia.platform.persistence.StoredTime;
import org.custodia.platform.persistence.TenantId;
import org.custodia.platform.persistence.TenantScoped;

/**
 * Records a failed discovery attempt in a transaction of its own: the engine's job transaction rolls back when
 * the step throws, and the reviewer must still see the step FAILED with its cause. The job's transaction has
 * not written the step's row before this runs, so the two never wait on each other.
 */
@Stateless
@TenantScoped
public class DiscoveryFailures {

    @Inject
    DiscoveryRepository discovery;

    @Inject
    AuditTrail audit;

    @TransactionAttribute(TransactionAttributeType.REQUIRES_NEW)
    public void record(@TenantId UUID tenantId, UUID dsarId, UUID connectorId, String cause, String processInstanceId) {
        discovery.record(tenantId, dsarId, connectorId, DiscoveryStep.Status.FAILED, cause, StoredTime.now());
        audit.append(Actor.system(tenantId, DsarProgress.PROCESS, processInstanceId), "dsar.discovery.failed", "dsar",
                dsarId.toString(), Map.of("connectorId", connectorId.toString()));
    }
}
