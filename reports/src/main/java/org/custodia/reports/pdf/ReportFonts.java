package org.custodia.reports.pdf;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import org.apache.fontbox.ttf.TTFParser;
import org.apache.fontbox.ttf.TrueTypeFont;
import org.apache.pdfbox.io.RandomAccessReadBuffer;
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

    /** One font file: the PDFBox font of this document, and what the file tells of its glyphs. */
    private record Face(PDType0Font font, GlyphMetrics metrics) {
    }

    // Latin, Greek and Cyrillic need no shaping: DejaVu's ligatures are cosmetic (and an "ﬁ" glyph is worse
    // for search), while PDFBox 3.0 rebuilds a regex splitter for them on every showText, half the time of
    // a long table. Devanagari is shaped: conjuncts, half forms and vowel sign order need it.
    private static final GlyphMetrics LATIN = new GlyphMetrics("DejaVuSans.ttf", false);
    private static final GlyphMetrics LATIN_BOLD = new GlyphMetrics("DejaVuSans-Bold.ttf", false);
    private static final GlyphMetrics DEVANAGARI = new GlyphMetrics("NotoSansDevanagari-Regular.ttf", true);
    private static final GlyphMetrics DEVANAGARI_BOLD = new GlyphMetrics("NotoSansDevanagari-Bold.ttf", true);

    private final Face latin;
    private final Face latinBold;
    private final Face devanagari;
    private final Face devanagariBold;

    ReportFonts(PDDocument document) throws IOException {
        latin = load(document, LATIN);
        latinBold = load(document, LATIN_BOLD);
        devanagari = load(document, DEVANAGARI);
        devanagariBold = load(document, DEVANAGARI_BOLD);
    }

    private static Face load(PDDocument document, GlyphMetrics metrics) throws IOException {
        TrueTypeFont program = new TTFParser().parse(new RandomAccessReadBuffer(metrics.program()));
        document.registerTrueTypeFontForClosing(program);
        program.setEnableGsub(metrics.shaped);
        return new Face(PDType0Font.load(document, program, true), metrics);
    }

    /** The fonts this report may use, with the file each came from. */
    List<PDType0Font> all() {
        return List.of(latin.font, latinBold.font, devanagari.font, devanagariBold.font);
    }

    /** The resource file of a font of {@link #all()}. */
    String fileOf(PDType0Font font) {
        for (Face face : List.of(latin, latinBold, devanagari, devanagariBold)) {
            if (face.font == font) {
                return face.metrics.file;
            }
        }
        throw new IllegalArgumentException("not a report font: " + font.getName());
    }

    List<Run> runs(String text, boolean bold) {
        List<Run> runs = new ArrayList<>();
        StringBuilder current = new StringBuilder();
        Face currentFace = null;
        for (int i = 0; i < text.length(); ) {
            int cp = text.codePointAt(i);
            i += Character.charCount(cp);
            Face face = faceFor(cp, bold, currentFace);
            if (face != currentFace && current.length() > 0) {
                runs.add(new Run(currentFace.font, current.toString()));
                current.setLength(0);
            }
            currentFace = face;
            if (face.metrics.covers(face.font, cp)) {
                current.appendCodePoint(cp);
            } else {
                current.append('?');
            }
        }
        if (current.length() > 0) {
            runs.add(new Run(currentFace.font, current.toString()));
        }
        return runs;
    }

    /**
     * The advance width of a line, without shaping (as PDFBox measures). Hot: tables measure every word
     * of every cell, so advances are cached per font file and no run is built.
     */
    float width(String text, boolean bold, float size) {
        float units = 0;
        Face current = null;
        for (int i = 0; i < text.length(); ) {
            int cp = text.codePointAt(i);
            i += Character.charCount(cp);
            current = faceFor(cp, bold, current);
            units += current.metrics.advance(current.font, current.metrics.covers(current.font, cp) ? cp : '?');
        }
        return units / 1000 * size;
    }

    private Face faceFor(int cp, boolean bold, Face previous) {
        Face primary = bold ? latinBold : latin;
        Face secondary = bold ? devanagariBold : devanagari;
        Face face;
        if (isDevanagari(cp) && secondary.metrics.covers(secondary.font, cp)) {
            face = secondary;
        } else if (primary.metrics.covers(primary.font, cp)) {
            face = primary;
        } else if (secondary.metrics.covers(secondary.font, cp)) {
            face = secondary;
        } else {
            face = primary; // shown as '?'
        }
        // combining marks and joiners stay with the run they modify (shaping needs the whole syllable)
        if (previous != null && face != previous && Character.getType(cp) == Character.NON_SPACING_MARK) {
            face = previous;
        }
        return face;
    }

    private static boolean isDevanagari(int cp) {
        return (cp >= 0x0900 && cp <= 0x097F) || (cp >= 0xA8E0 && cp <= 0xA8FF) || cp == 0x200C || cp == 0x200D;
    }

    /**
     * What one font file says of a code point: whether it has a glyph and its advance width (1/1000 em).
     * Shared by all documents, as the file is; races only compute the same value twice.
     */
    private static final class GlyphMetrics {
        private static final byte UNKNOWN = 0;
        private static final byte COVERED = 1;
        private static final byte MISSING = 2;

        final String file;
        /** Whether text in this font goes through its glyph substitutions (GSUB). */
        final boolean shaped;
        private final byte[] coverage = new byte[0x10000];
        private final float[] advances = new float[0x10000];

        private volatile byte[] program;

        GlyphMetrics(String file, boolean shaped) {
            this.file = file;
            this.shaped = shaped;
            Arrays.fill(advances, Float.NaN);
        }

        /** The font file, read from the jar once. */
        byte[] program() throws IOException {
            byte[] bytes = program;
            if (bytes == null) {
                try (InputStream in = ReportFonts.class.getResourceAsStream("/org/custodia/reports/fonts/" + file)) {
                    if (in == null) {
                        throw new IOException("font " + file + " is missing from the reports jar");
                    }
                    bytes = in.readAllBytes();
                }
                program = bytes;
            }
            return bytes;
        }

        boolean covers(PDFont font, int cp) {
            byte known = cp < coverage.length ? coverage[cp] : UNKNOWN;
            if (known != UNKNOWN) {
                return known == COVERED;
            }
            boolean covered;
            try {
                font.encode(new String(Character.toChars(cp)));
                covered = true;
            } catch (IOException | IllegalArgumentException e) {
                covered = false;
            }
            if (cp < coverage.length) {
                coverage[cp] = covered ? COVERED : MISSING;
            }
            return covered;
        }

        float advance(PDFont font, int cp) {
            float known = cp < advances.length ? advances[cp] : Float.NaN;
            if (!Float.isNaN(known)) {
                return known;
            }
            float advance;
            try {
                advance = font.getStringWidth(new String(Character.toChars(cp)));
            } catch (IOException e) {
                throw new UncheckedIOException("cannot measure U+" + Integer.toHexString(cp) + " in " + file, e);
            }
            if (cp < advances.length) {
                advances[cp] = advance;
            }
            return advance;
        }
    }
}
