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
}
