package org.custodia.platform.idempotency;

import java.time.Duration;
import java.time.Instant;
import java.util.UUID;

import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.inject.Inject;

import org.custodia.platform.persistence.TenantId;
import org.custodia.platform.persistence.TenantScoped;

/**
 * Idempotency-Key records, one per (tenant, caller, key): a caller (API key or user) replays only its own
 * requests. All methods join the request's transaction, which also carries the change itself: the record
 * exists if and only if the change committed. A secret-bearing response is never stored: its record
 * keeps only that the request succeeded ({@link StoredResponse#secretWithheld()}).
 */
@Stateless
@TransactionAttribute(TransactionAttributeType.MANDATORY)
@TenantScoped
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

    @Inject
    IdempotencyRepository records;

    /** Locks the caller's key for this transaction (without waiting) and looks for the caller's earlier answer. */
    public Lookup lookup(@TenantId UUID tenantId, UUID callerId, String key) {
        if (!records.tryLock(tenantId, callerId, key)) {
            return new InFlight();
        }
        return records.find(tenantId, callerId, key).<Lookup>map(Replay::new).orElseGet(Fresh::new);
    }

    public void store(@TenantId UUID tenantId, UUID callerId, String key, StoredResponse response) {
        Instant now = Instant.now();
        records.save(tenantId, callerId, key, response, now, now.plus(RETENTION));
    }
}
