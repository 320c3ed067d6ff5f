package org.custodia.consent.domain;

import java.time.Instant;

/**
 * The answer to "may this purpose use this subject's data?", with the reason.
 *
 * @param purposeVersion the purpose version the subject decided on (the current one when never asked)
 * @param noticeVersion  the notice version the subject decided on, if any
 * @param recordedAt     when the deciding event was recorded; null when the subject never decided
 */
public record ConsentCheck(String subjectId, String purposeKey, boolean allowed, Reason reason, ConsentDecision decision,
                           int purposeVersion, Integer noticeVersion, Instant recordedAt, Instant expiresAt) {

    public enum Reason {
        /** a valid grant to the current notice */
        GRANTED,
        /** the subject never decided */
        NOT_GRANTED,
        /** the subject withdrew */
        WITHDRAWN,
        /** the grant's validity ended */
        EXPIRED,
        /** the purpose's notice changed since the grant and the purpose asks for consent again */
        NOTICE_CHANGED,
        /** a Global Privacy Control signal opted the subject out of a purpose that honours it */
        GPC_OPT_OUT
    }

    /**
     * Evaluates a subject's state against the purpose's rules at {@code now}. {@code gpcSignal}: the request
     * carried {@code Sec-GPC: 1}, which opts out of purposes that honour it whatever was granted before.
     */
    public static ConsentCheck evaluate(PurposeRules purpose, String subjectId, ConsentState state, Instant now, boolean gpcSignal) {
        Reason reason;
        if (gpcSignal && purpose.honoursGpc() || state.gpcOptOut()) {
            reason = Reason.GPC_OPT_OUT;
        } else if (state.decision() == null) {
            reason = Reason.NOT_GRANTED;
        } else if (state.decision() == ConsentDecision.WITHDRAWN) {
            reason = Reason.WITHDRAWN;
        } else if (state.decision() == ConsentDecision.EXPIRED
                || state.expiresAt() != null && !state.expiresAt().isAfter(now)) {
            reason = Reason.EXPIRED;
        } else if (purpose.reconsentOnNoticeChange() && purpose.noticeVersion() != null
                && !purpose.noticeVersion().equals(state.noticeVersion())) {
            reason = Reason.NOTICE_CHANGED;
        } else {
            reason = Reason.GRANTED;
        }
        return new ConsentCheck(subjectId, purpose.key(), reason == Reason.GRANTED, reason, state.decision(),
                state.decision() == null ? purpose.version() : state.purposeVersion(), state.noticeVersion(),
                state.recordedAt(), state.expiresAt());
    }
}
