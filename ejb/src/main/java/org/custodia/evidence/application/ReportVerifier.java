package org.custodia.evidence.application;

import java.io.IOException;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.cert.X509Certificate;
import java.sql.SQLException;
import java.time.Instant;
import java.util.Base64;
import java.util.Date;
import java.util.List;
import java.util.UUID;

import jakarta.ejb.Stateless;
import jakarta.inject.Inject;

import org.custodia.audit.application.AuditTrail;
import org.custodia.audit.domain.ChainVerification;
import org.custodia.evidence.domain.AuditCheckpoint;
import org.custodia.crypto.application.TenantSigningKeys;
import org.custodia.platform.persistence.TenantId;
import org.custodia.platform.persistence.TenantScoped;
import org.custodia.platform.problem.ProblemException;
import org.custodia.reports.pdf.PdfReportRenderer;
import org.custodia.reports.signing.PadesVerifier;
import org.custodia.reports.untrusted.UntrustedPdf;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * Checks a report PDF: its PAdES signatures, that they were made with one of this tenant's signing keys
 * (active or retired, within the certificate's validity at the signing time) and that the last covers the
 * whole file, and the audit-chain checkpoint it carries: signed by this tenant's key, and still the same
 * head in the tenant's chain today. A genuine checkpoint copied into a PDF signed by anyone else is not
 * the tenant's report. The PDF is read within {@link UntrustedPdf}'s budgets.
 */
@Stateless
@TenantScoped
public class ReportVerifier {

    private static final ObjectMapper JSON = new ObjectMapper();

    /**
     * @param signerIsTenant every signature was made with a certificate of this tenant, valid at its signing time
     * @param verified       the whole answer: signatures valid and the tenant's, covering the whole file, and the
     *                       checkpoint the tenant's and still in its chain
     * @param problem        why not, when not verified
     */
    public record Result(List<PadesVerifier.SignatureCheck> signatures, boolean signaturesValid, JsonNode checkpoint,
                         Boolean checkpointSignatureValid, Boolean checkpointMatchesChain, String checkpointProblem,
                         boolean signerIsTenant, boolean verified, String problem) {
    }

    private record Read(String checkpoint, List<PadesVerifier.SignatureCheck> signatures) {
    }

    @Inject
    TenantSigningKeys signingKeys;

    @Inject
    AuditTrail audit;

    public Result verify(@TenantId UUID tenantId, byte[] pdf) {
        Read read;
        try {
            read = UntrustedPdf.read(pdf, document -> new Read(PdfReportRenderer.checkpointOf(document),
                    new PadesVerifier().verify(document, pdf)));
        } catch (UntrustedPdf.TooLarge e) {
            throw ProblemException.invalid("body", "is too large to verify: " + e.getMessage());
        } catch (IOException e) {
            throw ProblemException.invalid("body", "is not a readable PDF");
        }
        List<PadesVerifier.SignatureCheck> signatures = read.signatures();
        String checkpointText = read.checkpoint();
        boolean signaturesValid = !signatures.isEmpty()
                && signatures.stream().allMatch(s -> s.valid() && s.padesBaselineAttributes())
                && signatures.stream().anyMatch(PadesVerifier.SignatureCheck::coversWholeDocument);
        List<X509Certificate> tenantCertificates;
        try {
            tenantCertificates = signingKeys.certificates(tenantId);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("cannot read the tenant's signing certificates", e);
        }
        boolean signerIsTenant = !signatures.isEmpty() && signatures.stream().allMatch(s -> byTenant(tenantCertificates, s));
        String signatureProblem = signatures.isEmpty() ? "the PDF is not signed"
                : !signaturesValid ? "a signature does not verify, or none covers the whole file"
                : !signerIsTenant ? "the PDF is not signed with a key of this tenant" : null;
        if (checkpointText == null) {
            return result(signatures, signaturesValid, signerIsTenant, signatureProblem, null, null, null,
                    "the PDF carries no Custodia checkpoint");
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
            return result(signatures, signaturesValid, signerIsTenant, signatureProblem, null, false, null,
                    "the embedded checkpoint is malformed");
        }
        if (!parsed.tenantId().equals(tenantId)) {
            return result(signatures, signaturesValid, signerIsTenant, signatureProblem, checkpoint, null, null,
                    "the checkpoint belongs to another tenant");
        }
        boolean signatureValid;
        try {
            var certificate = signingKeys.findCertificate(tenantId, parsed.signingKeyId());
            signatureValid = certificate.isPresent() && parsed.signatureValid(certificate.get());
        } catch (GeneralSecurityException | IllegalStateException e) {
            signatureValid = false;
        }
        // the head must still be there, and every link up to it must still verify
        boolean matches = audit.holds(tenantId, parsed.headSeq(), parsed.headHash());
        try {
            ChainVerification chain = audit.verify(tenantId);
            matches = matches && (chain.intact() || chain.firstBrokenSeq() > parsed.headSeq());
        } catch (SQLException e) {
            throw new IllegalStateException("cannot verify the audit chain", e);
        }
        String problem = !signatureValid ? "the checkpoint signature is not the tenant's"
                : !matches ? "the tenant's audit chain no longer holds this head: the chain was altered" : null;
        return result(signatures, signaturesValid, signerIsTenant, signatureProblem, checkpoint, signatureValid, matches,
                problem);
    }

    private static Result result(List<PadesVerifier.SignatureCheck> signatures, boolean signaturesValid,
                                 boolean signerIsTenant, String signatureProblem, JsonNode checkpoint,
                                 Boolean checkpointSignatureValid, Boolean checkpointMatchesChain, String checkpointProblem) {
        boolean verified = signatureProblem == null && checkpointProblem == null
                && Boolean.TRUE.equals(checkpointSignatureValid) && Boolean.TRUE.equals(checkpointMatchesChain);
        return new Result(signatures, signaturesValid, checkpoint, checkpointSignatureValid, checkpointMatchesChain,
                checkpointProblem, signerIsTenant, verified, signatureProblem != null ? signatureProblem : checkpointProblem);
    }

    /** Whether the signature's certificate is one of the tenant's, valid when it signed (its time-stamp, else /M). */
    private static boolean byTenant(List<X509Certificate> tenantCertificates, PadesVerifier.SignatureCheck signature) {
        if (signature.certificate() == null) {
            return false;
        }
        Instant at = signature.timestampTime() != null ? signature.timestampTime()
                : signature.signingTime() != null ? signature.signingTime() : Instant.now();
        try {
            byte[] der = signature.certificate().getEncoded();
            for (X509Certificate certificate : tenantCertificates) {
                if (MessageDigest.isEqual(der, certificate.getEncoded())) {
                    certificate.checkValidity(Date.from(at));
                    return true;
                }
            }
            return false;
        } catch (GeneralSecurityException e) {
            return false; // not encodable, expired or not yet valid at the signing time
        }
    }
}
