package org.custodia.consent.domain;

import java.time.Instant;

/**
 * A subject's current standing on one purpose (the projection of the ledger), as the check reads it.
 *
 * @param decision       GRANTED, WITHDRAWN or EXPIRED; null when the subject never decided
 * @param source         where the deciding event came from (api, web, import, gpc)
 * @param noticeVersion  the notice version the subject saw when deciding, if any
 * @param expiresAt      when a grant stops being valid, if it has an end
 */
public record ConsentState(ConsentDecision decision, String source, int purposeVersion, Integer noticeVersion,
                           Instant expiresAt, Instant recordedAt) {

    public static final ConsentState NONE = new ConsentState(null, null, 0, null, null, null);

    public boolean gpcOptOut() {
        return decision == ConsentDecision.WITHDRAWN && "gpc".equals(source);
    }
}
