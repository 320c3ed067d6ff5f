package org.custodia.reports.pdf;

import java.io.IOException;

import org.apache.pdfbox.pdmodel.PDPageContentStream;

/** Shows one line of mixed-script text as consecutive runs, each in the font that covers it. */
final class Text {

    private Text() {
    }

    static void show(PDPageContentStream content, ReportFonts fonts, String line, float x, float baseline,
                     boolean bold, float size) throws IOException {
        if (line.isEmpty()) {
            return;
        }
        content.beginText();
        content.newLineAtOffset(x, baseline);
        for (ReportFonts.Run run : fonts.runs(line, bold)) {
            content.setFont(run.font(), size);
            content.showText(run.text());
        }
        content.endText();
    }
}
