package org.custodia.identity.infrastructure;

import java.util.List;
import java.util.Optional;
import java.util.UUID;

import jakarta.ejb.Stateless;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;

import org.custodia.identity.domain.ApiKey;
import org.custodia.identity.domain.ResolvedApiKey;
import org.custodia.platform.persistence.NativeValues;

/** API keys (app.api_key): the tenant's keys in its bound transaction, and the tenant-less resolution of a presented key. */
@Stateless
public class ApiKeyRepository {

    @PersistenceContext(unitName = "custodia")
    EntityManager em;

    public ApiKey find(UUID keyId) {
        return em.find(ApiKey.class, keyId);
    }

    public void add(ApiKey key) {
        em.persist(key);
    }

    public List<ApiKey> listOf(UUID tenantId) {
        return em.createQuery("select k from ApiKey k where k.tenantId = :t order by k.createdAt", ApiKey.class)
                .setParameter("t", tenantId)
                .getResultList();
    }

    public void touch(UUID keyId) {
        em.createNativeQuery("update app.api_key set last_used_at = now() where id = ?1").setParameter(1, keyId).executeUpdate();
    }

    /**
     * A key by the hash of its secret, before any tenant is bound, through the narrow SECURITY DEFINER
     * function {@code app.resolve_api_key}: a hash in, the key's tenant and status out.
     */
    public Optional<ResolvedApiKey> resolve(String secretHash) {
        @SuppressWarnings("unchecked")
        List<Object[]> rows = em.createNativeQuery(
                        "select key_id, tenant_id, prefix, expires_at, revoked_at, role, permissions from app.resolve_api_key(?1)")
                .setParameter(1, secretHash)
                .getResultList();
        return rows.stream().findFirst().map(row -> new ResolvedApiKey((UUID) row[0], (UUID) row[1], (String) row[2],
                (String) row[5], NativeValues.textSet(row[6]), NativeValues.instant(row[3]), row[4] != null));
    }
}
