package org.custodia.identity.domain;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.UUID;

import org.junit.jupiter.api.Test;

class SignInBackoffTest {

    @Test
    void failuresBeyondTheFreeOnesBackOffLongerEachTimeAndNeverBeyondFifteenMinutes() {
        for (int i = 0; i < SignInBackoff.FREE_FAILURES; i++) {
            assertThat(SignInBackoff.after(i)).isZero();
        }
        assertThat(SignInBackoff.after(5)).isEqualTo(Duration.ofSeconds(30));
        assertThat(SignInBackoff.after(6)).isEqualTo(Duration.ofSeconds(60));
        assertThat(SignInBackoff.after(10)).isEqualTo(Duration.ofMinutes(15));
        for (int i = 0; i < 100_000; i += 7) {
            assertThat(SignInBackoff.after(i)).isLessThanOrEqualTo(Duration.ofMinutes(15));
        }
        assertThat(SignInBackoff.after(Integer.MAX_VALUE)).isEqualTo(Duration.ofMinutes(15));
    }

    @Test
    void theAddressKeyIgnoresCaseAndSpacesAndDependsOnTheTenant() {
        UUID a = UUID.randomUUID();
        assertThat(SignInBackoff.addressKey(a, " Dana@Example.org ")).isEqualTo(SignInBackoff.addressKey(a, "dana@example.org"))
                .hasSize(64).doesNotContain("dana");
        assertThat(SignInBackoff.addressKey(UUID.randomUUID(), "dana@example.org")).isNotEqualTo(SignInBackoff.addressKey(a, "dana@example.org"));
    }

    @Test
    void aDeviceKeyIsPerTenantAndDeviceAndNeverAnAddressKey() {
        UUID tenant = UUID.randomUUID();
        UUID device = UUID.randomUUID();
        assertThat(SignInBackoff.deviceKey(tenant, device)).hasSize(64).isEqualTo(SignInBackoff.deviceKey(tenant, device))
                .isNotEqualTo(SignInBackoff.deviceKey(UUID.randomUUID(), device))
                .isNotEqualTo(SignInBackoff.deviceKey(tenant, UUID.randomUUID()))
                .isNotEqualTo(SignInBackoff.addressKey(tenant, "device\n" + device))
                .isNotEqualTo(SignInBackoff.addressKey(tenant, "\n" + device));
    }
}
