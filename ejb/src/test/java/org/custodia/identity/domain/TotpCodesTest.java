package org.custodia.identity.domain;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class TotpCodesTest {

    // RFC 6238 appendix B: ASCII "12345678901234567890" as Base32, SHA-1; the 6-digit tail of its codes
    static final String RFC_SECRET = "GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ";

    @Test
    void codesMatchTheRfcTestVectors() {
        assertThat(TotpCodes.codeAt(RFC_SECRET, TotpCodes.stepAt(59))).isEqualTo("287082");
        assertThat(TotpCodes.codeAt(RFC_SECRET, TotpCodes.stepAt(1111111109))).isEqualTo("081804");
        assertThat(TotpCodes.codeAt(RFC_SECRET, TotpCodes.stepAt(2000000000))).isEqualTo("279037");
    }

    @Test
    void oneStepOfDriftIsAcceptedAndTwoAreNot() {
        long now = 1_700_000_000L;
        long step = TotpCodes.stepAt(now);
        assertThat(TotpCodes.matchingStep(RFC_SECRET, TotpCodes.codeAt(RFC_SECRET, step - 1), now)).hasValue(step - 1);
        assertThat(TotpCodes.matchingStep(RFC_SECRET, TotpCodes.codeAt(RFC_SECRET, step + 1), now)).hasValue(step + 1);
        assertThat(TotpCodes.matchingStep(RFC_SECRET, TotpCodes.codeAt(RFC_SECRET, step - 2), now)).isEmpty();
        assertThat(TotpCodes.matchingStep(RFC_SECRET, "12345", now)).isEmpty();
        assertThat(TotpCodes.matchingStep(RFC_SECRET, null, now)).isEmpty();
    }
}
