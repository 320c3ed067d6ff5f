package org.custodia.identity.api;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class SignInThrottleTest {

    @Test
    void eachAddressGetsItsOwnAllowancePerMinute() {
        SignInThrottle throttle = new SignInThrottle(3);
        for (int i = 0; i < 3; i++) {
            assertThat(throttle.consume("203.0.113.7")).isZero();
        }
        assertThat(throttle.consume("203.0.113.7")).isBetween(1L, 60L);
        assertThat(throttle.consume("198.51.100.2")).isZero();
    }
}
