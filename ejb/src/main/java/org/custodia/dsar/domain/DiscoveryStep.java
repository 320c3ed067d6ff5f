package org.custodia.dsar.domain;

import java.time.Instant;
import java.util.UUID;

/**
 * One connector's search for one request, as a reviewer sees it: PENDING until it ran, AWAITING the signed callback of
 * a connector that answered 202, DONE, FAILED with the
 * cause (the engine retries, then holds it as an incident until a reviewer retries or skips it), or SKIPPED by a
 * reviewer with a reason (the request goes on without that system's data).
 */
public record DiscoveryStep(UUID dsarId, UUID connectorId, Status status, int attempts, String cause, String skipReason,
                            String decidedBy, Instant updatedAt) {

    public enum Status {
        PENDING, AWAITING, DONE, FAILED, SKIPPED
    }
}
