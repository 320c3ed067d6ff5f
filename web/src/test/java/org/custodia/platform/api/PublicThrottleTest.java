package org.custodia.platform.api;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.custodia.platform.api.PublicThrottle.Budget;
import org.junit.jupiter.api.Test;

class PublicThrottleTest {

    @Test
    void eachAddressHasItsOwnHourlyBudgetPerKindOfRequest() {
        PublicThrottle throttle = new PublicThrottle(3, new ClientAddress(List.of()), 1000);
        for (int i = 0; i < 3; i++) {
            assertThat(throttle.consume(Budget.INTAKE, "203.0.113.7", List.of())).isZero();
        }
        long wait = throttle.consume(Budget.INTAKE, "203.0.113.7", List.of());
        assertThat(wait).isBetween(1L, 3600L);
        assertThat(throttle.consume(Budget.CONFIRMATION, "203.0.113.7", List.of())).as("confirmations count apart").isZero();
        assertThat(throttle.consume(Budget.INTAKE, "203.0.113.8", List.of())).as("another address").isZero();
        // an untrusted peer's X-Forwarded-For is not believed: no fresh budget by a made-up header
        assertThat(throttle.consume(Budget.INTAKE, "203.0.113.7", List.of("198.51.100.1"))).isPositive();
    }

    @Test
    void refusalsAreCountedWhenSpentAndLookingCostsNothing() {
        PublicThrottle throttle = new PublicThrottle(2, new ClientAddress(List.of()), 1000);
        assertThat(throttle.waitFor(Budget.REFUSED_CALLBACKS, "203.0.113.7", List.of())).as("nothing refused yet").isZero();
        for (int i = 0; i < 5; i++) {
            assertThat(throttle.waitFor(Budget.REFUSED_CALLBACKS, "203.0.113.7", List.of())).as("looking spends nothing").isZero();
        }
        throttle.consume(Budget.REFUSED_CALLBACKS, "203.0.113.7", List.of());
        assertThat(throttle.waitFor(Budget.REFUSED_CALLBACKS, "203.0.113.7", List.of())).isZero();
        throttle.consume(Budget.REFUSED_CALLBACKS, "203.0.113.7", List.of());
        assertThat(throttle.waitFor(Budget.REFUSED_CALLBACKS, "203.0.113.7", List.of())).as("two refused: held off").isBetween(1L, 3600L);
        assertThat(throttle.waitFor(Budget.REFUSED_CALLBACKS, "203.0.113.8", List.of())).as("another address").isZero();
    }

    @Test
    void behindATrustedProxyTheForwardedClientCounts() {
        PublicThrottle throttle = new PublicThrottle(1, new ClientAddress(List.of(ClientAddress.Cidr.parse("10.0.0.0/8"))), 1000);
        assertThat(throttle.consume(Budget.INTAKE, "10.0.0.1", List.of("198.51.100.1"))).isZero();
        assertThat(throttle.consume(Budget.INTAKE, "10.0.0.1", List.of("198.51.100.2"))).isZero();
        assertThat(throttle.consume(Budget.INTAKE, "10.0.0.1", List.of("198.51.100.1"))).isPositive();
    }

    @Test
    void memoryStaysBoundedUnderManyAddresses() {
        PublicThrottle throttle = new PublicThrottle(5, new ClientAddress(List.of()), 100);
        for (int i = 0; i < 5000; i++) {
            throttle.consume(Budget.INTAKE, "198.51." + (i / 250) + "." + (i % 250), List.of());
        }
        assertThat(throttle.bucketCount()).isLessThanOrEqualTo(100);
    }
}
