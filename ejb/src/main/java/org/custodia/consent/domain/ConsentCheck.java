package org.custodia.consent.domain;

import java.time.Instant;

/**
 * The answer to "may this purpose use this subject's data?".
 *
 * @param purposeVersion the purpose version the subject decided on (the current one when never asked)
 * @param recordedAt     when the deciding event was recorded; null when the subject never decided
 */
public record ConsentCheck(String subjectId, String purposeKey, boolean allowed, ConsentDecision decision,
                           int purposeVersion, Instant recordedAt) {

    /** Why the answer is what it is (expiry, notice changes and GPC join with the consent issue). */
    public enum Reason { GRANTED, NOT_GRANTED, WITHDRAWN }

    public Reason reason() {
        if (decision == null) {
            return Reason.NOT_GRANTED;
        }
        return decision == ConsentDecision.GRANTED ? Reason.GRANTED : Reason.WITHDRAWN;
    }
}
