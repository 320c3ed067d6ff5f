package org.custodia.reports.pdf;

import java.io.IOException;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.apache.pdfbox.cos.COSArray;
import org.apache.pdfbox.cos.COSDictionary;
import org.apache.pdfbox.cos.COSName;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDPage;
import org.apache.pdfbox.pdmodel.PDPageContentStream;
import org.apache.pdfbox.pdmodel.common.COSObjectable;
import org.apache.pdfbox.pdmodel.common.PDNumberTreeNode;
import org.apache.pdfbox.pdmodel.documentinterchange.logicalstructure.PDMarkInfo;
import org.apache.pdfbox.pdmodel.documentinterchange.logicalstructure.PDMarkedContentReference;
import org.apache.pdfbox.pdmodel.documentinterchange.logicalstructure.PDParentTreeValue;
import org.apache.pdfbox.pdmodel.documentinterchange.logicalstructure.PDStructureElement;
import org.apache.pdfbox.pdmodel.documentinterchange.logicalstructure.PDStructureTreeRoot;
import org.apache.pdfbox.pdmodel.documentinterchange.markedcontent.PDPropertyList;
import org.apache.pdfbox.pdmodel.documentinterchange.taggedpdf.StandardStructureTypes;

/**
 * The logical structure of a report (tagged PDF, ISO 32000-1 14.7-14.8): a tree under one Document
 * element, built in content order so that reading order is the order of drawing. Content belonging to an
 * element is drawn inside a marked-content sequence with an MCID; everything else (page headers and
 * footers, table rules and fills, repeated table headers) inside an Artifact sequence, so a screen reader
 * skips it. {@link #finish()} writes the parent tree that maps each MCID of each page back to its element.
 */
final class StructureTagger {

    /** Something drawn on a content stream. */
    @FunctionalInterface
    interface Drawing {
        void draw() throws IOException;
    }

    private final PDStructureTreeRoot root = new PDStructureTreeRoot();
    private final Deque<PDStructureElement> open = new ArrayDeque<>();
    /** Per page (in page order), the element of each MCID: index = MCID. */
    private final Map<COSDictionary, List<PDStructureElement>> marks = new LinkedHashMap<>();
    private final Map<COSDictionary, PDPage> pages = new HashMap<>();
    /** One property list per kind of pagination artifact, shared by the pages (one resource each). */
    private final Map<String, PDPropertyList> paginationKinds = new HashMap<>();

    StructureTagger(PDDocument document) {
        document.getDocumentCatalog().setStructureTreeRoot(root);
        PDMarkInfo markInfo = new PDMarkInfo();
        markInfo.setMarked(true);
        document.getDocumentCatalog().setMarkInfo(markInfo);
        PDStructureElement body = new PDStructureElement(StandardStructureTypes.DOCUMENT, root);
        root.appendKid(body);
        open.push(body);
    }

    /** A new element under the current one, which becomes the current one until {@link #close()}. */
    PDStructureElement open(String type) {
        PDStructureElement element = add(type);
        open.push(element);
        return element;
    }

    /** A new element under the current one. */
    PDStructureElement add(String type) {
        PDStructureElement parent = open.peek();
        PDStructureElement element = new PDStructureElement(type, parent);
        parent.appendKid(element);
        return element;
    }

    void close() {
        if (open.size() == 1) {
            throw new IllegalStateException("the Document element stays open");
        }
        open.pop();
    }

    /** Draws content of an element in one marked-content sequence on a page. */
    void marked(PDPageContentStream content, PDPage page, PDStructureElement element, Drawing drawing) throws IOException {
        List<PDStructureElement> onPage = marks.computeIfAbsent(page.getCOSObject(), p -> new ArrayList<>());
        pages.put(page.getCOSObject(), page);
        int mcid = onPage.size();
        onPage.add(element);
        if (element.getCOSObject().getDictionaryObject(COSName.PG) == null) {
            element.setPage(page);
        }
        if (element.getCOSObject().getDictionaryObject(COSName.PG) == page.getCOSObject()) {
            element.appendKid(mcid);
        } else {
            // content of an element that began on an earlier page (a paragraph across a page break)
            PDMarkedContentReference reference = new PDMarkedContentReference();
            reference.setPage(page);
            reference.setMCID(mcid);
            element.appendKid(reference);
        }
        content.beginMarkedContent(COSName.getPDFName(element.getStructureType()), mcid);
        drawing.draw();
        content.endMarkedContent();
    }

    /** Draws layout that carries no content of its own (rules, fills) as an artifact. */
    void artifact(PDPageContentStream content, Drawing drawing) throws IOException {
        content.beginMarkedContent(COSName.ARTIFACT);
        drawing.draw();
        content.endMarkedContent();
    }

    /** Draws a pagination artifact: running headers and footers, header rows repeated on a new page. */
    void pagination(PDPageContentStream content, String subtype, Drawing drawing) throws IOException {
        PDPropertyList properties = paginationKinds.computeIfAbsent(subtype == null ? "" : subtype, kind -> {
            COSDictionary dictionary = new COSDictionary();
            dictionary.setName(COSName.TYPE, "Pagination");
            if (!kind.isEmpty()) {
                dictionary.setName(COSName.SUBTYPE, kind);
            }
            return PDPropertyList.create(dictionary);
        });
        content.beginMarkedContent(COSName.ARTIFACT, properties);
        drawing.draw();
        content.endMarkedContent();
    }

    /** Links every page to its MCIDs' elements (StructParents, ParentTree); call once, after the last page. */
    void finish() {
        if (open.size() != 1) {
            throw new IllegalStateException(open.size() - 1 + " structure elements left open");
        }
        Map<Integer, COSObjectable> parents = new HashMap<>();
        int key = 0;
        for (Map.Entry<COSDictionary, List<PDStructureElement>> page : marks.entrySet()) {
            COSArray elements = new COSArray();
            page.getValue().forEach(elements::add);
            pages.get(page.getKey()).setStructParents(key);
            parents.put(key, new PDParentTreeValue(elements));
            key++;
        }
        PDNumberTreeNode parentTree = new PDNumberTreeNode(PDParentTreeValue.class);
        parentTree.setNumbers(parents);
        root.setParentTree(parentTree);
        root.setParentTreeNextKey(key);
    }
}
