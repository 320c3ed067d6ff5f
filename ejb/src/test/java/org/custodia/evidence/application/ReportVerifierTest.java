package org.custodia.evidence.application;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import org.custodia.audit.application.AuditTrail;
import org.custodia.audit.domain.ChainVerification;
import org.custodia.crypto.application.TenantSigningKeys;
import org.custodia.evidence.domain.AuditCheckpoint;
import org.custodia.platform.problem.ProblemException;
import org.custodia.reports.model.Report;
import org.custodia.reports.pdf.PdfReportRenderer;
import org.custodia.reports.signing.PadesSigner;
import org.custodia.reports.signing.SelfSignedIdentities;
import org.custodia.reports.signing.SigningIdentity;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** A report verifies only when the tenant's key signed it and its checkpoint is the tenant's and still in the chain. */
class ReportVerifierTest {

    private static final UUID TENANT = UUID.fromString("3f2e1d0c-9b8a-4765-8432-10fedcba9876");
    private static final UUID KEY_ID = UUID.randomUUID();
    private static SigningIdentity tenantKey;
    private static SigningIdentity strangerKey;

    private boolean chainHoldsHead = true;
    private ReportVerifier verifier;

    @BeforeAll
    static void keys() throws Exception {
        tenantKey = SelfSignedIdentities.generate("Tenant", "signing", Duration.ofDays(10));
        strangerKey = SelfSignedIdentities.generate("Stranger", "signing", Duration.ofDays(10));
    }

    @BeforeEach
    void service() {
        verifier = new ReportVerifier();
        verifier.signingKeys = new TenantSigningKeys() {
            @Override public List<X509Certificate> certificates(UUID tenantId) { return List.of(tenantKey.certificate()); }
            @Override public Optional<X509Certificate> findCertificate(UUID tenantId, UUID keyId) {
                return keyId.equals(KEY_ID) ? Optional.of(tenantKey.certificate()) : Optional.empty();
            }
        };
        verifier.audit = new AuditTrail() {
            @Override public boolean holds(UUID tenantId, long seq, String hash) { return chainHoldsHead; }
            @Override public ChainVerification verify(UUID tenantId) {
                return new ChainVerification(true, 5, 5, "ee".repeat(32), null);
            }
        };
    }

    private static byte[] report(UUID checkpointTenant, SigningIdentity checkpointKey, SigningIdentity pdfKey) throws Exception {
        AuditCheckpoint checkpoint = AuditCheckpoint.sign(UUID.randomUUID(), checkpointTenant, 5, "ee".repeat(32),
                Instant.parse("2026-02-01T09:00:00Z"), KEY_ID, checkpointKey.privateKey(), checkpointKey.certificate());
        Report report = new Report("Test report", "Tenant", UUID.randomUUID().toString(), Instant.now(),
                List.of(new Report.Paragraph("Body.")));
        byte[] pdf = new PdfReportRenderer().render(report, checkpoint.toJson());
        return new PadesSigner().sign(pdf, pdfKey, "Tenant", "test", Instant.now());
    }

    @Test
    void theTenantsOwnReportVerifies() throws Exception {
        ReportVerifier.Result r = verifier.verify(TENANT, report(TENANT, tenantKey, tenantKey));
        assertThat(r.problem()).isNull();
        assertThat(r.verified()).isTrue();
        assertThat(r.signerIsTenant()).isTrue();
    }

    @Test
    void aGenuineCheckpointInAPdfSignedBySomeoneElseIsNotTheTenantsReport() throws Exception {
        ReportVerifier.Result r = verifier.verify(TENANT, report(TENANT, tenantKey, strangerKey));
        assertThat(r.verified()).isFalse();
        assertThat(r.signerIsTenant()).isFalse();
        assertThat(r.problem()).isEqualTo("the PDF is not signed with a key of this tenant");
    }

    @Test
    void aCheckpointOfAnotherTenantOrSignedByAnotherKeyOrNoLongerInTheChainFails() throws Exception {
        assertThat(verifier.verify(TENANT, report(UUID.randomUUID(), tenantKey, tenantKey)).problem())
                .isEqualTo("the checkpoint belongs to another tenant");
        assertThat(verifier.verify(TENANT, report(TENANT, strangerKey, tenantKey)).problem())
                .isEqualTo("the checkpoint signature is not the tenant's");
        chainHoldsHead = false;
        assertThat(verifier.verify(TENANT, report(TENANT, tenantKey, tenantKey)).problem())
                .startsWith("the tenant's audit chain no longer holds this head");
    }

    @Test
    void somethingThatIsNotAPdfIsRefusedNamingTheBody() {
        assertThatThrownBy(() -> verifier.verify(TENANT, "not a pdf".getBytes()))
                .isInstanceOfSatisfying(ProblemException.class, e -> assertThat(e.errors().get(0).field()).isEqualTo("body"));
    }
}
