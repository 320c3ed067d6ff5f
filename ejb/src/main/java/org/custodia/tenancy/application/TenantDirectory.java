package org.custodia.tenancy.application;

import java.util.List;
import java.util.UUID;

import jakarta.annotation.Resource;
import jakarta.ejb.SessionContext;
import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.inject.Inject;

import org.custodia.tenancy.infrastructure.TenantRepository;
import org.jboss.logging.Logger;

/**
 * Every tenant, for work that spans them (scheduled rounds): their ids come from the narrow SECURITY
 * DEFINER function {@code app.tenant_ids()}, since no tenant is bound yet. A round runs the work tenant
 * by tenant, each in the work's own transaction, so one tenant's failure neither stops nor rolls back
 * another's; a failure is logged with the tenant's id and the exception's type only.
 */
@Stateless
public class TenantDirectory {

    private static final Logger LOG = Logger.getLogger(TenantDirectory.class);

    /** One tenant's share of a round; true when it did something worth counting. */
    @FunctionalInterface
    public interface TenantWork {
        boolean run(UUID tenantId) throws Exception;
    }

    @Inject
    TenantRepository tenants;

    @Resource
    SessionContext context;

    public List<UUID> tenantIds() {
        return tenants.allIds();
    }

    /** Runs {@code work} for every tenant; returns for how many it did something. */
    @TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
    public int eachTenant(String round, TenantWork work) {
        int done = 0;
        for (UUID tenantId : context.getBusinessObject(TenantDirectory.class).tenantIds()) { // in a transaction of its own
            try {
                if (work.run(tenantId)) {
                    done++;
                }
            } catch (Exception e) {
                // the type only: messages of mail and database failures can carry addresses or subject ids
                LOG.errorf("%s failed for tenant %s: %s", round, tenantId, e.getClass().getName());
            }
        }
        return done;
    }
}
