package org.custodia.reports.signing;

import java.io.IOException;
import java.security.MessageDigest;
import java.security.cert.CertificateException;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;

import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.interactive.digitalsignature.PDSignature;
import org.bouncycastle.asn1.ASN1InputStream;
import org.bouncycastle.asn1.cms.CMSAttributes;
import org.bouncycastle.asn1.cms.ContentInfo;
import org.bouncycastle.asn1.pkcs.PKCSObjectIdentifiers;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cms.CMSException;
import org.bouncycastle.cms.CMSProcessableByteArray;
import org.bouncycastle.cms.CMSSignedData;
import org.bouncycastle.cms.SignerInformation;
import org.bouncycastle.cms.jcajce.JcaSimpleSignerInfoVerifierBuilder;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.tsp.TimeStampToken;
import org.custodia.reports.untrusted.UntrustedPdf;

/**
 * Checks the signatures of a PDF: that the CMS signature verifies over its byte range, that the byte
 * range covers the whole file (nothing appended after signing, nothing but the signature value left
 * unsigned), and reports signer and signing time.
 * Trust in the signer's certificate is the caller's question (a tenant's own certificate is self-signed).
 */
public final class PadesVerifier {

    /**
     * @param timestampTime the time-stamp authority's time when the signature carries a valid RFC 3161
     *                      signature time-stamp (PAdES B-T), else null
     */
    public record SignatureCheck(boolean valid, boolean coversWholeDocument, String subFilter, String signer,
                                 X509Certificate certificate, Instant signingTime, boolean padesBaselineAttributes,
                                 Instant timestampTime, String problem) {
    }

    /** Reads {@code pdf} within {@link UntrustedPdf}'s budgets. */
    public List<SignatureCheck> verify(byte[] pdf) throws IOException {
        return UntrustedPdf.read(pdf, document -> verify(document, pdf));
    }

    /** The signatures of {@code document}, opened from {@code pdf}, in the order of its fields. */
    public List<SignatureCheck> verify(PDDocument document, byte[] pdf) throws IOException {
        List<SignatureCheck> checks = new ArrayList<>();
        for (PDSignature signature : document.getSignatureDictionaries()) {
            checks.add(check(signature, pdf));
        }
        return checks;
    }

    private static SignatureCheck check(PDSignature signature, byte[] pdf) {
        int[] range = signature.getByteRange();
        boolean whole = range.length == 4 && range[0] == 0 && (long) range[2] + range[3] == pdf.length
                && onlyContentsUnsigned(pdf, range);
        Instant time = signature.getSignDate() == null ? null : signature.getSignDate().toInstant();
        try {
            byte[] signedContent = signature.getSignedContent(pdf);
            // /Contents is zero-padded to its reserved size: read the one CMS object at its start
            ContentInfo contentInfo;
            try (ASN1InputStream in = new ASN1InputStream(signature.getContents())) {
                contentInfo = ContentInfo.getInstance(in.readObject());
            }
            CMSSignedData cms = new CMSSignedData(new CMSProcessableByteArray(signedContent), contentInfo);
            Collection<SignerInformation> signers = cms.getSignerInfos().getSigners();
            if (signers.size() != 1) {
                return failed(signature, whole, time, "expected one signer, found " + signers.size());
            }
            SignerInformation signer = signers.iterator().next();
            @SuppressWarnings("unchecked")
            Collection<X509CertificateHolder> matches = cms.getCertificates().getMatches(signer.getSID());
            if (matches.isEmpty()) {
                return failed(signature, whole, time, "the signer's certificate is not embedded");
            }
            X509Certificate certificate = new JcaX509CertificateConverter().getCertificate(matches.iterator().next());
            boolean valid = signer.verify(new JcaSimpleSignerInfoVerifierBuilder().build(certificate));
            var attributes = signer.getSignedAttributes();
            boolean baseline = attributes != null && attributes.get(CMSAttributes.signingTime) == null
                    && attributes.get(PKCSObjectIdentifiers.id_aa_signingCertificateV2) != null;
            Instant timestamp = signatureTimestamp(signer);
            return new SignatureCheck(valid, whole, signature.getSubFilter(),
                    certificate.getSubjectX500Principal().getName(), certificate, time, baseline, timestamp,
                    valid ? null : "the signature does not match the signed bytes");
        } catch (CMSException e) {
            // BouncyCastle reports a digest mismatch as an exception
            return failed(signature, whole, time, e.getMessage());
        } catch (IOException | CertificateException | OperatorCreationException e) {
            return failed(signature, whole, time, e.getMessage());
        }
    }

    /**
     * The one gap a signature leaves unsigned must be exactly its own {@code /Contents} hex string: anything
     * else in it (a second body, an object) would be unsigned content the reader still parses.
     */
    private static boolean onlyContentsUnsigned(byte[] pdf, int[] range) {
        int start = range[1];
        int end = range[2];
        if (start < 0 || end > pdf.length || end - start < 2 || pdf[start] != '<' || pdf[end - 1] != '>') {
            return false;
        }
        for (int i = start + 1; i < end - 1; i++) {
            if (Character.digit(pdf[i], 16) < 0) {
                return false;
            }
        }
        return true;
    }

    private static SignatureCheck failed(PDSignature signature, boolean whole, Instant time, String problem) {
        return new SignatureCheck(false, whole, signature.getSubFilter(), null, null, time, false, null, problem);
    }

    /** The time of a signature time-stamp whose token verifies and whose imprint is this signature's value. */
    private static Instant signatureTimestamp(SignerInformation signer) {
        var unsigned = signer.getUnsignedAttributes();
        if (unsigned == null || unsigned.get(PKCSObjectIdentifiers.id_aa_signatureTimeStampToken) == null) {
            return null;
        }
        try {
            var attribute = unsigned.get(PKCSObjectIdentifiers.id_aa_signatureTimeStampToken);
            TimeStampToken token = new TimeStampToken(ContentInfo.getInstance(attribute.getAttrValues().getObjectAt(0)));
            @SuppressWarnings("unchecked")
            Collection<X509CertificateHolder> tsa = token.getCertificates().getMatches(token.getSID());
            if (tsa.isEmpty()) {
                return null;
            }
            token.validate(new JcaSimpleSignerInfoVerifierBuilder().build(tsa.iterator().next()));
            byte[] imprint = MessageDigest.getInstance("SHA-256").digest(signer.getSignature());
            if (!MessageDigest.isEqual(imprint, token.getTimeStampInfo().getMessageImprintDigest())) {
                return null;
            }
            return token.getTimeStampInfo().getGenTime().toInstant();
        } catch (Exception e) {
            return null; // an unverifiable time-stamp counts as none
        }
    }
}
