package org.custodia.reports;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

import org.custodia.reports.pdf.PdfReportRenderer;
import org.custodia.reports.signing.PadesSigner;
import org.custodia.reports.signing.PadesVerifier;
import org.custodia.reports.signing.SelfSignedIdentities;
import org.custodia.reports.signing.SigningIdentity;
import org.custodia.reports.testing.Pdfsig;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** PAdES B-B signatures, judged by poppler's pdfsig and veraPDF (PDF/A-2a) as well as by our own verifier. */
class PadesSignerTest {

    static SigningIdentity identity;
    static byte[] signed;
    static final String CHECKPOINT = "{\"headSeq\":1042,\"headHash\":\"49fc\"}";
    static final Instant SIGNED_AT = Instant.parse("2026-11-23T10:31:00Z");

    @BeforeAll
    static void signASampleReport() throws Exception {
        identity = SelfSignedIdentities.generate("Acme Retail Pvt. Ltd.", "Custodia report signing", Duration.ofDays(3650));
        byte[] pdf = new PdfReportRenderer().render(SampleReports.consentSummary(60), CHECKPOINT);
        signed = new PadesSigner().sign(pdf, identity, "Custodia", "Audit evidence", SIGNED_AT);
    }

    @Test
    void pdfsigFindsAValidCadesSignatureOverTheWholeDocument() throws Exception {
        String report = Pdfsig.report(signed);
        assertThat(report).contains("Signature Type: ETSI.CAdES.detached")
                .contains("Signature Validation: Signature is Valid.")
                .contains("Total document signed")
                .contains("Acme Retail Pvt. Ltd.");
    }

    @Test
    void theSignedDocumentIsStillPdfA2a() throws Exception {
        assertThat(PdfTools.pdfA2aFailures(signed)).isEmpty();
    }

    @Test
    void signingKeepsTheStructureTreeOfATaggedReport() throws Exception {
        byte[] pdf = new PdfReportRenderer().render(SampleReports.everyBlock());
        byte[] signedTagged = new PadesSigner().sign(pdf, identity, "Custodia", "Audit evidence", SIGNED_AT);
        assertThat(PdfTools.pdfA2aFailures(signedTagged)).isEmpty();
        try (var before = org.apache.pdfbox.Loader.loadPDF(pdf);
             var after = org.apache.pdfbox.Loader.loadPDF(signedTagged)) {
            StructureReader.Element unsigned = StructureReader.documentOf(before);
            StructureReader.Element withSignature = StructureReader.documentOf(after);
            assertThat(withSignature.kidTypes()).isEqualTo(unsigned.kidTypes());
            assertThat(withSignature.text()).isEqualTo(unsigned.text());
        }
    }

    @Test
    void oneAlteredByteInvalidatesTheSignature() throws Exception {
        byte[] tampered = signed.clone();
        // one byte of the report itself, before the signature's reserved /Contents
        int at = new String(signed, java.nio.charset.StandardCharsets.ISO_8859_1).lastIndexOf("/Contents <") / 2;
        assertThat(at).isPositive();
        tampered[at] = (byte) (tampered[at] ^ 0x01);
        assertThat(Pdfsig.report(tampered)).doesNotContain("Signature is Valid.").contains("Digest Mismatch");
        List<PadesVerifier.SignatureCheck> checks = new PadesVerifier().verify(tampered);
        assertThat(checks).hasSize(1);
        assertThat(checks.get(0).valid()).isFalse();
    }

    @Test
    void ourVerifierAgreesAndSeesTheBaselineAttributes() throws Exception {
        List<PadesVerifier.SignatureCheck> checks = new PadesVerifier().verify(signed);
        assertThat(checks).hasSize(1);
        PadesVerifier.SignatureCheck check = checks.get(0);
        assertThat(check.valid()).as(check.problem()).isTrue();
        assertThat(check.coversWholeDocument()).isTrue();
        assertThat(check.padesBaselineAttributes()).as("signing-certificate-v2, no CMS signing-time").isTrue();
        assertThat(check.subFilter()).isEqualTo("ETSI.CAdES.detached");
        assertThat(check.signingTime()).isEqualTo(SIGNED_AT);
        assertThat(check.certificate()).isEqualTo(identity.certificate());
    }

