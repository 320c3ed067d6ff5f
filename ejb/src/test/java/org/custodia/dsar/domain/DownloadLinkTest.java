package org.custodia.dsar.domain;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;

import org.custodia.identity.domain.SingleUseToken;
import org.junit.jupiter.api.Test;

class DownloadLinkTest {

    static final Instant NOW = Instant.parse("2026-03-10T09:00:00Z");

    @Test
    void aLinkWorksOnceBeforeItExpires() {
        assertThat(DownloadLink.state(new SingleUseToken(NOW.plusSeconds(1), null), NOW)).isEqualTo(DownloadLink.State.VALID);
        assertThat(DownloadLink.state(new SingleUseToken(NOW, null), NOW)).isEqualTo(DownloadLink.State.EXPIRED);
        assertThat(DownloadLink.state(new SingleUseToken(NOW.plusSeconds(60), NOW.minusSeconds(5)), NOW))
                .isEqualTo(DownloadLink.State.USED);
        assertThat(DownloadLink.state(new SingleUseToken(NOW.minusSeconds(60), NOW.minusSeconds(120)), NOW))
                .as("a used link stays used after it expired").isEqualTo(DownloadLink.State.USED);
    }
}
