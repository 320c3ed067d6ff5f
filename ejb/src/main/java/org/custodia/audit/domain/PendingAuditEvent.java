package org.custodia.audit.domain;

import java.time.Instant;
import java.util.UUID;

/**
 * An audit event of a transaction that is not yet on the chain: what happened, without its place
 * (sequence, previous hash, time), which it gets when the transaction is about to commit.
 */
public record PendingAuditEvent(UUID tenantId, String eventType, String entityType, String entityId, String actor,
                                String requestId, String canonicalPayload) {

    /** This event as the chain's next link after {@code head}, recorded at {@code at}. */
    public AuditRecord after(ChainHead head, Instant at) {
        return new AuditRecord(tenantId, head.lastSeq() + 1, eventType, entityType, entityId, actor, requestId,
                canonicalPayload, head.lastHash(), at);
    }
}
