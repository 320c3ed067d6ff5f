package org.custodia.platform.schedule;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.Map;
import java.util.Optional;

import org.custodia.platform.config.Setting;
import org.custodia.platform.config.Settings;
import org.junit.jupiter.api.Test;

class IntervalTimersTest {

    static final Setting SETTING = Setting.CHECKPOINT_INTERVAL;

    static Optional<Duration> parse(String value) {
        return Settings.of(Map.of(SETTING.environmentName(), value)).interval(SETTING);
    }

    @Test
    void anIntervalIsAnIsoDurationOrWholeSecondsOrOff() {
        assertThat(parse("PT15M")).contains(Duration.ofMinutes(15));
        assertThat(parse("30")).contains(Duration.ofSeconds(30));
        assertThat(parse(" off ")).isEmpty();
        assertThat(parse("OFF")).isEqualTo(Optional.empty());
    }

    @Test
    void aBadOrTooShortIntervalStopsTheDeploymentNamingTheSetting() {
        assertThatThrownBy(() -> parse("hourly")).hasMessageContaining("CUSTODIA_CHECKPOINT_INTERVAL");
        assertThatThrownBy(() -> parse("PT0.5S")).hasMessageContaining("at least one second");
        assertThatThrownBy(() -> parse("0")).hasMessageContaining("at least one second");
        assertThatThrownBy(() -> parse("-PT1M")).hasMessageContaining("at least one second");
    }
}
