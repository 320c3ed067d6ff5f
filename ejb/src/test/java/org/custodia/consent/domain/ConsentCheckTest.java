package org.custodia.consent.domain;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.UUID;

import org.custodia.consent.domain.ConsentCheck.Reason;
import org.junit.jupiter.api.Test;

class ConsentCheckTest {

    static final Instant NOW = Instant.parse("2026-11-23T12:00:00Z");
    static final PurposeRules ADS = new PurposeRules(UUID.randomUUID(), "ads", 1, 2, true, true);
    static final PurposeRules NEWSLETTER = new PurposeRules(UUID.randomUUID(), "news", 1, 2, false, false);

    static ConsentState granted(Integer notice, Instant expiresAt) {
        return new ConsentState(ConsentDecision.GRANTED, "web", 1, notice, expiresAt, NOW.minusSeconds(60));
    }

    static Reason reason(PurposeRules p, ConsentState s, boolean gpc) {
        return ConsentCheck.evaluate(p, "s-1", s, NOW, gpc).reason();
    }

    @Test
    void everyReasonCode() {
        assertThat(reason(ADS, granted(2, null), false)).isEqualTo(Reason.GRANTED);
        assertThat(reason(ADS, ConsentState.NONE, false)).isEqualTo(Reason.NOT_GRANTED);
        assertThat(reason(ADS, new ConsentState(ConsentDecision.WITHDRAWN, "api", 1, 2, null, NOW), false)).isEqualTo(Reason.WITHDRAWN);
        assertThat(reason(ADS, granted(2, NOW), false)).isEqualTo(Reason.EXPIRED); // the end instant is no longer valid
        assertThat(reason(ADS, new ConsentState(ConsentDecision.EXPIRED, "api", 1, 2, NOW.minusSeconds(1), NOW), false))
                .isEqualTo(Reason.EXPIRED);
        assertThat(reason(ADS, granted(1, null), false)).isEqualTo(Reason.NOTICE_CHANGED);
        assertThat(reason(ADS, granted(2, null), true)).isEqualTo(Reason.GPC_OPT_OUT);
        assertThat(reason(ADS, new ConsentState(ConsentDecision.WITHDRAWN, "gpc", 1, 2, null, NOW), false)).isEqualTo(Reason.GPC_OPT_OUT);
    }

    @Test
    void gpcAndNoticeChangesApplyOnlyToPurposesThatAskForThem() {
        assertThat(reason(NEWSLETTER, granted(1, null), true)).isEqualTo(Reason.GRANTED);
        assertThat(reason(ADS, granted(2, NOW.plusSeconds(1)), false)).isEqualTo(Reason.GRANTED);
        ConsentCheck check = ConsentCheck.evaluate(ADS, "s-1", granted(2, null), NOW, false);
        assertThat(check.allowed()).isTrue();
        assertThat(ConsentCheck.evaluate(ADS, "s-1", ConsentState.NONE, NOW, false).allowed()).isFalse();
    }
}
