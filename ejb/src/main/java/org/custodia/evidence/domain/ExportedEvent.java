package org.custodia.evidence.domain;

import java.time.Instant;

/** One audit event as an export writes it; {@code payload} is the stored JSON text. */
public record ExportedEvent(long seq, Instant createdAt, String eventType, String entityType, String entityId,
                            String actor, String requestId, String payload, String previousHash, String eventHash) {
}
