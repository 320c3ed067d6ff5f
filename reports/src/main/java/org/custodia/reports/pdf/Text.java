package org.custodia.reports.pdf;

import java.io.IOException;
import java.util.List;

import org.apache.pdfbox.cos.COSDictionary;
import org.apache.pdfbox.cos.COSName;
import org.apache.pdfbox.cos.COSString;
import org.apache.pdfbox.pdmodel.PDPageContentStream;
import org.apache.pdfbox.pdmodel.documentinterchange.markedcontent.PDPropertyList;

/** Shows one line of mixed-script text as consecutive runs, each in the font that covers it. */
final class Text {

    private static final COSName SPAN = COSName.getPDFName("Span");

    private Text() {
    }

    static void show(PDPageContentStream content, ReportFonts fonts, String line, float x, float baseline,
                     boolean bold, float size) throws IOException {
        if (line.isEmpty()) {
            return;
        }
        List<ReportFonts.Run> runs = fonts.runs(line, bold);
        // Shaping draws Devanagari in visual order (a vowel sign such as ि before its consonant), which is
        // what the glyphs' Unicode then says; the line's ActualText gives readers the logical order.
        boolean reordered = hasDevanagari(line);
        if (reordered) {
            StringBuilder shown = new StringBuilder();
            runs.forEach(run -> shown.append(run.text()));
            COSDictionary properties = new COSDictionary();
            properties.setItem(COSName.ACTUAL_TEXT, new COSString(shown.toString()));
            content.beginMarkedContent(SPAN, PDPropertyList.create(properties));
        }
        content.beginText();
        content.newLineAtOffset(x, baseline);
        for (ReportFonts.Run run : runs) {
            content.setFont(run.font(), size);
            content.showText(run.text());
        }
        content.endText();
        if (reordered) {
            content.endMarkedContent();
        }
    }

    private static boolean hasDevanagari(String line) {
        for (int i = 0; i < line.length(); i++) {
            char c = line.charAt(i);
            if (c >= 0x0900 && c <= 0x097F) {
                return true;
            }
        }
        return false;
    }
}
