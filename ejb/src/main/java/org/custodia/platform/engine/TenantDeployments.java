package org.custodia.platform.engine;

import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

import jakarta.ejb.Singleton;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.enterprise.inject.Any;
import jakarta.enterprise.inject.Instance;
import jakarta.inject.Inject;

import org.camunda.bpm.engine.repository.DeploymentBuilder;

/**
 * Each tenant gets its own deployment of the process models the contexts contribute ({@link ProcessModel};
 * deployments and instances carry the Custodia tenant id). Deployed lazily, in a transaction of its own so a failed business request does
 * not undo it; duplicate filtering makes it a no-op when nothing changed (also across nodes).
 */
@Singleton
public class TenantDeployments {

    @Inject
    ProcessEngineBootstrap bootstrap;

    @Inject
    @Any
    Instance<ProcessModel> models;

    private final Set<UUID> deployed = ConcurrentHashMap.newKeySet();

    @TransactionAttribute(TransactionAttributeType.REQUIRES_NEW)
    public void ensureDeployed(UUID tenantId) {
        if (deployed.contains(tenantId)) {
            return;
        }
        DeploymentBuilder deployment = bootstrap.engine().getRepositoryService().createDeployment()
                .name("custodia-processes")
                .tenantId(tenantId.toString())
                .enableDuplicateFiltering(false);
        for (ProcessModel model : models) {
            deployment.addInputStream(model.resource(), model.open());
        }
        deployment.deploy();
        deployed.add(tenantId);
    }
}
