package org.custodia.report.application;

import java.io.IOException;
import java.security.GeneralSecurityException;
import java.sql.SQLException;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.UUID;

import jakarta.ejb.Stateless;
import jakarta.inject.Inject;

import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.custodia.audit.application.AuditCheckpoints;
import org.custodia.audit.application.AuditTrail;
import org.custodia.audit.domain.ChainVerification;
import org.custodia.audit.domain.AuditCheckpoint;
import org.custodia.crypto.application.TenantSigningKeys;
import org.custodia.platform.persistence.TenantSession;
import org.custodia.platform.problem.ProblemException;
import org.custodia.reports.pdf.PdfReportRenderer;
import org.custodia.reports.signing.PadesVerifier;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * Checks a report PDF: its PAdES signatures, and the audit-chain checkpoint it carries: signed by this
 * tenant's key, and still the same head in the tenant's chain today.
 */
@Stateless
public class ReportVerifier {

    private static final ObjectMapper JSON = new ObjectMapper();

    public record Result(List<PadesVerifier.SignatureCheck> signatures, boolean signaturesValid, JsonNode checkpoint,
                         Boolean checkpointSignatureValid, Boolean checkpointMatchesChain, String checkpointProblem) {
    }

    @Inject
    TenantSession tenantSession;

    @Inject
    TenantSigningKeys signingKeys;

    @Inject
    AuditCheckpoints checkpoints;

    @Inject
    AuditTrail audit;

    public Result verify(UUID tenantId, byte[] pdf) {
        List<PadesVerifier.SignatureCheck> signatures;
        String checkpointText;
        try (PDDocument document = Loader.loadPDF(pdf)) {
            checkpointText = PdfReportRenderer.checkpointOf(document);
            signatures = new PadesVerifier().verify(pdf);
        } catch (IOException e) {
            throw ProblemException.invalid("body", "is not a readable PDF");
        }
        boolean signaturesValid = !signatures.isEmpty()
                && signatures.stream().allMatch(s -> s.valid() && s.padesBaselineAttributes())
                && signatures.get(signatures.size() - 1).coversWholeDocument();
        if (checkpointText == null) {
            return new Result(signatures, signaturesValid, null, null, null, "the PDF carries no Custodia checkpoint");
        }
        JsonNode checkpoint;
        AuditCheckpoint parsed;
        try {
            checkpoint = JSON.readTree(checkpointText);
            parsed = new AuditCheckpoint(UUID.fromString(checkpoint.get("id").asText()),
                    UUID.fromString(checkpoint.get("tenantId").asText()), checkpoint.get("headSeq").asLong(),
                    checkpoint.get("headHash").asText(), Instant.parse(checkpoint.get("takenAt").asText()),
                    UUID.fromString(checkpoint.get("signingKeyId").asText()),
                    Base64.getDecoder().decode(checkpoint.get("signature").asText()));
        } catch (IOException | RuntimeException e) {
            return new Result(signatures, signaturesValid, null, false, null, "the embedded checkpoint is malformed");
        }
        if (!parsed.tenantId().equals(tenantId)) {
            return new Result(signatures, signaturesValid, checkpoint, null, null,
                    "the checkpoint belongs to another tenant");
        }
        tenantSession.bind(tenantId);
        boolean signatureValid;
        try {
            signatureValid = AuditCheckpoints.signatureValid(parsed, signingKeys.certificate(tenantId, parsed.signingKeyId()));
        } catch (GeneralSecurityException | IllegalStateException e) {
            signatureValid = false;
        }
        // the head must still be there, and every link up to it must still verify
        boolean matches = checkpoints.stillMatches(tenantId, parsed.headSeq(), parsed.headHash());
        try {
            ChainVerification chain = audit.verify(tenantId);
            matches = matches && (chain.intact() || chain.firstBrokenSeq() > parsed.headSeq());
        } catch (SQLException e) {
            throw new IllegalStateException("cannot verify the audit chain", e);
        }
        String problem = !signatureValid ? "the checkpoint signature is not the tenant's"
                : !matches ? "the tenant's audit chain no longer holds this head: the chain was altered" : null;
        return new Result(signatures, signaturesValid, checkpoint, signatureValid, matches, problem);
    }
}
