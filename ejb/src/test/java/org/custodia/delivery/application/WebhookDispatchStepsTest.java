package org.custodia.delivery.application;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

import org.custodia.delivery.infrastructure.WebhookDeliveryRepository;
import org.custodia.platform.problem.ProblemException;
import org.junit.jupiter.api.Test;

/** The dispatcher's and the subscriptions' steps that need no server. */
class WebhookDispatchStepsTest {

    @Test
    void aDeliveryWhoseSecretNoLongerOpensIsAFailedAttemptAndNothingIsSent() {
        var pending = new WebhookDeliveryRepository.Pending(UUID.randomUUID(), UUID.randomUUID(), UUID.randomUUID(), "consent.granted",
                "{}", 0, Instant.now(), Instant.now());
        // an address that would refuse or hang if it were tried: the outcome must come without a connection
        var outcome = WebhookDispatcher.send(new WebhookDeliveries.Outgoing(pending, "https://192.0.2.1/hook", List.of()));
        assertThat(outcome.delivered()).isFalse();
        assertThat(outcome.status()).isNull();
        assertThat(outcome.latencyMs()).isZero();
        assertThat(outcome.error()).contains("secret no longer opens");
    }

    @Test
    void anAddressShorterThanTheTableAllowsIsRefusedByFieldNotByTheDatabase() {
        assertThatThrownBy(() -> WebhookSubscriptions.check(new WebhookSubscriptions.Input("https://a", null, List.of("consent.*"))))
                .isInstanceOfSatisfying(ProblemException.class, e -> {
                    assertThat(e.status()).isEqualTo(422);
                    assertThat(e.errors()).singleElement().satisfies(f -> {
                        assertThat(f.field()).isEqualTo("url");
                        assertThat(f.reason()).contains("10 to 2000");
                    });
                });
    }

    @Test
    void aPrivateAddressIsRefusedWhenSaved() {
        assertThatThrownBy(() -> WebhookSubscriptions.check(new WebhookSubscriptions.Input("https://10.1.2.3/hook", null, List.of("*"))))
                .isInstanceOfSatisfying(ProblemException.class, e -> assertThat(e.errors()).extracting(f -> f.field()).containsExactly("url"));
    }
}
