package org.custodia.identity.domain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;

import org.custodia.platform.problem.FieldError;
import org.custodia.platform.problem.ProblemException;
import org.junit.jupiter.api.Test;

class ApiKeyLifetimesTest {

    static final Instant NOW = Instant.parse("2026-03-01T12:00:00Z");

    @Test
    void anExpiryIsInTheFutureAndAtMostTwoYearsAway() {
        assertThatCode(() -> ApiKeyLifetimes.requireValidExpiry(null, NOW)).doesNotThrowAnyException();
        assertThatCode(() -> ApiKeyLifetimes.requireValidExpiry(NOW.plusSeconds(1), NOW)).doesNotThrowAnyException();
        assertThatCode(() -> ApiKeyLifetimes.requireValidExpiry(NOW.plus(ApiKeyLifetimes.MAX_LIFETIME), NOW)).doesNotThrowAnyException();
        for (Instant wrong : new Instant[] {NOW, NOW.minusSeconds(1), NOW.plus(ApiKeyLifetimes.MAX_LIFETIME).plusSeconds(1)}) {
            assertThatThrownBy(() -> ApiKeyLifetimes.requireValidExpiry(wrong, NOW)).isInstanceOfSatisfying(ProblemException.class,
                    e -> assertThat(e.errors()).extracting(FieldError::field).containsExactly("expiresAt"));
        }
    }

    @Test
    void anOverlapIsZeroToSevenDays() {
        assertThatCode(() -> ApiKeyLifetimes.requireValidOverlap(Duration.ZERO)).doesNotThrowAnyException();
        assertThatCode(() -> ApiKeyLifetimes.requireValidOverlap(Duration.ofDays(7))).doesNotThrowAnyException();
        assertThatThrownBy(() -> ApiKeyLifetimes.requireValidOverlap(Duration.ofSeconds(-1))).isInstanceOf(ProblemException.class);
        assertThatThrownBy(() -> ApiKeyLifetimes.requireValidOverlap(Duration.ofDays(7).plusSeconds(1)))
                .isInstanceOfSatisfying(ProblemException.class,
                        e -> assertThat(e.errors()).extracting(FieldError::field).containsExactly("overlapSeconds"));
    }

    @Test
    void aSuccessorKeepsItsPredecessorsExpiryButOutlivesTheOverlap() {
        Duration overlap = Duration.ofHours(1);
        assertThat(ApiKeyLifetimes.successorExpiry(null, NOW, overlap)).isNull();
        assertThat(ApiKeyLifetimes.successorExpiry(NOW.plus(Duration.ofDays(30)), NOW, overlap)).isEqualTo(NOW.plus(Duration.ofDays(30)));
        assertThat(ApiKeyLifetimes.successorExpiry(NOW.plusSeconds(60), NOW, overlap)).isEqualTo(NOW.plus(overlap).plusSeconds(1));
        assertThat(ApiKeyLifetimes.successorExpiry(NOW.plus(overlap), NOW, overlap)).isEqualTo(NOW.plus(overlap).plusSeconds(1));
    }
}
