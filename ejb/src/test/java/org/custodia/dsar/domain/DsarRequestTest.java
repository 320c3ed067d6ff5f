package org.custodia.dsar.domain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.UUID;

import org.custodia.bpmn.DsarProcess;
import org.junit.jupiter.api.Test;

/** The steps dsar.bpmn moves a request through: status by step, breach as a flag, nothing after the end. */
class DsarRequestTest {

    static final Instant RECEIVED = Instant.parse("2026-03-02T10:00:00Z");

    static DsarRequest request(IdentityCheck identity) {
        return new DsarRequest(UUID.randomUUID(), DsarType.ACCESS, Jurisdiction.EU_GDPR, "s-1", RECEIVED,
                DsarDeadlinePolicy.deadline(Jurisdiction.EU_GDPR, RECEIVED, ZoneOffset.UTC), identity, RECEIVED);
    }

    @Test
    void aRequestMovesFromReceivedThroughReviewToClosed() {
        DsarRequest r = request(IdentityCheck.DOCUMENTS);
        assertThat(r.status()).isEqualTo(DsarRequest.Status.RECEIVED);
        r.awaitIdentity();
        assertThat(r.status()).isEqualTo(DsarRequest.Status.AWAITING_IDENTITY);
        r.acknowledge();
        assertThat(r.status()).isEqualTo(DsarRequest.Status.IN_PROGRESS);
        r.awaitReview();
        assertThat(r.status()).isEqualTo(DsarRequest.Status.IN_REVIEW);
        assertThat(r.answeredAt()).isNull();
        Instant answered = Instant.parse("2026-02-01T10:00:00Z");
        r.deliver(answered);
        assertThat(r.status()).isEqualTo(DsarRequest.Status.DELIVERED);
        assertThat(r.answeredAt()).isEqualTo(answered);
        assertThat(r.status().ended()).isFalse();
        r.close();
        assertThat(r.status()).isEqualTo(DsarRequest.Status.CLOSED);
        assertThat(r.status().ended()).isTrue();
    }

    @Test
    void anEndedRequestMovesNoMore() {
        DsarRequest refused = request(IdentityCheck.VERIFIED);
        refused.refuse(RECEIVED);
        assertThat(refused.answeredAt()).isEqualTo(RECEIVED);
        assertThatThrownBy(() -> refused.deliver(RECEIVED)).isInstanceOf(IllegalStateException.class).hasMessageContaining("REFUSED");
        DsarRequest unconfirmed = request(IdentityCheck.DOCUMENTS);
        unconfirmed.identityNotConfirmed();
        assertThatThrownBy(unconfirmed::acknowledge).isInstanceOf(IllegalStateException.class);
        DsarRequest handedOver = request(IdentityCheck.VERIFIED);
        handedOver.handOverToErasure(RECEIVED);
        assertThatThrownBy(handedOver::close).isInstanceOf(IllegalStateException.class);
    }

    @Test
    void aBreachIsAFlagSetOnceAndTheRequestKeepsItsStep() {
        DsarRequest r = request(IdentityCheck.VERIFIED);
        r.acknowledge();
        r.awaitReview();
        Instant first = Instant.parse("2026-04-03T00:00:00Z");

        r.flagBreached(first);
        r.flagBreached(first.plusSeconds(60));
        r.markEscalated(first.plusSeconds(120));
        r.markEscalated(first.plusSeconds(180));

        assertThat(r.breached()).isTrue();
        assertThat(r.breachedAt()).isEqualTo(first);
        assertThat(r.escalatedAt()).isEqualTo(first.plusSeconds(120));
        assertThat(r.status()).isEqualTo(DsarRequest.Status.IN_REVIEW);
    }

    @Test
    void identityChecksAreTheCodesTheModelBranchesOn() {
        assertThat(Arrays.stream(IdentityCheck.values()).map(Enum::name))
                .containsExactly(DsarProcess.IDENTITY_VERIFIED, DsarProcess.IDENTITY_EMAIL_LINK, DsarProcess.IDENTITY_DOCUMENTS);
    }
}
