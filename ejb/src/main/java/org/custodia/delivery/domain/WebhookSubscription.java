package org.custodia.delivery.domain;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * A tenant's endpoint for events: where, which, whether it receives them now. Its secret is never part of it (stored
 * sealed; shown once when made or rotated).
 *
 * @param previousSecretUntil while a rotation overlaps, the old secret signs too until then
 */
public record WebhookSubscription(UUID id, String url, String description, List<String> eventTypes, Status status,
                                  String disabledReason, Instant previousSecretUntil, Instant createdAt, Instant updatedAt) {

    public enum Status { ACTIVE, DISABLED }

    public WebhookSubscription {
        eventTypes = List.copyOf(eventTypes);
    }

    public boolean wants(String eventType) {
        return status == Status.ACTIVE && WebhookEventTypes.matchesAny(eventTypes, eventType);
    }
}
