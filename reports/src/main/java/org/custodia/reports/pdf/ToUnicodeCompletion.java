package org.custodia.reports.pdf;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;

import org.apache.fontbox.cmap.CMap;
import org.apache.fontbox.cmap.CMapParser;
import org.apache.fontbox.ttf.CmapLookup;
import org.apache.fontbox.ttf.model.GsubData;
import org.apache.fontbox.ttf.model.ScriptFeature;
import org.apache.pdfbox.cos.COSArray;
import org.apache.pdfbox.cos.COSBase;
import org.apache.pdfbox.cos.COSDictionary;
import org.apache.pdfbox.cos.COSName;
import org.apache.pdfbox.cos.COSNumber;
import org.apache.pdfbox.cos.COSStream;
import org.apache.pdfbox.io.RandomAccessReadBuffer;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.common.PDStream;
import org.apache.pdfbox.pdmodel.font.PDType0Font;

/**
 * Completes the ToUnicode map of a subset font with the glyphs shaping put in. PDFBox applies a font's GSUB
 * substitutions when it shows text (Devanagari conjuncts, half forms, reph, vowel sign variants; Latin
 * ligatures) but builds the ToUnicode map from the cmap table, where a substituted glyph has no entry, or a
 * presentation form (U+FB03 for "ffi") that search and speech do not match with the letters. PDF/A level A
 * (ISO 19005-2, 6.2.11.7.2) wants every code used mapped to Unicode, as do text extraction and screen
 * readers: a substituted glyph stands for the text of the glyphs it replaced.
 */
final class ToUnicodeCompletion {

    /** Per font file, the text of each glyph that only substitution reaches; the file never changes. */
    private static final Map<String, Map<Integer, String>> SUBSTITUTED = new ConcurrentHashMap<>();

    private ToUnicodeCompletion() {
    }

    /** Read the font's substitutions while its font program is still open (before subsetting). */
    static Map<Integer, String> substitutedGlyphs(String file, PDType0Font font) {
        return SUBSTITUTED.computeIfAbsent(file, f -> derive(font.getGsubData(), font.getCmapLookup()));
    }

    /**
     * Text of substituted glyphs: the text of their inputs, which may be substituted glyphs themselves. A
     * ligature (several glyphs into one) always gets it; a one-for-one variant only when the cmap has none.
     */
    static Map<Integer, String> derive(GsubData gsub, CmapLookup cmap) {
        if (gsub == null || gsub == GsubData.NO_DATA_FOUND) {
            return Map.of();
        }
        record Substitution(List<Integer> from, int to) {
        }
        List<Substitution> substitutions = new ArrayList<>();
        for (String name : new TreeSet<>(gsub.getSupportedFeatures())) {
            ScriptFeature feature = gsub.getFeature(name);
            List<List<Integer>> inputs = new ArrayList<>(feature.getAllGlyphIdsForSubstitution());
            inputs.sort(Comparator.comparing(List::toString));
            for (List<Integer> input : inputs) {
                substitutions.add(new Substitution(input, feature.getReplacementForGlyphs(input)));
            }
        }
        Map<Integer, String> texts = new HashMap<>();
        boolean grew = true;
        while (grew) {
            grew = false;
            for (Substitution s : substitutions) {
                if (texts.containsKey(s.to) || (s.from.size() == 1 && cmapText(cmap, s.to) != null)) {
                    continue;
                }
                StringBuilder text = new StringBuilder();
                for (int glyph : s.from) {
                    String part = texts.containsKey(glyph) ? texts.get(glyph) : cmapText(cmap, glyph);
                    if (part == null) {
                        text = null;
                        break;
                    }
                    text.append(part);
                }
                if (text != null) {
                    texts.put(s.to, text.toString());
                    grew = true;
                }
            }
        }
        return Map.copyOf(texts);
    }

    private static String cmapText(CmapLookup cmap, int glyph) {
        List<Integer> codePoints = cmap.getCharCodes(glyph);
        return codePoints == null || codePoints.isEmpty() ? null : new String(Character.toChars(codePoints.get(0)));
    }

    /**
     * After subsetting: maps the codes of the subset (Identity-H, code = glyph id of the full font) that are
     * substituted glyphs to their text; other codes stay as PDFBox mapped them.
     */
    static void complete(PDDocument document, PDType0Font font, Map<Integer, String> substituted) throws IOException {
        COSDictionary dictionary = font.getCOSObject();
        COSStream toUnicode = dictionary.getCOSStream(COSName.TO_UNICODE);
        COSDictionary cidFont = (COSDictionary) dictionary.getCOSArray(COSName.DESCENDANT_FONTS).getObject(0);
        CMap existing;
        try (var in = toUnicode.createInputStream()) {
            existing = new CMapParser().parse(new RandomAccessReadBuffer(in));
        }
        SortedMap<Integer, String> mapping = new TreeMap<>();
        boolean changed = false;
        for (int code : codes(cidFont.getCOSArray(COSName.W))) {
            String text = existing.toUnicode(code, 2);
            String shaped = substituted.get(code);
            if (shaped != null && !shaped.equals(text)) {
                text = shaped;
                changed = true;
            }
            if (text != null) {
                mapping.put(code, text);
            }
        }
        if (changed) {
            byte[] cmap = cmap(mapping).getBytes(StandardCharsets.US_ASCII);
            dictionary.setItem(COSName.TO_UNICODE, new PDStream(document, new ByteArrayInputStream(cmap), COSName.FLATE_DECODE));
        }
    }

    /** The codes of a CIDFont's W array: "c [w1 w2 …]" and "cfirst clast w" entries. */
    static TreeSet<Integer> codes(COSArray widths) {
        TreeSet<Integer> codes = new TreeSet<>();
        for (int i = 0; widths != null && i < widths.size(); ) {
            int first = ((COSNumber) widths.getObject(i)).intValue();
            COSBase next = widths.getObject(i + 1);
            if (next instanceof COSArray list) {
                for (int k = 0; k < list.size(); k++) {
                    codes.add(first + k);
                }
                i += 2;
            } else {
                int last = ((COSNumber) next).intValue();
                for (int code = first; code <= last; code++) {
                    codes.add(code);
                }
                i += 3;
            }
        }
        return codes;
    }

    /** A ToUnicode CMap (ISO 32000-1, 9.10.3) of two-byte codes. */
    static String cmap(SortedMap<Integer, String> mapping) {
        StringBuilder cmap = new StringBuilder("/CIDInit /ProcSet findresource begin\n12 dict begin\nbegincmap\n")
                .append("/CIDSystemInfo << /Registry (Adobe) /Ordering (UCS) /Supplement 0 >> def\n")
                .append("/CMapName /Adobe-Identity-UCS def\n/CMapType 2 def\n")
                .append("1 begincodespacerange\n<0000> <FFFF>\nendcodespacerange\n");
        List<Map.Entry<Integer, String>> entries = new ArrayList<>(mapping.entrySet());
        for (int start = 0; start < entries.size(); start += 100) { // at most 100 entries a block
            List<Map.Entry<Integer, String>> block = entries.subList(start, Math.min(entries.size(), start + 100));
            cmap.append(block.size()).append(" beginbfchar\n");
            for (Map.Entry<Integer, String> entry : block) {
                cmap.append(String.format("<%04X> <", entry.getKey()));
                for (char c : entry.getValue().toCharArray()) {
                    cmap.append(String.format("%04X", (int) c));
                }
                cmap.append(">\n");
            }
            cmap.append("endbfchar\n");
        }
        return cmap.append("endcmap\nCMapName currentdict /CMap defineresource pop\nend\nend\n").toString();
    }
}
