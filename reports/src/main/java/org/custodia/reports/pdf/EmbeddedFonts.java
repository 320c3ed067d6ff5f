package org.custodia.reports.pdf;

import java.io.IOException;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;

import org.apache.pdfbox.cos.COSBase;
import org.apache.pdfbox.cos.COSDictionary;
import org.apache.pdfbox.cos.COSName;
import org.apache.pdfbox.cos.COSObject;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDPage;
import org.apache.pdfbox.pdmodel.font.PDType0Font;

/**
 * Subsets the report fonts the pages use and completes their ToUnicode maps. PDFBox would subset on save,
 * after which nothing can change the maps; so the renderer subsets here and then writes the document with
 * {@link org.apache.pdfbox.pdfwriter.COSWriter} itself instead of {@code PDDocument.save} (which would subset
 * a second time).
 */
final class EmbeddedFonts {

    private EmbeddedFonts() {
    }

    static void subset(PDDocument document, ReportFonts fonts) throws IOException {
        Map<COSDictionary, Boolean> used = new IdentityHashMap<>();
        for (PDPage page : document.getPages()) {
            COSDictionary resources = page.getResources().getCOSObject().getCOSDictionary(COSName.FONT);
            if (resources != null) {
                for (COSBase font : resources.getValues()) {
                    COSBase direct = font instanceof COSObject o ? o.getObject() : font;
                    if (direct instanceof COSDictionary d) {
                        used.put(d, true);
                    }
                }
            }
        }
        List<PDType0Font> subset = new ArrayList<>();
        for (PDType0Font font : fonts.all()) {
            if (used.containsKey(font.getCOSObject())) {
                subset.add(font);
            }
        }
        for (PDType0Font font : subset) {
            Map<Integer, String> substituted = ToUnicodeCompletion.substitutedGlyphs(fonts.fileOf(font), font);
            font.subset();
            ToUnicodeCompletion.complete(document, font, substituted);
        }
    }
}
