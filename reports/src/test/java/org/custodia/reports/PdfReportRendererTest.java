package org.custodia.reports;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;

import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.font.PDFont;
import org.apache.pdfbox.pdmodel.PDPage;
import org.apache.pdfbox.text.PDFTextStripper;
import org.custodia.reports.model.Report;
import org.custodia.reports.pdf.PdfReportRenderer;
import org.junit.jupiter.api.Test;

class PdfReportRendererTest {

    private final PdfReportRenderer renderer = new PdfReportRenderer();

    @Test
    void aMultiPageReportWithDevanagariIsPdfA2aCompliant() throws Exception {
        byte[] pdf = renderer.render(SampleReports.consentSummary(120));
        assertThat(PdfTools.pdfA2aFailures(pdf)).isEmpty();
    }

    @Test
    void everyPageHasTenantReportIdGenerationTimeAndPageXOfY() throws Exception {
        byte[] pdf = renderer.render(SampleReports.consentSummary(120));
        try (PDDocument document = Loader.loadPDF(pdf)) {
            int pages = document.getNumberOfPages();
            assertThat(pages).isGreaterThan(2);
            PDFTextStripper stripper = new PDFTextStripper();
            for (int page = 1; page <= pages; page++) {
                stripper.setStartPage(page);
                stripper.setEndPage(page);
                String text = stripper.getText(document);
                assertThat(text).contains("Acme Retail Pvt. Ltd.", "Report rpt-0001",
                        "Generated 2026-11-23 10:30:00 UTC", "Page " + page + "/" + pages);
            }
            // the long table goes on with its header on every page
            stripper.setStartPage(pages);
            stripper.setEndPage(pages);
            assertThat(stripper.getText(document)).contains("Purpose", "Withdrawals", "purpose-120");
        }
    }

    @Test
    void allFontsAreEmbeddedAndDevanagariUsesItsOwnFont() throws Exception {
        byte[] pdf = renderer.render(SampleReports.consentSummary(3));
        try (PDDocument document = Loader.loadPDF(pdf)) {
            List<String> fonts = new java.util.ArrayList<>();
            for (PDPage page : document.getPages()) {
                for (var name : page.getResources().getFontNames()) {
                    PDFont font = page.getResources().getFont(name);
                    assertThat(font.isEmbedded()).as(font.getName()).isTrue();
                    fonts.add(font.getName());
                }
            }
            assertThat(fonts).anyMatch(n -> n.contains("NotoSansDevanagari")).anyMatch(n -> n.contains("DejaVuSans"));
            assertThat(document.getDocumentInformation().getTitle()).isEqualTo("Consent summary — सहमति सारांश");
        }
    }

    @Test
    void charactersNoFontCoversBecomeQuestionMarksInsteadOfBreakingConformance() throws Exception {
        Report report = new Report("Han 中文", "T", "r-2", SampleReports.GENERATED,
                List.of(new Report.Paragraph("Unsupported: 中文 — still PDF/A")));
        byte[] pdf = renderer.render(report);
        assertThat(PdfTools.pdfA2aFailures(pdf)).isEmpty();
        try (PDDocument document = Loader.loadPDF(pdf)) {
            assertThat(new PDFTextStripper().getText(document)).contains("Unsupported: ?? — still PDF/A");
        }
    }

    @Test
    void aReportIsInEnglishUnlessGivenAnotherLanguageTag() {
        Report report = SampleReports.consentSummary(1);
        assertThat(report.language()).isEqualTo("en");
        assertThat(report.withLanguage("hi-IN").language()).isEqualTo("hi-IN");
        assertThatThrownBy(() -> report.withLanguage("Hindi (India)")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> report.withLanguage(null)).isInstanceOf(IllegalArgumentException.class);
    }
}
