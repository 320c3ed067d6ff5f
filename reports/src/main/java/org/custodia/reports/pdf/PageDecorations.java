package org.custodia.reports.pdf;

import java.io.IOException;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;

import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDPage;
import org.apache.pdfbox.pdmodel.PDPageContentStream;
import org.custodia.reports.model.Report;

/**
 * The running header (tenant, report id) and footer (generation time, page x/y) of every page, placed by
 * the page's own size (portrait or landscape) and marked as pagination artifacts: they repeat on every
 * page, so a screen reader leaves them out of the text.
 */
final class PageDecorations {

    private static final DateTimeFormatter STAMP = DateTimeFormatter.ofPattern("uuuu-MM-dd HH:mm:ss 'UTC'")
            .withZone(ZoneOffset.UTC);
    private static final float SIZE = 8;

    private PageDecorations() {
    }

    static void add(PDDocument document, ReportFonts fonts, StructureTagger tagger, Report report) throws IOException {
        int total = document.getNumberOfPages();
        int number = 0;
        String id = "Report " + report.reportId();
        String generated = "Generated " + STAMP.format(report.generatedAt());
        for (PDPage page : document.getPages()) {
            number++;
            String pageOf = "Page " + number + "/" + total;
            float left = PageFlow.MARGIN;
            float right = page.getMediaBox().getWidth() - PageFlow.MARGIN;
            float top = page.getMediaBox().getHeight() - 40;
            try (PDPageContentStream content = new PDPageContentStream(document, page,
                    PDPageContentStream.AppendMode.APPEND, true, true)) {
                tagger.pagination(content, "Header", () -> {
                    Text.show(content, fonts, report.tenantLabel(), left, top, false, SIZE);
                    Text.show(content, fonts, id, right - fonts.width(id, false, SIZE), top, false, SIZE);
                });
                tagger.pagination(content, "Footer", () -> {
                    Text.show(content, fonts, generated, left, 35, false, SIZE);
                    Text.show(content, fonts, pageOf, right - fonts.width(pageOf, false, SIZE), 35, false, SIZE);
                });
            }
        }
    }
}
