package org.custodia.reports.pdf;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import org.apache.fontbox.cmap.CMap;
import org.apache.fontbox.cmap.CMapParser;
import org.apache.fontbox.ttf.CmapLookup;
import org.apache.fontbox.ttf.model.GsubData;
import org.apache.fontbox.ttf.model.Language;
import org.apache.fontbox.ttf.model.MapBackedGsubData;
import org.apache.pdfbox.cos.COSArray;
import org.apache.pdfbox.cos.COSInteger;
import org.apache.pdfbox.io.RandomAccessReadBuffer;
import org.junit.jupiter.api.Test;

/** Glyph texts derived from a small made-up font: glyph ids 1-9 with a cmap, 20 and up only by substitution. */
class ToUnicodeCompletionTest {

    static final int KA = 1, VIRAMA = 2, SSA = 3, I_SIGN = 4, F = 5, I = 6, FI = 7;
    static final int HALF_KA = 20, KSSA = 21, I_SIGN_WIDE = 22;

    static final Map<Integer, Integer> CMAP = Map.of(KA, 0x0915, VIRAMA, 0x094D, SSA, 0x0937, I_SIGN, 0x093F,
            F, (int) 'f', I, (int) 'i', FI, 0xFB01);

    static final CmapLookup LOOKUP = new CmapLookup() {
        @Override
        public int getGlyphId(int codePoint) {
            return CMAP.entrySet().stream().filter(e -> e.getValue() == codePoint).map(Map.Entry::getKey).findFirst()
                    .orElse(0);
        }

        @Override
        public List<Integer> getCharCodes(int glyph) {
            return CMAP.containsKey(glyph) ? List.of(CMAP.get(glyph)) : null;
        }
    };

    @Test
    void aSubstitutedGlyphStandsForTheTextOfWhatItReplacedThroughChains() {
        GsubData gsub = new MapBackedGsubData(Language.DEVANAGARI, "dev2", Map.of(
                "half", Map.of(List.of(KA, VIRAMA), HALF_KA),
                "pres", Map.of(List.of(HALF_KA, SSA), KSSA, List.of(I_SIGN), I_SIGN_WIDE),
                "liga", Map.of(List.of(F, I), FI),
                "locl", Map.of(List.of(SSA), KA)));
        Map<Integer, String> texts = ToUnicodeCompletion.derive(gsub, LOOKUP);
        assertThat(texts).containsEntry(HALF_KA, "क्").containsEntry(KSSA, "क्ष").containsEntry(I_SIGN_WIDE, "ि")
                .as("a ligature is its letters, not the presentation form its cmap names").containsEntry(FI, "fi")
                .as("a one-for-one variant keeps the cmap's text").doesNotContainKey(KA);
    }

    @Test
    void aFontWithoutSubstitutionsNeedsNothing() {
        assertThat(ToUnicodeCompletion.derive(GsubData.NO_DATA_FOUND, LOOKUP)).isEmpty();
    }

    @Test
    void theCodesOfAWidthsArrayInBothForms() {
        COSArray widths = new COSArray();
        widths.add(COSInteger.get(3));
        widths.add(new COSArray(List.of(COSInteger.get(600), COSInteger.get(500))));
        widths.add(COSInteger.get(20));
        widths.add(COSInteger.get(22));
        widths.add(COSInteger.get(700));
        assertThat(ToUnicodeCompletion.codes(widths)).containsExactly(3, 4, 20, 21, 22);
    }

    @Test
    void theWrittenCMapReadsBackWithMultiCharacterTexts() throws Exception {
        TreeMap<Integer, String> mapping = new TreeMap<>();
        for (int code = 1; code <= 150; code++) {
            mapping.put(code, String.valueOf((char) ('A' + code % 26)));
        }
        mapping.put(0x0235, "क्ष");
        CMap cmap = new CMapParser().parse(new RandomAccessReadBuffer(
                ToUnicodeCompletion.cmap(mapping).getBytes(java.nio.charset.StandardCharsets.US_ASCII)));
        assertThat(cmap.toUnicode(0x0235, 2)).isEqualTo("क्ष");
        assertThat(cmap.toUnicode(150, 2)).isEqualTo(String.valueOf((char) ('A' + 150 % 26)));
        assertThat(cmap.toUnicode(151, 2)).isNull();
    }
}
