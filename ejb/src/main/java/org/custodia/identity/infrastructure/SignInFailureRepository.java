package org.custodia.identity.infrastructure;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import jakarta.ejb.Stateless;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;

import org.custodia.identity.domain.PendingSignInFailures;
import org.custodia.platform.persistence.NativeValues;

/**
 * Back-off counters of failed sign-ins (app.sign_in_failure), one row per (tenant, address key). Every
 * change is one atomic statement on the row, so concurrent failures all count.
 */
@Stateless
public class SignInFailureRepository {

    @PersistenceContext(unitName = "custodia")
    EntityManager em;

    /** When the counter backs off beyond {@code now}: counts the refused attempt and returns the end of the wait. */
    public Optional<Instant> countRefusal(UUID tenantId, String addressKey, Instant now) {
        @SuppressWarnings("unchecked")
        List<Object> until = em.createNativeQuery("update app.sign_in_failure set pending_refusals = pending_refusals + 1"
                        + " where tenant_id = ?1 and address_hash = ?2 and locked_until > ?3 returning locked_until")
                .setParameter(1, tenantId).setParameter(2, addressKey).setParameter(3, NativeValues.at(now)).getResultList();
        return until.stream().findFirst().map(NativeValues::instant);
    }

    /** Counts a failure (an upsert); returns the consecutive failures. */
    public int countFailure(UUID tenantId, String addressKey, UUID userId, UUID deviceId, Instant now) {
        return ((Number) em.createNativeQuery("insert into app.sign_in_failure (tenant_id, address_hash, user_id, failures,"
                        + " pending_failures, last_failure_at, device_id) values (?1, ?2, cast(?3 as uuid), 1, 1, ?4, cast(?5 as uuid))"
                        + " on conflict (tenant_id, address_hash) do update"
                        + " set failures = app.sign_in_failure.failures + 1, pending_failures = app.sign_in_failure.pending_failures + 1,"
                        + " user_id = excluded.user_id, last_failure_at = excluded.last_failure_at returning failures")
                .setParameter(1, tenantId).setParameter(2, addressKey).setParameter(3, userId).setParameter(4, NativeValues.at(now))
                .setParameter(5, deviceId).getSingleResult()).intValue();
    }

    /** Backs off until {@code until}; never shortens a wait a concurrent failure set. */
    public void lockUntil(UUID tenantId, String addressKey, Instant until) {
        em.createNativeQuery("update app.sign_in_failure set locked_until = greatest(locked_until, ?1)"
                        + " where tenant_id = ?2 and address_hash = ?3")
                .setParameter(1, NativeValues.at(until)).setParameter(2, tenantId).setParameter(3, addressKey)
                .executeUpdate();
    }

    /** The back-off starts over (the counts for the summary stay). */
    public void clear(UUID tenantId, String addressKey) {
        em.createNativeQuery("update app.sign_in_failure set failures = 0, locked_until = null"
                        + " where tenant_id = ?1 and address_hash = ?2 and (failures > 0 or locked_until is not null)")
                .setParameter(1, tenantId).setParameter(2, addressKey).executeUpdate();
    }

    /** Claims (zeroes) the tenant's unsummarised counts and returns what they were. */
    public List<PendingSignInFailures> claimPending(UUID tenantId) {
        // the sub-select locks the rows it reads, so a failure counted concurrently lands in this round or the next
        @SuppressWarnings("unchecked")
        List<Object[]> rows = em.createNativeQuery("update app.sign_in_failure f set pending_failures = 0, pending_refusals = 0"
                        + " from (select address_hash, pending_failures, pending_refusals from app.sign_in_failure"
                        + " where tenant_id = ?1 and (pending_failures > 0 or pending_refusals > 0) for update) claimed"
                        + " where f.tenant_id = ?1 and f.address_hash = claimed.address_hash"
                        + " returning f.user_id, claimed.pending_failures, claimed.pending_refusals, f.device_id")
                .setParameter(1, tenantId).getResultList();
        return rows.stream().map(r -> new PendingSignInFailures((UUID) r[0], ((Number) r[1]).longValue(), ((Number) r[2]).longValue(),
                (UUID) r[3])).toList();
    }

    /** Forgets counters with nothing pending, no wait and no failure for a day. */
    public void purgeSettled(UUID tenantId) {
        em.createNativeQuery("delete from app.sign_in_failure where tenant_id = ?1 and pending_failures = 0 and pending_refusals = 0"
                        + " and (locked_until is null or locked_until < now()) and last_failure_at < now() - interval '1 day'")
                .setParameter(1, tenantId).executeUpdate();
    }
}
