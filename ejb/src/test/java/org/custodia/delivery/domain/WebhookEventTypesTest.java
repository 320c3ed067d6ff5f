package org.custodia.delivery.domain;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.junit.jupiter.api.Test;

class WebhookEventTypesTest {

    @Test
    void aFilterNamesATypeAFamilyOrEverything() {
        assertThat(WebhookEventTypes.matches("consent.withdrawn", "consent.withdrawn")).isTrue();
        assertThat(WebhookEventTypes.matches("consent.*", "consent.granted")).isTrue();
        assertThat(WebhookEventTypes.matches("dsar.deadline.*", "dsar.deadline.breached")).isTrue();
        assertThat(WebhookEventTypes.matches("dsar.*", "consent.granted")).isFalse();
        assertThat(WebhookEventTypes.matches("consent", "consent.granted")).as("a family needs its star").isFalse();
        assertThat(WebhookEventTypes.matches("*", "dsar.closed")).isTrue();
        assertThat(WebhookEventTypes.matchesAny(List.of("consent.*"), "webhook.ping")).as("a test ping reaches everyone").isTrue();
    }

    @Test
    void onlyFiltersThatNameSomethingAreValid() {
        assertThat(WebhookEventTypes.validFilter("consent.*")).isTrue();
        assertThat(WebhookEventTypes.validFilter("dsar.closed")).isTrue();
        assertThat(WebhookEventTypes.validFilter("*")).isTrue();
        assertThat(WebhookEventTypes.validFilter("consent.teleported")).isFalse();
        assertThat(WebhookEventTypes.validFilter("nothing.*")).isFalse();
        assertThat(WebhookEventTypes.validFilter("Consent.*")).isFalse();
        assertThat(WebhookEventTypes.validFilter("consent.**")).isFalse();
        assertThat(WebhookEventTypes.validFilter(null)).isFalse();
    }
}
