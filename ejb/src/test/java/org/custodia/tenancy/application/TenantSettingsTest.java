package org.custodia.tenancy.application;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import org.custodia.platform.context.Actor;
import org.custodia.platform.problem.FieldError;
import org.custodia.platform.problem.ProblemException;
import org.custodia.tenancy.infrastructure.TenantSettingsRepository;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Security and privacy settings: stored rows and defaults, and refusals that write nothing. */
class TenantSettingsTest {

    private static final UUID TENANT = UUID.randomUUID();
    private static final Actor ADMIN = new Actor(TENANT, "user:admin", "req-1");

    private Optional<TenantSettingsRepository.StoredSecurity> security = Optional.empty();
    private Optional<String> jurisdiction = Optional.empty();
    private final List<Object> saved = new ArrayList<>();
    private final TenantSettingsRepository repository = new TenantSettingsRepository() {
        @Override public Optional<StoredSecurity> security() { return security; }
        @Override public void saveSecurity(UUID tenantId, StoredSecurity s, Instant at) { saved.add(s); }
        @Override public Optional<String> jurisdiction() { return jurisdiction; }
        @Override public void saveJurisdiction(UUID tenantId, String j, Instant at) { saved.add(j); }
    };
    private SecuritySettings securitySettings;
    private PrivacySettings privacySettings;

    @BeforeEach
    void services() {
        securitySettings = new SecuritySettings();
        securitySettings.settings = repository;
        privacySettings = new PrivacySettings();
        privacySettings.settings = repository;
    }

    @Test
    void storedSecuritySettingsAreReadBackAndAbsentOnesAreTheDefaults() {
        assertThat(securitySettings.load(TENANT)).isEqualTo(SecuritySettings.Settings.DEFAULTS);
        security = Optional.of(new TenantSettingsRepository.StoredSecurity(true, "[\"https://app.example.com\"]", 15));
        assertThat(securitySettings.load(TENANT))
                .isEqualTo(new SecuritySettings.Settings(true, List.of("https://app.example.com"), 15));
    }

    @Test
    void badSecuritySettingsAreRefusedFieldByFieldAndNothingIsWritten() {
        assertThatThrownBy(() -> securitySettings.update(ADMIN, null, List.of("https://ok.example", "http://evil.example/x"), 4))
                .isInstanceOfSatisfying(ProblemException.class, e -> assertThat(e.errors()).extracting(FieldError::field)
                        .containsExactly("sessionIdleMinutes", "mfaRequired", "corsOrigins[1]"));
        assertThat(saved).isEmpty();
    }

    @Test
    void privacySettingsDefaultToNoJurisdictionAndRefuseControlCharacters() {
        assertThat(privacySettings.of(TENANT)).isEqualTo(PrivacySettings.Settings.DEFAULTS);
        jurisdiction = Optional.of("EU");
        assertThat(privacySettings.of(TENANT)).isEqualTo(new PrivacySettings.Settings("EU"));
        assertThatThrownBy(() -> privacySettings.update(ADMIN, "EU\u0007"))
                .isInstanceOfSatisfying(ProblemException.class, e -> assertThat(e.errors()).extracting(FieldError::field)
                        .containsExactly("jurisdiction"));
        assertThat(saved).isEmpty();
    }
}
