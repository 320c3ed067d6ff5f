package org.custodia.reports.signing;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.cert.CertificateEncodingException;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.GregorianCalendar;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.interactive.digitalsignature.ExternalSigningSupport;
import org.apache.pdfbox.pdmodel.interactive.digitalsignature.PDSignature;
import org.apache.pdfbox.pdmodel.interactive.digitalsignature.SignatureOptions;
import org.bouncycastle.asn1.ASN1EncodableVector;
import org.bouncycastle.asn1.ASN1Primitive;
import org.bouncycastle.asn1.DERSet;
import org.bouncycastle.asn1.cms.Attribute;
import org.bouncycastle.asn1.cms.AttributeTable;
import org.bouncycastle.asn1.cms.CMSAttributes;
import org.bouncycastle.asn1.ess.ESSCertIDv2;
import org.bouncycastle.asn1.ess.SigningCertificateV2;
import org.bouncycastle.asn1.pkcs.PKCSObjectIdentifiers;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.asn1.x509.IssuerSerial;
import org.bouncycastle.cert.jcajce.JcaCertStore;
import org.bouncycastle.cert.jcajce.JcaX509CertificateHolder;
import org.bouncycastle.cms.CMSAttributeTableGenerator;
import org.bouncycastle.cms.CMSException;
import org.bouncycastle.cms.CMSProcessableByteArray;
import org.bouncycastle.cms.CMSSignedData;
import org.bouncycastle.cms.CMSSignedDataGenerator;
import org.bouncycastle.cms.SignerInformation;
import org.bouncycastle.cms.SignerInformationStore;
import org.bouncycastle.cms.DefaultSignedAttributeTableGenerator;
import org.bouncycastle.cms.jcajce.JcaSignerInfoGeneratorBuilder;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
import org.bouncycastle.operator.jcajce.JcaDigestCalculatorProviderBuilder;
import org.bouncycastle.tsp.TimeStampToken;

/**
 * Signs a PDF as PAdES baseline B-B (B-T with a time-stamp authority): an incremental update with a detached CMS signature
 * (SubFilter ETSI.CAdES.detached) over the byte range, whose signed attributes are content-type,
 * message-digest and signing-certificate-v2, and no CMS signing-time (the time goes into the
 * signature dictionary's /M, as PAdES requires). JDK providers sign; BouncyCastle builds the CMS.
 */
public final class PadesSigner {

    private static final int SIGNATURE_SPACE = 32 * 1024;

    private final TimestampAuthorityClient timestamps;

    /** PAdES B-B. */
    public PadesSigner() {
        this(null);
    }

    /** PAdES B-T when a time-stamp authority is given: the signature value is time-stamped (RFC 3161). */
    public PadesSigner(TimestampAuthorityClient timestamps) {
        this.timestamps = timestamps;
    }

    public byte[] sign(byte[] pdf, SigningIdentity identity, String signerName, String reason, Instant signingTime)
            throws IOException, GeneralSecurityException {
        try (PDDocument document = Loader.loadPDF(pdf)) {
            PDSignature signature = new PDSignature();
            signature.setFilter(PDSignature.FILTER_ADOBE_PPKLITE);
            signature.setSubFilter(PDSignature.SUBFILTER_ETSI_CADES_DETACHED);
            signature.setName(signerName);
            signature.setReason(reason);
            signature.setSignDate(GregorianCalendar.from(signingTime.atZone(ZoneOffset.UTC)));
            SignatureOptions options = new SignatureOptions();
            options.setPreferredSignatureSize(SIGNATURE_SPACE);
            document.addSignature(signature, options);
            ByteArrayOutputStream out = new ByteArrayOutputStream(pdf.length + SIGNATURE_SPACE * 2 + 4096);
            ExternalSigningSupport external = document.saveIncrementalForExternalSigning(out);
            external.setSignature(cms(external.getContent(), identity, timestamps));
            options.close();
            return out.toByteArray();
        }
    }

    static byte[] cms(InputStream signedContent, SigningIdentity identity, TimestampAuthorityClient timestamps)
            throws IOException, GeneralSecurityException {
        X509Certificate certificate = identity.certificate();
        try {
            CMSSignedDataGenerator generator = new CMSSignedDataGenerator();
            generator.addSignerInfoGenerator(new JcaSignerInfoGeneratorBuilder(new JcaDigestCalculatorProviderBuilder().build())
                    .setSignedAttributeGenerator(padesAttributes(certificate))
                    .build(new JcaContentSignerBuilder(algorithm(identity)).build(identity.privateKey()), certificate));
            generator.addCertificates(new JcaCertStore(identity.chain()));
            CMSSignedData signed = generator.generate(new CMSProcessableByteArray(signedContent.readAllBytes()), false);
            if (timestamps != null) {
                signed = withSignatureTimestamp(signed, timestamps);
            }
            return signed.getEncoded();
        } catch (OperatorCreationException | CMSException e) {
            throw new GeneralSecurityException("cannot build the CMS signature", e);
        }
    }

    /** Adds the TSA's token over the signature value as the unsigned signature-time-stamp attribute. */
    private static CMSSignedData withSignatureTimestamp(CMSSignedData signed, TimestampAuthorityClient timestamps)
            throws IOException, GeneralSecurityException {
        List<SignerInformation> signers = new ArrayList<>();
        for (SignerInformation signer : signed.getSignerInfos().getSigners()) {
            TimeStampToken token = timestamps.timestamp(signer.getSignature());
            ASN1EncodableVector unsigned = new ASN1EncodableVector();
            unsigned.add(new Attribute(PKCSObjectIdentifiers.id_aa_signatureTimeStampToken,
                    new DERSet(ASN1Primitive.fromByteArray(token.getEncoded()))));
            signers.add(SignerInformation.replaceUnsignedAttributes(signer, new AttributeTable(unsigned)));
        }
        return CMSSignedData.replaceSigners(signed, new SignerInformationStore(signers));
    }

    private static String algorithm(SigningIdentity identity) {
        return "EC".equals(identity.privateKey().getAlgorithm()) ? "SHA256withECDSA" : "SHA256withRSA";
    }

    /** BouncyCastle's default adds signing-time; PAdES forbids it and requires signing-certificate-v2. */
    private static CMSAttributeTableGenerator padesAttributes(X509Certificate certificate)
            throws CertificateEncodingException, GeneralSecurityException {
        byte[] hash = MessageDigest.getInstance("SHA-256").digest(certificate.getEncoded());
        JcaX509CertificateHolder holder = new JcaX509CertificateHolder(certificate);
        IssuerSerial issuerSerial = new IssuerSerial(new GeneralNames(new GeneralName(holder.getIssuer())),
                holder.getSerialNumber());
        // SHA-256 is ESSCertIDv2's default hash algorithm, so it is left out of the encoding
        Attribute signingCertificate = new Attribute(PKCSObjectIdentifiers.id_aa_signingCertificateV2,
                new DERSet(new SigningCertificateV2(new ESSCertIDv2(hash, issuerSerial))));
        return parameters -> {
            @SuppressWarnings("unchecked")
            AttributeTable table = new DefaultSignedAttributeTableGenerator().getAttributes((Map<String, Object>) parameters)
                    .remove(CMSAttributes.signingTime);
            ASN1EncodableVector v = table.toASN1EncodableVector();
            v.add(signingCertificate);
            return new AttributeTable(v);
        };
    }
}
