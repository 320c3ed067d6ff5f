package org.custodia.identity.application;

import java.time.Duration;
import java.time.Instant;
import java.util.UUID;

import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.inject.Inject;

import org.custodia.identity.domain.SignInBackoff;
import org.custodia.identity.infrastructure.SignInFailureRepository;
import org.custodia.platform.persistence.StoredTime;
import org.custodia.platform.persistence.TenantId;
import org.custodia.platform.persistence.TenantScoped;

/**
 * Failed sign-ins per (tenant, address) in app.sign_in_failure, known address or not, and per trusted
 * device ({@link TrustedDevices}) in rows of their own: the back-off
 * counter and the not yet summarised counts. Every change is one atomic statement on the address's row,
 * so concurrent failures all count. Joins the caller's transaction.
 */
@Stateless
@TenantScoped
@TransactionAttribute(TransactionAttributeType.MANDATORY)
public class SignInFailures {

    @Inject
    SignInFailureRepository counters;

    /** The wait left for this address; zero when it may try. A refused attempt is counted for the summary. */
    public Duration backingOff(@TenantId UUID tenantId, String addressKey) {
        Instant now = StoredTime.now();
        return counters.countRefusal(tenantId, addressKey, now).map(until -> Duration.between(now, until)).orElse(Duration.ZERO);
    }

    /** Counts a failure (atomically) and starts the back-off it earns; returns the consecutive failures. */
    public int recordFailure(@TenantId UUID tenantId, String addressKey, UUID userId) {
        return recordFailure(tenantId, addressKey, userId, null);
    }

    /**
     * {@link #recordFailure(UUID, String, UUID)} for a key of an address or, with {@code deviceId}, of a
     * trusted device ({@link SignInBackoff#deviceKey}); the summary tells the two apart.
     */
    public int recordFailure(@TenantId UUID tenantId, String addressKey, UUID userId, UUID deviceId) {
        Instant now = StoredTime.now();
        int failures = counters.countFailure(tenantId, addressKey, userId, deviceId, now);
        Duration wait = SignInBackoff.after(failures);
        if (!wait.isZero()) {
            // never shortens a wait a concurrent failure set, never sets one beyond SignInBackoff.LONGEST from now
            counters.lockUntil(tenantId, addressKey, now.plus(wait));
        }
        return failures;
    }

    /**
     * {@link #recordFailure} in a transaction of its own, for a wrong password the caller's transaction
     * answers with an exception (and rolls back), such as a re-authentication.
     */
    @TransactionAttribute(TransactionAttributeType.REQUIRES_NEW)
    public void recordFailureApart(@TenantId UUID tenantId, String addressKey, UUID userId) {
        recordFailure(tenantId, addressKey, userId);
    }

    /** A successful sign-in or a password reset: the back-off starts over (the counts for the summary stay). */
    public void clear(@TenantId UUID tenantId, String addressKey) {
        counters.clear(tenantId, addressKey);
    }
}
