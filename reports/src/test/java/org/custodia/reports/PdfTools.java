package org.custodia.reports;

import java.io.ByteArrayInputStream;
import java.util.List;

import org.verapdf.gf.foundry.VeraGreenfieldFoundryProvider;
import org.verapdf.pdfa.Foundries;
import org.verapdf.pdfa.PDFAParser;
import org.verapdf.pdfa.PDFAValidator;
import org.verapdf.pdfa.flavours.PDFAFlavour;
import org.verapdf.pdfa.results.TestAssertion;
import org.verapdf.pdfa.results.ValidationResult;

/** veraPDF, the stock tool the tests trust for PDF/A conformance (pdfsig, for signatures: {@link org.custodia.reports.testing.Pdfsig}). */
final class PdfTools {

    static {
        VeraGreenfieldFoundryProvider.initialise();
    }

    private PdfTools() {
    }

    /**
     * Failed PDF/A-2a rules (2b's plus structure, Unicode for every glyph, language), as
     * "clause-test: description" (empty when compliant).
     */
    static List<String> pdfA2aFailures(byte[] pdf) throws Exception {
        PDFAFlavour flavour = PDFAFlavour.PDFA_2_A;
        try (PDFAParser parser = Foundries.defaultInstance().createParser(new ByteArrayInputStream(pdf), flavour);
             PDFAValidator validator = Foundries.defaultInstance().createValidator(flavour, false)) {
            ValidationResult result = validator.validate(parser);
            if (result.getPDFAFlavour() != flavour) {
                return List.of("validated as " + result.getPDFAFlavour() + ", not " + flavour);
            }
            List<String> failures = result.getTestAssertions().stream()
                    .filter(a -> a.getStatus() == TestAssertion.Status.FAILED)
                    .map(a -> a.getRuleId().getClause() + "-" + a.getRuleId().getTestNumber() + ": " + a.getMessage())
                    .distinct().toList();
            if (!result.isCompliant() && failures.isEmpty()) {
                return List.of("not compliant");
            }
            return failures;
        }
    }
}
