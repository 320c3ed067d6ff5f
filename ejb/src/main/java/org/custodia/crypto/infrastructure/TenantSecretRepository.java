package org.custodia.crypto.infrastructure;

import java.util.List;
import java.util.Optional;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;

import org.custodia.platform.persistence.NativeValues;
import org.custodia.platform.persistence.StoredTime;

/** Tenants' sealed HMAC keys ({@code app.tenant_secret}), in the caller's transaction with the tenant bound. */
@ApplicationScoped
public class TenantSecretRepository {

    @PersistenceContext(unitName = "custodia")
    EntityManager em;

    /** The bound tenant's sealed key {@code name}, if it has one. */
    public Optional<byte[]> sealed(String name) {
        @SuppressWarnings("unchecked")
        List<byte[]> rows = em.createNativeQuery("select sealed from app.tenant_secret where name = ?1").setParameter(1, name)
                .getResultList();
        return rows.isEmpty() ? Optional.empty() : Optional.of(rows.get(0));
    }

    /** Stores a key unless one of that name exists already (two first uses at once: one insert wins). */
    public void insertIfAbsent(UUID tenantId, String name, byte[] sealed) {
        em.createNativeQuery("insert into app.tenant_secret (tenant_id, name, sealed, created_at) values (?1, ?2, ?3, ?4)"
                        + " on conflict do nothing")
                .setParameter(1, tenantId).setParameter(2, name).setParameter(3, sealed)
                .setParameter(4, NativeValues.at(StoredTime.now())).executeUpdate();
    }
}
