package org.custodia.tenancy.infrastructure;

import java.util.List;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;

import org.custodia.tenancy.domain.Tenant;

/**
 * Tenants ({@code app.tenant}). {@link #allIds} and {@link #idOfSlug} call narrow SECURITY DEFINER
 * functions: they answer before any tenant is bound. The rest runs with the tenant bound by the caller.
 */
@ApplicationScoped
public class TenantRepository {

    @PersistenceContext(unitName = "custodia")
    EntityManager em;

    /** Every tenant's id ({@code app.tenant_ids()}), for rounds over all tenants. */
    @SuppressWarnings("unchecked")
    public List<UUID> allIds() {
        return em.createNativeQuery("select * from app.tenant_ids()").getResultList();
    }

    /** A tenant's id by its slug, or null ({@code app.resolve_tenant_slug}). */
    public UUID idOfSlug(String slug) {
        return (UUID) em.createNativeQuery("select app.resolve_tenant_slug(?1)").setParameter(1, slug).getSingleResult();
    }

    /** Inserts the tenant row and flushes, so a taken slug fails here (unique index, seen across tenants). */
    public void insert(Tenant tenant) {
        em.persist(tenant);
        em.flush();
    }

    /** The bound tenant's row, or null. */
    public Tenant find(UUID tenantId) {
        return em.find(Tenant.class, tenantId);
    }

    /** Whether the bound tenant's row is visible (it exists). */
    public boolean exists(UUID tenantId) {
        return ((Number) em.createNativeQuery("select count(*) from app.tenant where tenant_id = ?1")
                .setParameter(1, tenantId).getSingleResult()).longValue() > 0;
    }
}
