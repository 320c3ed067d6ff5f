package org.custodia.reports;

import java.util.List;

import org.custodia.reports.testing.VeraPdf;
import org.verapdf.pdfa.flavours.PDFAFlavour;

/** veraPDF, the stock tool the tests trust for PDF/A conformance (pdfsig, for signatures: {@link org.custodia.reports.testing.Pdfsig}). */
final class PdfTools {

    private PdfTools() {
    }

    /**
     * Failed PDF/A-2a rules (2b's plus structure, Unicode for every glyph, language), as
     * "clause-test: description" (empty when compliant).
     */
    static List<String> pdfA2aFailures(byte[] pdf) throws Exception {
        return VeraPdf.failures(pdf, PDFAFlavour.PDFA_2_A);
    }
}
