package org.custodia.notification.domain;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;

import org.junit.jupiter.api.Test;

/** Failed mail backs off exponentially from 30 s, at most an hour, and is parked after the last attempt. */
class MailRetryPolicyTest {

    static final Instant NOW = Instant.parse("2026-06-01T00:00:00Z");

    static long delay(int attempts) {
        return MailRetryPolicy.nextTry(attempts, NOW).getEpochSecond() - NOW.getEpochSecond();
    }

    @Test
    void theDelayDoublesFromThirtySecondsUpToAnHour() {
        assertThat(delay(1)).isEqualTo(30);
        assertThat(delay(2)).isEqualTo(60);
        assertThat(delay(7)).isEqualTo(1920);
        assertThat(delay(8)).isEqualTo(3600);
        assertThat(delay(MailRetryPolicy.MAX_ATTEMPTS - 1)).isEqualTo(3600);
    }

    @Test
    void afterTheLastAttemptTheMailIsNeverDueAgain() {
        assertThat(MailRetryPolicy.nextTry(MailRetryPolicy.MAX_ATTEMPTS, NOW)).isEqualTo(MailRetryPolicy.PARKED);
        assertThat(MailRetryPolicy.nextTry(MailRetryPolicy.MAX_ATTEMPTS + 5, NOW)).isEqualTo(MailRetryPolicy.PARKED);
    }
}
