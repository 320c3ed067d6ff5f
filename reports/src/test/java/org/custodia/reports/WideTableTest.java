package org.custodia.reports;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDPage;
import org.apache.pdfbox.text.PDFTextStripper;
import org.apache.pdfbox.text.TextPosition;
import org.custodia.reports.model.Report;
import org.custodia.reports.pdf.PdfReportRenderer;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The audit export's table: six columns of identifiers, too wide for portrait, never broken letter by letter. */
class WideTableTest {

    static final List<SampleReports.AuditRow> ROWS = SampleReports.auditRows(40);
    static byte[] pdf;

    @BeforeAll
    static void render() throws Exception {
        pdf = new PdfReportRenderer().render(SampleReports.auditExport(ROWS,
                new Report.Paragraph("Paragraphs after the table are back on portrait pages.")));
    }

    @Test
    void itIsPdfA2a() throws Exception {
        assertThat(PdfTools.pdfA2aFailures(pdf)).isEmpty();
    }

    @Test
    void theTableIsSetOnLandscapePagesBetweenPortraitOnes() throws Exception {
        try (PDDocument document = Loader.loadPDF(pdf)) {
            List<Boolean> landscape = new ArrayList<>();
            for (PDPage page : document.getPages()) {
                landscape.add(page.getMediaBox().getWidth() > page.getMediaBox().getHeight());
            }
            assertThat(landscape.get(0)).as("title and introduction").isFalse();
            assertThat(landscape.get(landscape.size() - 1)).as("the paragraph after the table").isFalse();
            assertThat(landscape.subList(1, landscape.size() - 1)).isNotEmpty().containsOnly(true);
            PDFTextStripper stripper = new PDFTextStripper();
            stripper.setStartPage(2);
            stripper.setEndPage(2);
            assertThat(stripper.getText(document)).contains("Seq", "Hash", ROWS.get(0).entityId());
        }
    }

    @Test
    void aHeadingRightBeforeAWideTableGoesWithItOntoTheLandscapePage() throws Exception {
        Report report = new Report("Audit log export", "Acme", "rpt-h", SampleReports.GENERATED, List.of(
                new Report.Paragraph("Introduction."),
                new Report.Heading("Events of November"),
                SampleReports.auditExport(ROWS.subList(0, 3)).blocks().get(1)));
        try (PDDocument document = Loader.loadPDF(new PdfReportRenderer().render(report))) {
            assertThat(document.getNumberOfPages()).isEqualTo(2);
            PDFTextStripper stripper = new PDFTextStripper();
            stripper.setStartPage(2);
            stripper.setEndPage(2);
            PDPage second = document.getPage(1);
            assertThat(second.getMediaBox().getWidth()).isGreaterThan(second.getMediaBox().getHeight());
            assertThat(stripper.getText(document)).contains("Events of November", "Seq");
        }
    }

    @Test
    void theFooterFollowsTheRightEdgeOfALandscapePage() throws Exception {
        try (PDDocument document = Loader.loadPDF(pdf)) {
            int pages = document.getNumberOfPages();
            float pageRight = document.getPage(1).getMediaBox().getWidth();
            float footerRight = rightEdgeOf(document, 2, "Page 2/" + pages);
            assertThat(footerRight).isBetween(pageRight - 55, pageRight - 45);
            float portraitRight = rightEdgeOf(document, 1, "Page 1/" + pages);
            assertThat(portraitRight).isBetween(595 - 55f, 595 - 45f);
        }
    }

    @Test
    void everyUuidStaysOnOneLineAndHashesSplitOnlyIntoGroupsOfSixteen() throws Exception {
        String text;
        try (PDDocument document = Loader.loadPDF(pdf)) {
            text = new PDFTextStripper().getText(document);
        }
        List<String> lines = text.lines().toList();
        for (SampleReports.AuditRow row : ROWS) {
            assertThat(lines).as("entity " + row.entityId()).anyMatch(l -> l.contains(row.entityId()));
            assertThat(lines).as("actor " + row.actorId()).anyMatch(l -> l.contains(row.actorId()));
            assertThat(text.replaceAll("\\s", "")).contains(row.hash());
        }
        Matcher hex = Pattern.compile("[0-9a-f]{8,}").matcher(text);
        int hashCharacters = 0;
        while (hex.find()) {
            String piece = hex.group();
            if (piece.length() < 13) {
                continue; // a UUID's longest group has 12
            }
            assertThat(piece.length() % 16).as(piece + " is whole groups of 16").isZero();
            assertThat(ROWS).as(piece + " is a run of groups of a hash")
                    .anyMatch(r -> r.hash().indexOf(piece) >= 0 && r.hash().indexOf(piece) % 16 == 0);
            hashCharacters += piece.length();
        }
        assertThat(hashCharacters).isEqualTo(64 * ROWS.size());
    }

    /** Where the text ends on a page, in points from the left. */
    private static float rightEdgeOf(PDDocument document, int page, String text) throws IOException {
        float[] right = {Float.NaN};
        PDFTextStripper stripper = new PDFTextStripper() {
            @Override
            protected void writeString(String string, List<TextPosition> positions) throws IOException {
                if (string.contains(text)) {
                    TextPosition last = positions.get(string.indexOf(text) + text.length() - 1);
                    right[0] = last.getXDirAdj() + last.getWidthDirAdj();
                }
                super.writeString(string, positions);
            }
        };
        stripper.setStartPage(page);
        stripper.setEndPage(page);
        stripper.getText(document);
        assertThat(right[0]).as(text + " on page " + page).isNotNaN();
        return right[0];
    }
}
