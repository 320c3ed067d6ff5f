package org.custodia.reports.pdf;

import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.font.PDFont;
import org.apache.pdfbox.pdmodel.font.PDType0Font;

/**
 * The fonts of a report, embedded (subset) as PDF/A requires: DejaVu Sans for Latin, Greek and Cyrillic,
 * Noto Sans Devanagari for Hindi, Marathi, Nepali and Sanskrit. Text is split into runs, each set in the
 * first font that has glyphs for it; a character no font covers is printed as '?', never as .notdef.
 */
final class ReportFonts {

    record Run(PDFont font, String text) {
    }

    private final PDFont latin;
    private final PDFont devanagari;
    private final PDFont latinBold;
    private final PDFont devanagariBold;
    private final Map<PDFont, Map<Integer, Boolean>> coverage = new HashMap<>();

    ReportFonts(PDDocument document) throws IOException {
        latin = load(document, "DejaVuSans.ttf");
        latinBold = load(document, "DejaVuSans-Bold.ttf");
        devanagari = load(document, "NotoSansDevanagari-Regular.ttf");
        devanagariBold = load(document, "NotoSansDevanagari-Bold.ttf");
    }

    private static PDFont load(PDDocument document, String file) throws IOException {
        try (InputStream in = ReportFonts.class.getResourceAsStream("/org/custodia/reports/fonts/" + file)) {
            if (in == null) {
                throw new IOException("font " + file + " is missing from the reports jar");
            }
            return PDType0Font.load(document, in, true);
        }
    }

    List<Run> runs(String text, boolean bold) throws IOException {
        PDFont primary = bold ? latinBold : latin;
        PDFont secondary = bold ? devanagariBold : devanagari;
        List<Run> runs = new ArrayList<>();
        StringBuilder current = new StringBuilder();
        PDFont currentFont = null;
        for (int i = 0; i < text.length(); ) {
            int cp = text.codePointAt(i);
            i += Character.charCount(cp);
            String ch = new String(Character.toChars(cp));
            PDFont font;
            if (isDevanagari(cp) && covers(secondary, cp, ch)) {
                font = secondary;
            } else if (covers(primary, cp, ch)) {
                font = primary;
            } else if (covers(secondary, cp, ch)) {
                font = secondary;
            } else {
                font = primary;
                ch = "?";
            }
            // combining marks and joiners stay with the run they modify (shaping needs the whole syllable)
            if (currentFont != null && font != currentFont && Character.getType(cp) == Character.NON_SPACING_MARK) {
                font = currentFont;
            }
            if (font != currentFont && current.length() > 0) {
                runs.add(new Run(currentFont, current.toString()));
                current.setLength(0);
            }
            currentFont = font;
            current.append(ch);
        }
        if (current.length() > 0) {
            runs.add(new Run(currentFont, current.toString()));
        }
        return runs;
    }

    float width(String text, boolean bold, float size) throws IOException {
        float width = 0;
        for (Run run : runs(text, bold)) {
            width += run.font().getStringWidth(run.text()) / 1000 * size;
        }
        return width;
    }

    private static boolean isDevanagari(int cp) {
        return (cp >= 0x0900 && cp <= 0x097F) || (cp >= 0xA8E0 && cp <= 0xA8FF) || cp == 0x200C || cp == 0x200D;
    }

    private boolean covers(PDFont font, int cp, String ch) {
        return coverage.computeIfAbsent(font, f -> new HashMap<>()).computeIfAbsent(cp, c -> {
            try {
                font.encode(ch);
                return true;
            } catch (IOException | IllegalArgumentException e) {
                return false;
            }
        });
    }
}
