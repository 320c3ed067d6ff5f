package org.custodia.platform.schedule;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.Optional;

import org.custodia.platform.config.Setting;
import org.junit.jupiter.api.Test;

class IntervalTimersTest {

    static final Setting SETTING = Setting.CHECKPOINT_INTERVAL;

    @Test
    void anIntervalIsAnIsoDurationOrWholeSecondsOrOff() {
        assertThat(IntervalTimers.parse(SETTING, "PT15M")).contains(Duration.ofMinutes(15));
        assertThat(IntervalTimers.parse(SETTING, "30")).contains(Duration.ofSeconds(30));
        assertThat(IntervalTimers.parse(SETTING, " off ")).isEmpty();
        assertThat(IntervalTimers.parse(SETTING, "OFF")).isEqualTo(Optional.empty());
    }

    @Test
    void aBadOrTooShortIntervalStopsTheDeploymentNamingTheSetting() {
        assertThatThrownBy(() -> IntervalTimers.parse(SETTING, "hourly")).hasMessageContaining("CUSTODIA_CHECKPOINT_INTERVAL");
        assertThatThrownBy(() -> IntervalTimers.parse(SETTING, "PT0.5S")).hasMessageContaining("at least one second");
        assertThatThrownBy(() -> IntervalTimers.parse(SETTING, "0")).hasMessageContaining("at least one second");
        assertThatThrownBy(() -> IntervalTimers.parse(SETTING, "-PT1M")).hasMessageContaining("at least one second");
    }
}
