package org.custodia.platform.idempotency;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;

/** Idempotency-Key records ({@code app.idempotency_key}), in the request's transaction with the tenant bound. */
@ApplicationScoped
public class IdempotencyRepository {

    @PersistenceContext(unitName = "custodia")
    EntityManager em;

    /** Locks the caller's key for the rest of the transaction, without waiting; false when another request holds it. */
    public boolean tryLock(UUID tenantId, UUID callerId, String key) {
        return (Boolean) em.createNativeQuery(
                        "select pg_try_advisory_xact_lock(hashtext('idempotency:' || ?1 || ':' || ?2 || ':' || ?3))")
                .setParameter(1, tenantId.toString())
                .setParameter(2, callerId.toString())
                .setParameter(3, key)
                .getSingleResult();
    }

    /** The caller's unexpired answer for this key. */
    public Optional<IdempotencyKeys.StoredResponse> find(UUID tenantId, UUID callerId, String key) {
        @SuppressWarnings("unchecked")
        List<Object[]> rows = em.createNativeQuery("select request_hash, status, content_type, response_body, secret_withheld"
                        + " from app.idempotency_key where tenant_id = ?1 and caller_id = ?2 and key = ?3 and expires_at > now()")
                .setParameter(1, tenantId)
                .setParameter(2, callerId)
                .setParameter(3, key)
                .getResultList();
        if (rows.isEmpty()) {
            return Optional.empty();
        }
        Object[] r = rows.get(0);
        return Optional.of(new IdempotencyKeys.StoredResponse((String) r[0], ((Number) r[1]).intValue(), (String) r[2],
                (String) r[3], (Boolean) r[4]));
    }

    /** Replaces an expired record of the same key, if any, by {@code response}, kept until {@code expiresAt}. */
    public void save(UUID tenantId, UUID callerId, String key, IdempotencyKeys.StoredResponse response, Instant createdAt,
                     Instant expiresAt) {
        em.createNativeQuery("delete from app.idempotency_key where tenant_id = ?1 and caller_id = ?2 and key = ?3"
                        + " and expires_at <= now()")
                .setParameter(1, tenantId).setParameter(2, callerId).setParameter(3, key).executeUpdate();
        em.createNativeQuery("insert into app.idempotency_key (tenant_id, key, caller_id, request_hash, status,"
                        + " content_type, response_body, created_at, expires_at, secret_withheld)"
                        + " values (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10)")
                .setParameter(1, tenantId)
                .setParameter(2, key)
                .setParameter(3, callerId)
                .setParameter(4, response.requestHash())
                .setParameter(5, response.status())
                .setParameter(6, response.contentType())
                .setParameter(7, response.body())
                .setParameter(8, Timestamp.from(createdAt))
                .setParameter(9, Timestamp.from(expiresAt))
                .setParameter(10, response.secretWithheld())
                .executeUpdate();
    }
}
