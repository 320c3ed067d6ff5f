package org.custodia.reports;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.verapdf.gf.foundry.VeraGreenfieldFoundryProvider;
import org.verapdf.pdfa.Foundries;
import org.verapdf.pdfa.PDFAParser;
import org.verapdf.pdfa.PDFAValidator;
import org.verapdf.pdfa.flavours.PDFAFlavour;
import org.verapdf.pdfa.results.TestAssertion;
import org.verapdf.pdfa.results.ValidationResult;

/** The stock tools the tests trust: veraPDF for PDF/A conformance, poppler's pdfsig for signatures. */
final class PdfTools {

    static {
        VeraGreenfieldFoundryProvider.initialise();
    }

    private PdfTools() {
    }

    /** Failed PDF/A-2b rules, as "clause-test: description" (empty when compliant). */
    static List<String> pdfA2bFailures(byte[] pdf) throws Exception {
        try (PDFAParser parser = Foundries.defaultInstance().createParser(new ByteArrayInputStream(pdf), PDFAFlavour.PDFA_2_B);
             PDFAValidator validator = Foundries.defaultInstance().createValidator(PDFAFlavour.PDFA_2_B, false)) {
            ValidationResult result = validator.validate(parser);
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

    /** pdfsig's report on a file; it must be installed (Debian poppler-utils): no silent skipping. */
    static String pdfsig(byte[] pdf) throws IOException, InterruptedException {
        Path file = Files.createTempFile("custodia-", ".pdf");
        try {
            Files.write(file, pdf);
            Process p = new ProcessBuilder("pdfsig", file.toString()).redirectErrorStream(true).start();
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!p.waitFor(60, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                throw new IllegalStateException("pdfsig hung");
            }
            return out;
        } finally {
            Files.deleteIfExists(file);
        }
    }
}
