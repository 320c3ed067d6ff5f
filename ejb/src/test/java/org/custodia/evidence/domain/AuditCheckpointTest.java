package org.custodia.evidence.domain;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.UUID;

import org.custodia.reports.signing.SelfSignedIdentities;
import org.custodia.reports.signing.SigningIdentity;
import org.junit.jupiter.api.Test;

/** A checkpoint verifies with the key that signed it, and with nothing else once any part of it changes. */
class AuditCheckpointTest {

    private static final UUID TENANT = UUID.fromString("0b6f3f7e-3a9d-4c1e-8a55-6b7f0c2d9e01");

    @Test
    void aSignedCheckpointVerifiesWithItsCertificateOnly() throws Exception {
        SigningIdentity tenantKey = SelfSignedIdentities.generate("Tenant", "signing", Duration.ofDays(1));
        SigningIdentity otherKey = SelfSignedIdentities.generate("Other", "signing", Duration.ofDays(1));
        AuditCheckpoint c = AuditCheckpoint.sign(UUID.randomUUID(), TENANT, 42, "ab".repeat(32),
                Instant.parse("2026-03-01T10:15:30.123456Z"), UUID.randomUUID(), tenantKey.privateKey(), tenantKey.certificate());

        assertThat(c.signatureValid(tenantKey.certificate())).isTrue();
        assertThat(c.signatureValid(otherKey.certificate())).isFalse();
    }

    @Test
    void aCheckpointClaimingAnotherHeadOrTenantDoesNotVerify() throws Exception {
        SigningIdentity key = SelfSignedIdentities.generate("Tenant", "signing", Duration.ofDays(1));
        AuditCheckpoint c = AuditCheckpoint.sign(UUID.randomUUID(), TENANT, 42, "ab".repeat(32),
                Instant.parse("2026-03-01T10:15:30Z"), UUID.randomUUID(), key.privateKey(), key.certificate());

        AuditCheckpoint otherHead = new AuditCheckpoint(c.id(), TENANT, 43, c.headHash(), c.takenAt(), c.signingKeyId(), c.signature());
        AuditCheckpoint otherTenant = new AuditCheckpoint(c.id(), UUID.randomUUID(), 42, c.headHash(), c.takenAt(),
                c.signingKeyId(), c.signature());
        AuditCheckpoint otherTime = new AuditCheckpoint(c.id(), TENANT, 42, c.headHash(), c.takenAt().plusMillis(1),
                c.signingKeyId(), c.signature());

        assertThat(otherHead.signatureValid(key.certificate())).isFalse();
        assertThat(otherTenant.signatureValid(key.certificate())).isFalse();
        assertThat(otherTime.signatureValid(key.certificate())).isFalse();
    }
}
