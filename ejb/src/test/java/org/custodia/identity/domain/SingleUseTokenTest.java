package org.custodia.identity.domain;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;

import org.junit.jupiter.api.Test;

class SingleUseTokenTest {

    static final Instant NOW = Instant.parse("2026-03-01T12:00:00Z");

    @Test
    void anUnusedTokenBeforeItsExpiryIsRedeemable() {
        assertThat(new SingleUseToken(NOW.plusSeconds(1), null).refusalAt(NOW)).isEmpty();
    }

    @Test
    void aUsedTokenIsRefusedAsUsedEvenWhenItHasAlsoExpired() {
        assertThat(new SingleUseToken(NOW.plusSeconds(60), NOW.minusSeconds(5)).refusalAt(NOW)).contains(SingleUseToken.Refusal.USED);
        assertThat(new SingleUseToken(NOW.minusSeconds(60), NOW.minusSeconds(90)).refusalAt(NOW)).contains(SingleUseToken.Refusal.USED);
    }

    @Test
    void anExpiredTokenIsRefusedFromItsExpiryOn() {
        assertThat(new SingleUseToken(NOW, null).refusalAt(NOW)).contains(SingleUseToken.Refusal.EXPIRED);
        assertThat(new SingleUseToken(NOW.minusSeconds(1), null).refusalAt(NOW)).contains(SingleUseToken.Refusal.EXPIRED);
    }
}
