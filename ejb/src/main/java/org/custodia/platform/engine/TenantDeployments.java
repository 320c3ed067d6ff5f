package org.custodia.platform.engine;

import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

import jakarta.annotation.Resource;
import jakarta.ejb.SessionContext;
import jakarta.ejb.Singleton;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.enterprise.inject.Any;
import jakarta.enterprise.inject.Instance;
import jakarta.inject.Inject;

import org.jboss.logging.Logger;

/**
 * Each tenant gets its own deployments of the process models the contexts contribute ({@link ProcessModel};
 * deployments and instances carry the Custodia tenant id): one deployment per model, each in a transaction
 * of its own, so a model that fails to deploy is logged and leaves the other processes working (bpmn's
 * {@code ProcessModelsTest} keeps broken models out of the build). Deployed lazily and not undone by a failed
 * business request; duplicate filtering makes a deployment a no-op when its model did not change (also
 * across nodes).
 */
@Singleton
public class TenantDeployments {

    private static final Logger LOG = Logger.getLogger(TenantDeployments.class);

    @Inject
    ProcessEngineBootstrap bootstrap;

    @Inject
    @Any
    Instance<ProcessModel> models;

    @Resource
    SessionContext context;

    private final Set<UUID> deployed = ConcurrentHashMap.newKeySet();

    @TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
    public void ensureDeployed(UUID tenantId) {
        if (deployed.contains(tenantId)) {
            return;
        }
        boolean all = true;
        for (ProcessModel model : models) {
            try {
                context.getBusinessObject(TenantDeployments.class).deploy(tenantId, model);
            } catch (RuntimeException e) {
                all = false; // tried again on the next call; the other models are deployed
                LOG.errorf("process model %s could not be deployed for tenant %s: %s", model.resource(), tenantId, e.getMessage());
            }
        }
        if (all) {
            deployed.add(tenantId);
        }
    }

    @TransactionAttribute(TransactionAttributeType.REQUIRES_NEW)
    public void deploy(UUID tenantId, ProcessModel model) {
        bootstrap.engine().getRepositoryService().createDeployment()
                .name(model.resource())
                .tenantId(tenantId.toString())
                .enableDuplicateFiltering(false)
                .addInputStream(model.resource(), model.open())
                .deploy();
    }
}
