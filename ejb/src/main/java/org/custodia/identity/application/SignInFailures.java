package org.custodia.identity.application;

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

import org.custodia.identity.domain.SignInBackoff;
import org.custodia.platform.persistence.NativeValues;
import org.custodia.platform.persistence.StoredTime;
import org.custodia.platform.persistence.TenantSession;

/**
 * Failed sign-ins per (tenant, address) in app.sign_in_failure, known address or not, and per trusted
 * device ({@link TrustedDevices}) in rows of their own: the back-off
 * counter and the not yet summarised counts. Every change is one atomic statement on the address's row,
 * so concurrent failures all count. Joins the caller's transaction with the tenant bound.
 */
@Stateless
@TransactionAttribute(TransactionAttributeType.MANDATORY)
public class SignInFailures {

    @PersistenceContext(unitName = "custodia")
    EntityManager em;

    @Inject
    TenantSession tenantSession;

    /** The wait left for this address; zero when it may try. A refused attempt is counted for the summary. */
    public Duration backingOff(UUID tenantId, String addressKey) {
        Instant now = StoredTime.now();
        @SuppressWarnings("unchecked")
        List<Object> until = em.createNativeQuery("update app.sign_in_failure set pending_refusals = pending_refusals + 1"
                        + " where tenant_id = ?1 and address_hash = ?2 and locked_until > ?3 returning locked_until")
                .setParameter(1, tenantId).setParameter(2, addressKey).setParameter(3, NativeValues.at(now)).getResultList();
        return until.isEmpty() ? Duration.ZERO : Duration.between(now, NativeValues.instant(until.get(0)));
    }

    /** Counts a failure (atomically) and starts the back-off it earns; returns the consecutive failures. */
    public int recordFailure(UUID tenantId, String addressKey, UUID userId) {
        return recordFailure(tenantId, addressKey, userId, null);
    }

    /**
     * {@link #recordFailure(UUID, String, UUID)} for a key of an address or, with {@code deviceId}, of a
     * trusted device ({@link SignInBackoff#deviceKey}); the summary tells the two apart.
     */
    public int recordFailure(UUID tenantId, String addressKey, UUID userId, UUID deviceId) {
        Instant now = StoredTime.now();
        int failures = ((Number) em.createNativeQuery("insert into app.sign_in_failure (tenant_id, address_hash, user_id, failures,"
                        + " pending_failures, last_failure_at, device_id) values (?1, ?2, cast(?3 as uuid), 1, 1, ?4, cast(?5 as uuid))"
                        + " on conflict (tenant_id, address_hash) do update"
                        + " set failures = app.sign_in_failure.failures + 1, pending_failures = app.sign_in_failure.pending_failures + 1,"
                        + " user_id = excluded.user_id, last_failure_at = excluded.last_failure_at returning failures")
                .setParameter(1, tenantId).setParameter(2, addressKey).setParameter(3, userId).setParameter(4, NativeValues.at(now))
                .setParameter(5, deviceId).getSingleResult()).intValue();
        Duration wait = SignInBackoff.after(failures);
        if (!wait.isZero()) {
            // never shortens a wait a concurrent failure set, never sets one beyond SignInBackoff.LONGEST from now
            em.createNativeQuery("update app.sign_in_failure set locked_until = greatest(locked_until, ?1)"
                            + " where tenant_id = ?2 and address_hash = ?3")
                    .setParameter(1, NativeValues.at(now.plus(wait))).setParameter(2, tenantId).setParameter(3, addressKey)
                    .executeUpdate();
        }
        return failures;
    }

    /**
     * {@link #recordFailure} in a transaction of its own, for a wrong password the caller's transaction
     * answers with an exception (and rolls back), such as a re-authentication.
     */
    @TransactionAttribute(TransactionAttributeType.REQUIRES_NEW)
    public void recordFailureApart(UUID tenantId, String addressKey, UUID userId) {
        tenantSession.bind(tenantId);
        recordFailure(tenantId, addressKey, userId);
    }

    /** A successful sign-in or a password reset: the back-off starts over (the counts for the summary stay). */
    public void clear(UUID tenantId, String addressKey) {
        em.createNativeQuery("update app.sign_in_failure set failures = 0, locked_until = null"
                        + " where tenant_id = ?1 and address_hash = ?2 and (failures > 0 or locked_until is not null)")
                .setParameter(1, tenantId).setParameter(2, addressKey).executeUpdate();
    }
}
