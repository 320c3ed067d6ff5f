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
}
