package org.custodia.identity.domain;

import java.util.UUID;

/**
 * The not yet summarised counts of one back-off counter: an address (known account or not) or, with
 * {@code deviceId}, a trusted device's own counter.
 */
public record PendingSignInFailures(UUID userId, long failures, long refusals, UUID deviceId) {
}
