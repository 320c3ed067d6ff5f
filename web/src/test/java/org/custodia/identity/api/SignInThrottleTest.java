package org.custodia.identity.api;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.custodia.platform.api.ClientAddress;
import org.junit.jupiter.api.Test;

class SignInThrottleTest {

    private static final ClientAddress NO_PROXIES = new ClientAddress(List.of());

    @Test
    void eachAddressGetsItsOwnAllowancePerMinute() {
        SignInThrottle throttle = new SignInThrottle(3, 1000, NO_PROXIES);
        for (int i = 0; i < 3; i++) {
            assertThat(throttle.consume("203.0.113.7", List.of(), null)).isZero();
        }
        assertThat(throttle.consume("203.0.113.7", List.of(), null)).isBetween(1L, 60L);
        assertThat(throttle.consume("198.51.100.2", List.of(), null)).isZero();
    }

    @Test
    void aSpoofedForwardedForFromAnUntrustedPeerDoesNotBuyANewAllowance() {
        SignInThrottle throttle = new SignInThrottle(2, 1000, NO_PROXIES);
        assertThat(throttle.consume("203.0.113.7", List.of("192.0.2.1"), null)).isZero();
        assertThat(throttle.consume("203.0.113.7", List.of("192.0.2.2"), null)).isZero();
        assertThat(throttle.consume("203.0.113.7", List.of("192.0.2.3"), null)).isPositive();
    }

    @Test
    void theAddressesOfOneIpv6SlashSixtyFourShareAnAllowance() {
        SignInThrottle throttle = new SignInThrottle(2, 1000, NO_PROXIES);
        assertThat(throttle.consume("2001:db8:1:2::1", List.of(), null)).isZero();
        assertThat(throttle.consume("2001:db8:1:2:ffff::9", List.of(), null)).isZero();
        assertThat(throttle.consume("2001:db8:1:2:abcd::1", List.of(), null)).isPositive();
        assertThat(throttle.consume("2001:db8:1:3::1", List.of(), null)).isZero();
    }

    @Test
    void eachOrganisationHasABudgetAcrossAddresses() {
        SignInThrottle throttle = new SignInThrottle(1000, 2, NO_PROXIES);
        assertThat(throttle.consume("203.0.113.1", List.of(), "acme")).isZero();
        assertThat(throttle.consume("203.0.113.2", List.of(), "ACME")).isZero();
        assertThat(throttle.consume("203.0.113.3", List.of(), "acme")).isPositive();
        assertThat(throttle.consume("203.0.113.3", List.of(), "globex")).isZero();
    }

    @Test
    void theBucketsStayWithinTheirBoundUnderAFloodOfAddressesAndTheLimitStillHolds() {
        SignInThrottle throttle = new SignInThrottle(2, 1000, NO_PROXIES, 100);
        for (int i = 0; i < 10_000; i++) {
            assertThat(throttle.consume("10." + (i >> 16 & 255) + "." + (i >> 8 & 255) + "." + (i & 255), List.of(), null)).isZero();
        }
        assertThat(throttle.bucketCount()).isBetween(1L, 100L);
        assertThat(throttle.consume("203.0.113.7", List.of(), null)).isZero();
        assertThat(throttle.consume("203.0.113.7", List.of(), null)).isZero();
        assertThat(throttle.consume("203.0.113.7", List.of(), null)).isPositive();
    }
}
