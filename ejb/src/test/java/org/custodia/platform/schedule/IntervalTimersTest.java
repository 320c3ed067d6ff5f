package org.custodia.platform.schedule;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.Map;
import java.util.Optional;

import org.junit.jupiter.api.Test;

class IntervalTimersTest {

    static final IntervalTimers.Setting SETTING = new IntervalTimers.Setting("custodia.x.interval", "CUSTODIA_X_INTERVAL", "PT1H");

    @Test
    void anIntervalIsAnIsoDurationOrWholeSecondsOrOff() {
        assertThat(IntervalTimers.parse(SETTING, "PT15M")).contains(Duration.ofMinutes(15));
        assertThat(IntervalTimers.parse(SETTING, "30")).contains(Duration.ofSeconds(30));
        assertThat(IntervalTimers.parse(SETTING, " off ")).isEmpty();
        assertThat(IntervalTimers.parse(SETTING, "OFF")).isEqualTo(Optional.empty());
    }

    @Test
    void aBadOrTooShortIntervalStopsTheDeploymentNamingTheSetting() {
        assertThatThrownBy(() -> IntervalTimers.parse(SETTING, "hourly")).hasMessageContaining("CUSTODIA_X_INTERVAL");
        assertThatThrownBy(() -> IntervalTimers.parse(SETTING, "PT0.5S")).hasMessageContaining("at least one second");
        assertThatThrownBy(() -> IntervalTimers.parse(SETTING, "0")).hasMessageContaining("at least one second");
        assertThatThrownBy(() -> IntervalTimers.parse(SETTING, "-PT1M")).hasMessageContaining("at least one second");
    }

    @Test
    void theSystemPropertyWinsOverTheEnvironmentWhichWinsOverTheDefault() {
        Map<String, String> none = Map.of();
        assertThat(SETTING.read(none::get, none::get)).isEqualTo("PT1H");
        assertThat(SETTING.read(none::get, Map.of("CUSTODIA_X_INTERVAL", "PT2M")::get)).isEqualTo("PT2M");
        assertThat(SETTING.read(Map.of("custodia.x.interval", "off")::get, Map.of("CUSTODIA_X_INTERVAL", "PT2M")::get))
                .isEqualTo("off");
    }
}
