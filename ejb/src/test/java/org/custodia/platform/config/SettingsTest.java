package org.custodia.platform.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;

import org.junit.jupiter.api.Test;

class SettingsTest {

    @Test
    void aSettingIsNamedTheSameWayAsPropertyAndAsEnvironmentVariable() {
        assertThat(Setting.DB_URL.environmentName()).isEqualTo("CUSTODIA_DB_URL");
        assertThat(Setting.DB_URL.propertyName()).isEqualTo("custodia.db.url");
        assertThat(Setting.OIDC_JWKS_MIN_REFRESH_MS.propertyName()).isEqualTo("custodia.oidc.jwks.min.refresh.ms");
    }

    @Test
    void setValueWinsOverTheDefaultAndBlankCountsAsUnset() {
        assertThat(Settings.of(Map.of()).text(Setting.PUBLIC_URL)).isEqualTo("http://localhost:8080");
        assertThat(Settings.of(Map.of("CUSTODIA_KEYSTORE_PASSWORD", " s3cret ")).text(Setting.KEYSTORE_PASSWORD))
                .as("a secret is taken as given, spaces and all").isEqualTo(" s3cret ");
        assertThat(Settings.of(Map.of("CUSTODIA_SIGNIN_PER_MINUTE", " 40 ")).integer(Setting.SIGNIN_PER_MINUTE)).isEqualTo(40);
        assertThat(Settings.of(Map.of("CUSTODIA_PUBLIC_URL", "  ")).text(Setting.PUBLIC_URL)).isEqualTo("http://localhost:8080");
        assertThat(Settings.of(Map.of()).value(Setting.TSA_URL)).isEmpty();
        assertThat(Settings.of(Map.of()).configured(Setting.DB_PASSWORD)).isEmpty();
        assertThat(Settings.of(Map.of()).text(Setting.DB_PASSWORD)).isEqualTo("custodia_app");
    }

    @Test
    void theSystemPropertyWinsOverTheEnvironment() {
        // the environment of this JVM cannot be changed; a property that is set must be what the system source reads
        String property = Setting.TSA_URL.propertyName();
        String before = System.getProperty(property);
        try {
            System.setProperty(property, "https://tsa.example/ts");
            assertThat(Setting.TSA_URL.text()).isEqualTo("https://tsa.example/ts");
        } finally {
            if (before == null) {
                System.clearProperty(property);
            } else {
                System.setProperty(property, before);
            }
        }
    }

    @Test
    void numbersAndFlagsThatDoNotParseStopTheCallerNamingTheSetting() {
        Settings bad = Settings.of(Map.of("CUSTODIA_SIGNIN_PER_MINUTE", "lots", "CUSTODIA_OUTBOUND_ALLOW_PRIVATE", "yes",
                "CUSTODIA_CONSENT_CACHE_ENTRIES", "99999999999999999999"));
        assertThatThrownBy(() -> bad.integer(Setting.SIGNIN_PER_MINUTE)).hasMessageContaining("CUSTODIA_SIGNIN_PER_MINUTE");
        assertThatThrownBy(() -> bad.flag(Setting.OUTBOUND_ALLOW_PRIVATE)).hasMessageContaining("CUSTODIA_OUTBOUND_ALLOW_PRIVATE");
        assertThatThrownBy(() -> bad.longValue(Setting.CONSENT_CACHE_ENTRIES)).hasMessageContaining("CUSTODIA_CONSENT_CACHE_ENTRIES");
        assertThatThrownBy(() -> Settings.of(Map.of("CUSTODIA_SIGNIN_PER_MINUTE", "3000000000")).integer(Setting.SIGNIN_PER_MINUTE))
                .hasMessageContaining("whole number");
        assertThat(Settings.of(Map.of("CUSTODIA_OUTBOUND_ALLOW_PRIVATE", "TRUE")).flag(Setting.OUTBOUND_ALLOW_PRIVATE)).isTrue();
        assertThat(Settings.of(Map.of()).flag(Setting.OUTBOUND_ALLOW_PRIVATE)).isFalse();
        assertThat(Settings.of(Map.of()).integer(Setting.SIGNIN_PER_MINUTE)).isEqualTo(30);
    }

    @Test
    void everyMalformedSettingTheServerReadsIsNamedBeforeItStarts() {
        assertThat(Settings.of(Map.of()).problems()).as("the defaults parse").isEmpty();
        Settings bad = Settings.of(Map.of("CUSTODIA_RATELIMIT_CHECKS", "10k", "CUSTODIA_OUTBOUND_ALLOW_PRIVATE", "yes",
                "CUSTODIA_CHECKPOINT_INTERVAL", "hourly", "CUSTODIA_PG_PORT", "not read by the server",
                "CUSTODIA_PUBLIC_URL", "anything goes for text"));
        assertThat(bad.problems()).containsExactly("CUSTODIA_OUTBOUND_ALLOW_PRIVATE (flag)",
                "CUSTODIA_RATELIMIT_CHECKS (number)", "CUSTODIA_CHECKPOINT_INTERVAL (interval)");
    }
}
