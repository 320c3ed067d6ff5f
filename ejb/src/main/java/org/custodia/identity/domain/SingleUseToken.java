package org.custodia.identity.domain;

import java.time.Instant;
import java.util.Optional;

/**
 * The state of a single-use, expiring token (a mailed link, an SSO link, an OIDC login's state) as its
 * locked row holds it. Redeeming it means: refuse it when used or expired, else mark it used.
 */
public record SingleUseToken(Instant expiresAt, Instant usedAt) {

    public enum Refusal { USED, EXPIRED }

    /** Why the token cannot be redeemed at {@code now}; empty when it can. */
    public Optional<Refusal> refusalAt(Instant now) {
        if (usedAt != null) {
            return Optional.of(Refusal.USED);
        }
        if (!expiresAt.isAfter(now)) {
            return Optional.of(Refusal.EXPIRED);
        }
        return Optional.empty();
    }
}
