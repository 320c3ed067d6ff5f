package org.custodia.bench;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.custodia.reports.testing.VeraPdf;
import org.verapdf.pdfa.flavours.PDFAFlavour;

/** veraPDF's PDF/A-2a profile over a file: prints "PDF/A-2a: compliant" or the failed rules, and exits 1 on failure. */
public final class RegisterPdfCheck {

    private RegisterPdfCheck() {
    }

    public static void main(String[] args) throws Exception {
        List<String> failures = VeraPdf.failures(Files.readAllBytes(Path.of(args[0])), PDFAFlavour.PDFA_2_A);
        if (failures.isEmpty()) {
            System.out.println("PDF/A-2a: compliant");
            return;
        }
        failures.forEach(f -> System.out.println("PDF/A-2a failure: " + f));
        System.exit(1);
    }
}