    @Test
    void theEmbeddedCheckpointSurvivesSigningAndKeepsPdfA() throws Exception {
        try (var document = org.apache.pdfbox.Loader.loadPDF(signed)) {
            assertThat(PdfReportRenderer.checkpointOf(document)).isEqualTo(CHECKPOINT);
        }
    }

    @Test
    void bytesAppendedAfterSigningAreNotCoveredBySignature() throws Exception {
        byte[] appended = java.util.Arrays.copyOf(signed, signed.length + 12);
        System.arraycopy("\n% appended".getBytes(), 0, appended, signed.length, 11);
        PadesVerifier.SignatureCheck check = new PadesVerifier().verify(appended).get(0);
        assertThat(check.valid()).isTrue();
        assertThat(check.coversWholeDocument()).isFalse();
        assertThat(Pdfsig.report(appended)).doesNotContain("Total document signed");
    }

    @Test
    void aByteRangeLeavingMoreThanTheSignatureValueUnsignedDoesNotCoverTheWholeDocument() throws Exception {
        String text = new String(signed, java.nio.charset.StandardCharsets.ISO_8859_1);
        var m = java.util.regex.Pattern.compile("/ByteRange\\s*\\[0 (\\d+) (\\d+) (\\d+)\\s*\\]").matcher(text);
        assertThat(m.find()).isTrue();
        long start = Long.parseLong(m.group(1));
        // the gap now also spans 20 bytes before the signature value: unsigned bytes a reader would still parse
        StringBuilder widened = new StringBuilder("/ByteRange [0 " + (start - 20) + " " + m.group(2) + " " + m.group(3));
        while (widened.length() < m.group().length() - 1) {
            widened.append(' ');
        }
        widened.append(']');
        byte[] wrapped = (text.substring(0, m.start()) + widened + text.substring(m.end()))
                .getBytes(java.nio.charset.StandardCharsets.ISO_8859_1);
        assertThat(wrapped).hasSameSizeAs(signed);
        PadesVerifier.SignatureCheck check = new PadesVerifier().verify(wrapped).get(0);
        assertThat(check.coversWholeDocument()).isFalse();
        assertThat(new PadesVerifier().verify(signed).get(0).coversWholeDocument()).isTrue();
    }

    @Test
    void withATimestampAuthorityTheSignatureIsPadesBT() throws Exception {
        try (LocalTimestampAuthority tsa = new LocalTimestampAuthority()) {
            byte[] pdf = new PdfReportRenderer().render(SampleReports.consentSummary(5));
            Instant before = Instant.now().minusSeconds(1);
            byte[] stamped = new PadesSigner(new org.custodia.reports.signing.TimestampAuthorityClient(tsa.url()))
                    .sign(pdf, identity, "Custodia", "Audit evidence", SIGNED_AT);
            assertThat(tsa.requests.get()).isEqualTo(1);
            PadesVerifier.SignatureCheck check = new PadesVerifier().verify(stamped).get(0);
            assertThat(check.valid()).as(check.problem()).isTrue();
            assertThat(check.timestampTime()).isNotNull().isAfter(before).isBefore(Instant.now().plusSeconds(1));
            assertThat(Pdfsig.report(stamped)).contains("Signature Validation: Signature is Valid.", "Total document signed");
            assertThat(PdfTools.pdfA2aFailures(stamped)).isEmpty();
        }
        // B-B carries no time-stamp
        assertThat(new PadesVerifier().verify(signed).get(0).timestampTime()).isNull();
    }
}
