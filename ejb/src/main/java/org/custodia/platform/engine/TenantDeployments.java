package org.custodia.platform.engine;

import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

import jakarta.ejb.Singleton;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.inject.Inject;

import org.custodia.bpmn.DsarProcess;

/**
 * Each tenant gets its own deployment of the process models (deployments and instances carry the
 * Custodia tenant id). Deployed lazily, in a transaction of its own so a failed business request does
 * not undo it; duplicate filtering makes it a no-op when nothing changed (also across nodes).
 */
@Singleton
public class TenantDeployments {

    @Inject
    ProcessEngineBootstrap bootstrap;

    private final Set<UUID> deployed = ConcurrentHashMap.newKeySet();

    @TransactionAttribute(TransactionAttributeType.REQUIRES_NEW)
    public void ensureDeployed(UUID tenantId) {
        if (deployed.contains(tenantId)) {
            return;
        }
        bootstrap.engine().getRepositoryService().createDeployment()
                .name("custodia-processes")
                .tenantId(tenantId.toString())
                .enableDuplicateFiltering(false)
                .addInputStream(DsarProcess.RESOURCE,
                        DsarProcess.class.getClassLoader().getResourceAsStream(DsarProcess.RESOURCE))
                .deploy();
        deployed.add(tenantId);
    }
}
