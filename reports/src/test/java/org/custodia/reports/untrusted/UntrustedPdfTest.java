package org.custodia.reports.untrusted;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.custodia.reports.model.Report;
import org.custodia.reports.pdf.PdfReportRenderer;
import org.custodia.reports.signing.PadesSigner;
import org.custodia.reports.signing.PadesVerifier;
import org.custodia.reports.signing.SelfSignedIdentities;
import org.junit.jupiter.api.Test;

/** Untrusted PDFs are read within budgets: a Flate bomb is refused before it fills the heap. */
class UntrustedPdfTest {

    @Test
    void aFlateBombIsRefusedAsTooLargeWithoutInflatingIt() throws Exception {
        // 4 GiB once inflated, from under 200 KB
        byte[] bomb = HostilePdfs.flateBomb(4L * 1024 * 1024 * 1024);
        assertThat(bomb.length).isLessThan(200_000);
        assertThatThrownBy(() -> UntrustedPdf.read(bomb, d -> d.getDocumentCatalog().getCOSObject().toString()))
                .isInstanceOf(UntrustedPdf.TooLarge.class).hasMessageContaining("decoding");
        assertThatThrownBy(() -> new PadesVerifier().verify(bomb)).isInstanceOf(UntrustedPdf.TooLarge.class);
    }

    @Test
    void aSmallObjectStreamIsReadAndTheBudgetEndsWithTheRead() throws Exception {
        byte[] small = HostilePdfs.flateBomb(64 * 1024);
        int pages = UntrustedPdf.read(small, d -> d.getDocumentCatalog().getPages().getCount());
        assertThat(pages).isZero();
        // outside a read nothing is limited: 32 MiB inflate as before
        byte[] big = HostilePdfs.flateBomb(32L * 1024 * 1024);
        try (PDDocument document = Loader.loadPDF(big)) {
            assertThat(document.getDocumentCatalog().getPages().getCount()).isZero();
        }
    }

    @Test
    void aSignedReportReadsWithinTheBudgets() throws Exception {
        var identity = SelfSignedIdentities.generate("Acme", "Custodia report signing", Duration.ofDays(30));
        byte[] pdf = new PdfReportRenderer().render(new Report("Report", "Acme", "r-1", Instant.now(),
                List.of(new Report.Paragraph("Hello."))), "{\"headSeq\":1}");
        byte[] signed = new PadesSigner().sign(pdf, identity, "Acme", "test", Instant.now());
        List<PadesVerifier.SignatureCheck> checks = new PadesVerifier().verify(signed);
        assertThat(checks).singleElement().satisfies(c -> {
            assertThat(c.valid()).isTrue();
            assertThat(c.coversWholeDocument()).isTrue();
        });
        assertThat(UntrustedPdf.read(signed, PdfReportRenderer::checkpointOf)).isEqualTo("{\"headSeq\":1}");
    }

    @Test
    void garbageIsNotAReadablePdf() {
        assertThatThrownBy(() -> UntrustedPdf.read("%PDF-1.7 nothing else".getBytes(), d -> d.getNumberOfPages()))
                .isInstanceOf(java.io.IOException.class).isNotInstanceOf(UntrustedPdf.TooLarge.class);
    }

    @Test
    void aFileDeclaringMillionsOfObjectsIsRefusedBeforeItIsParsed() {
        // an xref stream claiming 20 million one-byte entries, and a classic trailer claiming as many
        String xrefStream = "%PDF-1.7\n1 0 obj\n<< /Type /Catalog >>\nendobj\n2 0 obj\n<< /Type /XRef /W [0 1 0]"
                + " /Index [0 20000000] /Size 3 /Root 1 0 R /Length 0 >>\nstream\n\nendstream\nendobj\nstartxref\n44\n%%EOF\n";
        String trailer = "%PDF-1.7\n1 0 obj\n<< /Type /Catalog >>\nendobj\nxref\n0 2\n0000000000 65535 f\r\n"
                + "0000000009 00000 n\r\ntrailer\n<< /Size 20000000 /Root 1 0 R >>\nstartxref\n44\n%%EOF\n";
        for (String pdf : List.of(xrefStream, trailer)) {
            assertThatThrownBy(() -> UntrustedPdf.read(pdf.getBytes(java.nio.charset.StandardCharsets.ISO_8859_1),
                    d -> d.getNumberOfPages())).isInstanceOf(UntrustedPdf.TooLarge.class).hasMessageContaining("declares");
        }
    }

    @Test
    void aFileOfCountlessTinyObjectsIsRefusedBeforePdfBoxScansThem() {
        // no usable cross-reference table: PDFBox would brute-force scan and map every object header
        StringBuilder pdf = new StringBuilder("%PDF-1.7\n");
        for (int i = 1; i <= UntrustedPdf.MAX_OBJECTS + 1; i++) {
            pdf.append(i).append(" 0 obj null endobj\n");
        }
        pdf.append("%%EOF\n");
        assertThatThrownBy(() -> UntrustedPdf.read(pdf.toString().getBytes(java.nio.charset.StandardCharsets.ISO_8859_1),
                d -> d.getNumberOfPages())).isInstanceOf(UntrustedPdf.TooLarge.class).hasMessageContaining("declares");
    }

    @Test
    void theObjectCountOfAnOrdinaryReportIsItsOwn() throws Exception {
        byte[] pdf = new PdfReportRenderer().render(new Report("Report", "Acme", "r-2", Instant.now(),
                List.of(new Report.Paragraph("Hello."))), "{\"headSeq\":1}");
        long counted = ObjectCountScan.declaredObjects(pdf, UntrustedPdf.MAX_OBJECTS);
        try (PDDocument document = Loader.loadPDF(pdf)) {
            assertThat(counted).isBetween(1L, (long) document.getDocument().getXrefTable().size() + 1);
        }
    }
}
