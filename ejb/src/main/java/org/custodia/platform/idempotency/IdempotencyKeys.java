package org.custodia.platform.idempotency;

import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;

import org.custodia.platform.persistence.TenantSession;

/**
 * Idempotency-Key records, one per (tenant, caller, key): a caller (API key or user) replays only its own
 * requests. All methods join the request's transaction, which also carries the change itself: the record
 * exists if and only if the change committed. A secret-bearing response is never stored: its record
 * keeps only that the request succeeded ({@link StoredResponse#secretWithheld()}).
 */
@Stateless
@TransactionAttribute(TransactionAttributeType.MANDATORY)
public class IdempotencyKeys {

    public static final Duration RETENTION = Duration.ofHours(24);

    /** What an earlier request with the same key answered; no body when the answer carried a secret. */
    public record StoredResponse(String requestHash, int status, String contentType, String body, boolean secretWithheld) {

        public static StoredResponse withheld(String requestHash, int status) {
            return new StoredResponse(requestHash, status, null, null, true);
        }
    }

    public sealed interface Lookup permits InFlight, Replay, Fresh {
    }

    /** Another request with this key is running now. */
    public record InFlight() implements Lookup {
    }

    public record Replay(StoredResponse response) implements Lookup {
    }

    /** First use of the key (or its record expired): go ahead, then {@link #store}. */
    public record Fresh() implements Lookup {
    }

    @PersistenceContext(unitName = "custodia")
    EntityManager em;

    @Inject
    TenantSession tenantSession;

    /** Locks the caller's key for this transaction (without waiting) and looks for the caller's earlier answer. */
    public Lookup lookup(UUID tenantId, UUID callerId, String key) {
        tenantSession.bind(tenantId);
        Boolean locked = (Boolean) em.createNativeQuery(
                        "select pg_try_advisory_xact_lock(hashtext('idempotency:' || ?1 || ':' || ?2 || ':' || ?3))")
                .setParameter(1, tenantId.toString())
                .setParameter(2, callerId.toString())
                .setParameter(3, key)
                .getSingleResult();
        if (!locked) {
            return new InFlight();
        }
        @SuppressWarnings("unchecked")
        List<Object[]> rows = em.createNativeQuery("select request_hash, status, content_type, response_body, secret_withheld"
                        + " from app.idempotency_key where tenant_id = ?1 and caller_id = ?2 and key = ?3 and expires_at > now()")
                .setParameter(1, tenantId)
                .setParameter(2, callerId)
                .setParameter(3, key)
                .getResultList();
        if (rows.isEmpty()) {
            return new Fresh();
        }
        Object[] r = rows.get(0);
        return new Replay(new StoredResponse((String) r[0], ((Number) r[1]).intValue(), (String) r[2], (String) r[3],
                (Boolean) r[4]));
    }

    public void store(UUID tenantId, UUID callerId, String key, StoredResponse response) {
        tenantSession.bind(tenantId);
        em.createNativeQuery("delete from app.idempotency_key where tenant_id = ?1 and caller_id = ?2 and key = ?3"
                        + " and expires_at <= now()")
                .setParameter(1, tenantId).setParameter(2, callerId).setParameter(3, key).executeUpdate();
        Instant now = Instant.now();
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
                .setParameter(8, Timestamp.from(now))
                .setParameter(9, Timestamp.from(now.plus(RETENTION)))
                .setParameter(10, response.secretWithheld())
                .executeUpdate();
    }
}
