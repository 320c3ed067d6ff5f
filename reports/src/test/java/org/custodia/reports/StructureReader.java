package org.custodia.reports;

import java.io.IOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import org.apache.pdfbox.cos.COSDictionary;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDPage;
import org.apache.pdfbox.pdmodel.documentinterchange.logicalstructure.PDMarkedContentReference;
import org.apache.pdfbox.pdmodel.documentinterchange.logicalstructure.PDStructureElement;
import org.apache.pdfbox.pdmodel.documentinterchange.logicalstructure.PDStructureNode;
import org.apache.pdfbox.pdmodel.documentinterchange.markedcontent.PDMarkedContent;
import org.apache.pdfbox.text.PDFMarkedContentExtractor;
import org.apache.pdfbox.text.TextPosition;

/**
 * The logical structure of a PDF as a screen reader meets it: elements in tree order, each with the text
 * of its marked content (ActualText where given); and, per page, the text left out as artifacts.
 */
final class StructureReader {

    record Element(String type, PDStructureElement source, List<Element> kids, String ownText) {

        /** Its own text and that of its descendants, in order. */
        String text() {
            StringBuilder text = new StringBuilder(ownText);
            kids.forEach(k -> text.append(k.text()));
            return text.toString();
        }

        Stream<Element> flatten() {
            return Stream.concat(Stream.of(this), kids.stream().flatMap(Element::flatten));
        }

        List<Element> all(String type) {
            return flatten().filter(e -> e.type.equals(type)).toList();
        }

        List<String> kidTypes() {
            return kids.stream().map(Element::type).toList();
        }
    }

    private final Map<COSDictionary, Map<Integer, String>> tagged = new HashMap<>();
    private final Map<COSDictionary, String> artifacts = new HashMap<>();

    private StructureReader(PDDocument document) throws IOException {
        for (PDPage page : document.getPages()) {
            PDFMarkedContentExtractor extractor = new PDFMarkedContentExtractor();
            extractor.processPage(page);
            Map<Integer, String> byMcid = new HashMap<>();
            StringBuilder artifact = new StringBuilder();
            for (PDMarkedContent content : extractor.getMarkedContents()) {
                if ("Artifact".equals(content.getTag())) {
                    artifact.append(text(content)).append('\n');
                } else if (content.getMCID() >= 0) {
                    byMcid.merge(content.getMCID(), text(content), String::concat);
                }
            }
            tagged.put(page.getCOSObject(), byMcid);
            artifacts.put(page.getCOSObject(), artifact.toString());
        }
    }

    /** The Document element under the structure tree root. */
    static Element documentOf(PDDocument document) throws IOException {
        StructureReader reader = new StructureReader(document);
        List<Object> roots = document.getDocumentCatalog().getStructureTreeRoot().getKids();
        if (roots.size() != 1 || !(roots.get(0) instanceof PDStructureElement root)) {
            throw new AssertionError("the structure tree root should hold one element, not " + roots);
        }
        return reader.read(root);
    }

    /** The text of a page's artifacts, one marked-content sequence a line. */
    static String artifactsOf(PDDocument document, PDPage page) throws IOException {
        return new StructureReader(document).artifacts.get(page.getCOSObject());
    }

    /** The text of a page's marked content with an MCID, by MCID. */
    static Map<Integer, String> taggedContentOf(PDDocument document, PDPage page) throws IOException {
        return new StructureReader(document).tagged.get(page.getCOSObject());
    }

    private Element read(PDStructureElement element) {
        List<Element> kids = new ArrayList<>();
        StringBuilder own = new StringBuilder();
        for (Object kid : ((PDStructureNode) element).getKids()) {
            if (kid instanceof PDStructureElement child) {
                kids.add(read(child));
            } else if (kid instanceof Integer mcid) {
                own.append(textOf(element.getPage(), mcid));
            } else if (kid instanceof PDMarkedContentReference reference) {
                own.append(textOf(reference.getPage(), reference.getMCID()));
            }
        }
        return new Element(element.getStructureType(), element, kids, own.toString());
    }

    private String textOf(PDPage page, int mcid) {
        String text = tagged.getOrDefault(page.getCOSObject(), Map.of()).get(mcid);
        if (text == null) {
            throw new AssertionError("MCID " + mcid + " is not on its page");
        }
        return text;
    }

    /** The text of marked content, lines separated by a space; ActualText stands for what it covers. */
    private static String text(PDMarkedContent content) {
        if (content.getActualText() != null) {
            return content.getActualText();
        }
        StringBuilder text = new StringBuilder();
        Float lastY = null;
        for (Object part : content.getContents()) {
            if (part instanceof TextPosition glyph) {
                if (lastY != null && glyph.getYDirAdj() != lastY) {
                    text.append(' '); // a new line
                }
                lastY = glyph.getYDirAdj();
                text.append(glyph.getUnicode());
            } else if (part instanceof PDMarkedContent nested) {
                if (text.length() > 0) {
                    text.append(' '); // a line of its own
                }
                text.append(text(nested));
                lastY = Float.NaN; // the next glyph starts another line
            }
        }
        return text.toString();
    }
}
