package org.custodia.dsar.domain;

import java.time.Instant;
import java.util.Optional;

import org.custodia.identity.domain.SingleUseToken;

/**
 * Whether an email confirmation link may confirm its request now: the link is unused and unexpired, and the request
 * still waits for exactly this confirmation (an expired request was closed by the process; a confirmed one moved on).
 */
public final class EmailConfirmation {

    public enum State { VALID, USED, EXPIRED, NOT_WAITING }

    private EmailConfirmation() {
    }

    public static State state(SingleUseToken link, IdentityCheck check, DsarRequest.Status status, Instant now) {
        Optional<SingleUseToken.Refusal> refusal = link.refusalAt(now);
        if (refusal.isPresent()) {
            return refusal.get() == SingleUseToken.Refusal.USED ? State.USED : State.EXPIRED;
        }
        if (check != IdentityCheck.EMAIL_LINK || status != DsarRequest.Status.AWAITING_IDENTITY) {
            return State.NOT_WAITING;
        }
        return State.VALID;
    }
}
