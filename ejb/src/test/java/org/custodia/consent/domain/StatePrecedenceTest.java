package org.custodia.consent.domain;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;

import org.junit.jupiter.api.Test;

/** The projection's conflict rule: a live decision always replaces the held state; imported history only an older one. */
class StatePrecedenceTest {

    static final Instant HELD = Instant.parse("2026-06-01T12:00:00Z");

    @Test
    void aDecisionRecordedNowReplacesTheHeldStateEvenWhenThatCarriesALaterTime() {
        assertThat(StatePrecedence.RECORDED_NOW.replaces(HELD, HELD.minusSeconds(3600))).isTrue();
        assertThat(StatePrecedence.RECORDED_NOW.replaces(HELD, HELD)).isTrue();
        assertThat(StatePrecedence.RECORDED_NOW.replaces(HELD, HELD.plusSeconds(1))).isTrue();
    }

    @Test
    void anImportedDecisionReplacesOnlyAStateRecordedNoLaterThanItself() {
        assertThat(StatePrecedence.LATEST_RECORDED.replaces(HELD, HELD.minusNanos(1000))).isFalse();
        assertThat(StatePrecedence.LATEST_RECORDED.replaces(HELD, HELD)).isTrue();
        assertThat(StatePrecedence.LATEST_RECORDED.replaces(HELD, HELD.plusSeconds(1))).isTrue();
    }
}
