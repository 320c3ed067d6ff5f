package org.custodia.dsar.domain;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;

import org.junit.jupiter.api.Test;

/** One reading of a duration setting for the intake and the SLA settings alike. */
class IsoDurationTest {

    @Test
    void readsDurationsAndDayOrWeekPeriods() {
        assertThat(IsoDuration.parse("P7D")).contains(Duration.ofDays(7));
        assertThat(IsoDuration.parse(" PT12H ")).contains(Duration.ofHours(12));
        assertThat(IsoDuration.parse("PT2M")).contains(Duration.ofMinutes(2));
        assertThat(IsoDuration.parse("P2W")).contains(Duration.ofDays(14));
        assertThat(IsoDuration.parse("P0D")).contains(Duration.ZERO);
    }

    @Test
    void refusesWhatHasNoFixedLengthOrIsNoDuration() {
        for (String bad : new String[] {null, "", "  ", "P1M", "P1Y", "soon", "7 days", "PT99999999999999999999H",
                "P999999999999W", "P" + "1".repeat(70) + "D", "P7D\u0000"}) {
            assertThat(IsoDuration.parse(bad)).as(String.valueOf(bad)).isEmpty();
        }
    }

    @Test
    void writesWholeDaysAsAPeriod() {
        assertThat(IsoDuration.text(Duration.ofDays(14))).isEqualTo("P14D");
        assertThat(IsoDuration.text(Duration.ofHours(36))).isEqualTo("PT36H");
        assertThat(IsoDuration.text(Duration.ZERO)).isEqualTo("P0D");
    }

    @Test
    void intakeAndSlaSettingsReadTheSameDurations() {
        // before, the SLA settings read java.time.Duration alone: P2W was refused there and taken by the intake
        assertThat(SlaTiming.problems("", "dsar", "*", "P2W", " P1D ")).isEmpty();
        assertThat(SlaTiming.parse("dsar", "*", "P2W", " P1D ").warningBefore()).isEqualTo(Duration.ofDays(14));
        assertThat(IntakeSettings.problems("P2W", "P2W")).isEmpty();
        assertThat(SlaTiming.problems("", "dsar", "*", "P1M", "P1D")).extracting(e -> e.field()).containsExactly("warningBefore");
        assertThat(IntakeSettings.problems("P1M", "P1D")).extracting(e -> e.field()).containsExactly("identityLinkValidity");
    }
}
