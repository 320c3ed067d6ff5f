package org.custodia.consent.domain;

import java.time.Instant;
import java.util.UUID;

/** A ledger event as it moves the current-state projection of its subject and purpose. */
public record StateChange(UUID eventId, String subjectId, UUID purposeId, int purposeVersion, ConsentDecision decision,
                          Instant recordedAt, Integer noticeVersion, Instant expiresAt) {
}
