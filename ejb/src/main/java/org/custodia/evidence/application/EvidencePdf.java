package org.custodia.evidence.application;

import java.io.IOException;
import java.security.GeneralSecurityException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.UUID;

import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.inject.Inject;

import org.custodia.audit.domain.ChainVerification;
import org.custodia.crypto.application.TenantSigningKeys;
import org.custodia.evidence.domain.AuditCheckpoint;
import org.custodia.platform.config.Setting;
import org.custodia.platform.outbound.OutboundHttp;
import org.custodia.platform.outbound.RefusedUrl;
import org.custodia.platform.persistence.TenantId;
import org.custodia.platform.persistence.TenantScoped;
import org.custodia.reports.model.Report;
import org.custodia.reports.pdf.PdfReportRenderer;
import org.custodia.reports.signing.PadesSigner;
import org.custodia.reports.signing.TimestampAuthorityClient;
import org.custodia.tenancy.application.Tenants;

/**
 * Every Custodia report is evidence: it states the audit chain's verification, carries the signed
 * checkpoint (printed and machine-readable) and is PAdES-signed with the tenant's key.
 */
@Stateless
@TenantScoped
public class EvidencePdf {

    @Inject
    Tenants tenants;

    @Inject
    TenantSigningKeys signingKeys;

    /** In the caller's transaction, with the tenant bound. */
    @TransactionAttribute(TransactionAttributeType.MANDATORY)
    public byte[] render(@TenantId UUID tenantId, String title, UUID reportId, List<Report.Block> body, ChainVerification chain,
                         AuditCheckpoint checkpoint, String reason) throws IOException, GeneralSecurityException {
        String tenantName = tenants.of(tenantId).name();
        List<Report.Block> blocks = new ArrayList<>(body);
        blocks.add(new Report.Heading("Audit chain verification"));
        blocks.add(new Report.KeyValues(List.of(
                new Report.Entry("Intact", chain.intact() ? "yes" : "NO — first broken sequence " + chain.firstBrokenSeq()),
                new Report.Entry("Events in chain", String.valueOf(chain.eventCount())),
                new Report.Entry("Head sequence", String.valueOf(chain.headSeq())),
                new Report.Entry("Head hash", chain.headHash()))));
        blocks.add(new Report.Heading("Signed checkpoint"));
        blocks.add(new Report.KeyValues(List.of(
                new Report.Entry("Tenant", checkpoint.tenantId().toString()),
                new Report.Entry("Head sequence", String.valueOf(checkpoint.headSeq())),
                new Report.Entry("Head hash", checkpoint.headHash()),
                new Report.Entry("Taken at", checkpoint.takenAt().toString()),
                new Report.Entry("Signing key", checkpoint.signingKeyId().toString()),
                new Report.Entry("Signature (base64)", Base64.getEncoder().encodeToString(checkpoint.signature())))));
        Report report = new Report(title, tenantName, reportId.toString(), Instant.now(), blocks);
        return sign(tenantId, tenantName, new PdfReportRenderer().render(report, checkpoint.toJson()), reason);
    }

    /**
     * A PDF/A document for someone outside the tenant (a data subject's answer), PAdES-signed with the tenant's key
     * like every report, without the audit chain's blocks (they are the auditor's, not the reader's). In the caller's
     * transaction, with the tenant bound.
     */
    @TransactionAttribute(TransactionAttributeType.MANDATORY)
    public byte[] renderSigned(@TenantId UUID tenantId, Report report, String reason) throws IOException, GeneralSecurityException {
        return sign(tenantId, tenants.of(tenantId).name(), new PdfReportRenderer().render(report), reason);
    }

    private byte[] sign(UUID tenantId, String tenantName, byte[] pdf, String reason) throws IOException, GeneralSecurityException {
        TenantSigningKeys.ActiveKey key = signingKeys.active(tenantId);
        return signer().sign(pdf, key.identity(), tenantName, reason, Instant.now());
    }

    /** PAdES B-T when a time-stamp authority is configured (CUSTODIA_TSA_URL), else B-B; the TSA is reached through the outbound guard. */
    private static PadesSigner signer() {
        return Setting.TSA_URL.value().map(url -> new PadesSigner(new TimestampAuthorityClient(java.net.URI.create(url),
                EvidencePdf::guardedPost))).orElseGet(PadesSigner::new);
    }

    private static byte[] guardedPost(java.net.URI url, String contentType, byte[] body) throws IOException {
        OutboundHttp.Response r = TSA_HTTP.post(url, java.util.Map.of(), contentType, body);
        if (r.status() != 200) {
            throw new RefusedUrl("the time-stamp authority answered HTTP " + r.status());
        }
        return r.body();
    }

    private static final OutboundHttp TSA_HTTP = OutboundHttp.fromSettings();
}
