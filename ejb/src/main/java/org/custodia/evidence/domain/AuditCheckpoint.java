package org.custodia.evidence.domain;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.PrivateKey;
import java.security.Signature;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;

import org.custodia.audit.domain.AuditEventHasher;

/**
 * A signed statement "tenant T's audit chain had head seq N with hash H at time t". Embedded in
 * reports and exports, it lets anyone holding the tenant's certificate check offline that the chain
 * they are given later still contains that head.
 */
public record AuditCheckpoint(UUID id, UUID tenantId, long headSeq, String headHash, Instant takenAt,
                              UUID signingKeyId, byte[] signature) {

    /** The checkpoint with its signature, as embedded in reports and exports. */
    public Map<String, Object> toMap() {
        Map<String, Object> doc = new LinkedHashMap<>();
        doc.put("id", id.toString());
        doc.put("tenantId", tenantId.toString());
        doc.put("headSeq", headSeq);
        doc.put("headHash", headHash);
        doc.put("takenAt", AuditEventHasher.timestamp(takenAt));
        doc.put("signingKeyId", signingKeyId.toString());
        doc.put("signature", java.util.Base64.getEncoder().encodeToString(signature));
        return doc;
    }

    public String toJson() {
        return AuditEventHasher.canonicalize(toMap());
    }

    /** The signed bytes: RFC 8785 canonical JSON of tenant, head and time. */
    public byte[] signedContent() {
        return signedContent(tenantId, headSeq, headHash, takenAt);
    }

    public static byte[] signedContent(UUID tenantId, long headSeq, String headHash, Instant takenAt) {
        Map<String, Object> doc = new LinkedHashMap<>();
        doc.put("tenantId", tenantId.toString());
        doc.put("headSeq", headSeq);
        doc.put("headHash", headHash);
        doc.put("takenAt", AuditEventHasher.timestamp(takenAt));
        return AuditEventHasher.canonicalize(doc).getBytes(StandardCharsets.UTF_8);
    }

    /** Signs "this head at this time" with the tenant's key (ECDSA or RSA with SHA-256, by the certificate's key). */
    public static AuditCheckpoint sign(UUID id, UUID tenantId, long headSeq, String headHash, Instant takenAt,
                                       UUID signingKeyId, PrivateKey key, X509Certificate certificate)
            throws GeneralSecurityException {
        Signature signer = Signature.getInstance(algorithm(certificate));
        signer.initSign(key);
        signer.update(signedContent(tenantId, headSeq, headHash, takenAt));
        return new AuditCheckpoint(id, tenantId, headSeq, headHash, takenAt, signingKeyId, signer.sign());
    }

    /** Whether {@code certificate}'s key made this checkpoint's signature over its content. */
    public boolean signatureValid(X509Certificate certificate) throws GeneralSecurityException {
        Signature verifier = Signature.getInstance(algorithm(certificate));
        verifier.initVerify(certificate.getPublicKey());
        verifier.update(signedContent());
        return verifier.verify(signature);
    }

    private static String algorithm(X509Certificate certificate) {
        return "EC".equals(certificate.getPublicKey().getAlgorithm()) ? "SHA256withECDSA" : "SHA256withRSA";
    }
}
