package org.custodia.audit.domain;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.UUID;

/**
 * The hashed content of one audit event. {@code createdAt} carries microseconds at most, the
 * precision PostgreSQL stores, so a record read back hashes the same as the one written.
 */
public record AuditRecord(UUID tenantId, long seq, String eventType, String entityType, String entityId,
                          String actor, String requestId, String canonicalPayload, String previousHash,
                          Instant createdAt) {

    public AuditRecord {
        createdAt = createdAt.truncatedTo(ChronoUnit.MICROS);
    }
}
