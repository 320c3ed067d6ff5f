package org.custodia.dsar.domain;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.ZoneId;

import org.junit.jupiter.api.Test;

class DsarSummaryTest {

    @Test
    void thisWeekEndsAtTheStartOfTheEighthLocalDay_inTheTenantsZone() {
        // 23:30 UTC on 2 March is already 3 March in Berlin: the week runs to the start of 11 March there
        Instant now = Instant.parse("2026-03-02T23:30:00Z");
        assertThat(DsarSummary.weekEnd(now, ZoneId.of("Europe/Berlin"))).isEqualTo(Instant.parse("2026-03-10T23:00:00Z"));
        assertThat(DsarSummary.weekEnd(now, ZoneId.of("UTC"))).isEqualTo(Instant.parse("2026-03-10T00:00:00Z"));
    }

    @Test
    void aDaylightSavingChangeInsideTheWeekMovesItsEndByTheHour() {
        // Berlin goes to summer time on 29 March 2026: the eighth day starts at 22:00 UTC, not 23:00
        Instant now = Instant.parse("2026-03-25T12:00:00Z");
        assertThat(DsarSummary.weekEnd(now, ZoneId.of("Europe/Berlin"))).isEqualTo(Instant.parse("2026-04-01T22:00:00Z"));
    }
}
