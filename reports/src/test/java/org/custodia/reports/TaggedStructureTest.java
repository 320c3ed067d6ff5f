package org.custodia.reports;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.apache.pdfbox.Loader;
import org.apache.pdfbox.contentstream.operator.Operator;
import org.apache.pdfbox.cos.COSArray;
import org.apache.pdfbox.cos.COSDictionary;
import org.apache.pdfbox.cos.COSName;
import org.apache.pdfbox.pdfparser.PDFStreamParser;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDPage;
import org.apache.pdfbox.pdmodel.documentinterchange.logicalstructure.PDAttributeObject;
import org.apache.pdfbox.pdmodel.documentinterchange.logicalstructure.PDMarkedContentReference;
import org.apache.pdfbox.pdmodel.documentinterchange.logicalstructure.PDParentTreeValue;
import org.apache.pdfbox.pdmodel.documentinterchange.logicalstructure.PDStructureElement;
import org.apache.xmpbox.xml.DomXmpParser;
import org.custodia.reports.StructureReader.Element;
import org.custodia.reports.model.Report;
import org.custodia.reports.pdf.PdfReportRenderer;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The structure tree of a report, read back as a screen reader would: tags, order, headers, alternate text. */
class TaggedStructureTest {

    static byte[] pdf;

    @BeforeAll
    static void render() throws Exception {
        pdf = new PdfReportRenderer().render(SampleReports.everyBlock());
    }

    @Test
    void itIsPdfA2a() throws Exception {
        assertThat(PdfTools.pdfA2aFailures(pdf)).isEmpty();
    }

    @Test
    void everyBlockIsAnElementInContentOrder() throws Exception {
        try (PDDocument document = Loader.loadPDF(pdf)) {
            Element root = StructureReader.documentOf(document);
            assertThat(root.type()).isEqualTo("Document");
            assertThat(root.kidTypes()).containsExactly("H1", "P", "H2", "Table", "H2", "Table", "H2", "Figure", "H2",
                    "Figure");
            List<Element> kids = root.kids();
            assertThat(kids.get(0).text()).isEqualTo("Risk register — जोखिम");
            assertThat(kids.get(1).text())
                    .isEqualTo("Processing activities reviewed in the first quarter, with their risks.");
            assertThat(kids.get(2).text()).isEqualTo("Checkpoint");
            assertThat(kids.get(4).text()).isEqualTo("Purposes");
            assertThat(kids.get(6).text()).isEqualTo("Residual risk");
            assertThat(kids.get(8).text()).isEqualTo("Open requests");
        }
    }

    @Test
    void aTableHasOneHeaderRowOfColumnHeadersAndEveryRowInOrder() throws Exception {
        Report.Table table = (Report.Table) SampleReports.everyBlock().blocks().get(4);
        try (PDDocument document = Loader.loadPDF(pdf)) {
            assertThat(document.getNumberOfPages()).as("the table goes on to another page").isGreaterThan(1);
            Element element = StructureReader.documentOf(document).kids().get(5);
            assertThat(element.kidTypes()).containsExactly("THead", "TBody");
            Element head = element.kids().get(0);
            assertThat(head.kidTypes()).containsExactly("TR");
            List<Element> headers = head.kids().get(0).kids();
            assertThat(headers).extracting(Element::type).containsOnly("TH");
            assertThat(headers).extracting(Element::text).containsExactlyElementsOf(table.header());
            for (Element th : headers) {
                assertThat(attribute(th, "Scope")).isEqualTo(COSName.getPDFName("Column"));
            }
            List<Element> rows = element.kids().get(1).kids();
            assertThat(rows).hasSize(table.rows().size()).extracting(Element::type).containsOnly("TR");
            for (int i = 0; i < rows.size(); i++) {
                assertThat(rows.get(i).kids()).extracting(Element::type).containsOnly("TD");
                assertThat(rows.get(i).kids()).extracting(Element::text).containsExactlyElementsOf(table.rows().get(i));
            }
            assertThat(element.all("TH")).as("repeated headers are not read again").hasSize(table.header().size());
        }
    }

    @Test
    void keyValuesAreRowsOfARowHeaderAndItsValue() throws Exception {
        try (PDDocument document = Loader.loadPDF(pdf)) {
            Element table = StructureReader.documentOf(document).kids().get(3);
            assertThat(table.kidTypes()).containsExactly("TR", "TR");
            Element hash = table.kids().get(1);
            assertThat(hash.kidTypes()).containsExactly("TH", "TD");
            assertThat(hash.kids().get(0).text()).isEqualTo("Head hash");
            assertThat(attribute(hash.kids().get(0), "Scope")).isEqualTo(COSName.getPDFName("Row"));
            assertThat(hash.kids().get(1).text().replace(" ", ""))
                    .isEqualTo("49fcf08e78a2a2af6869dba69011e11823650be3f88a5ba3037a766bbb5dddfc");
        }
    }

    @Test
    void chartsAreFiguresWhoseAlternateTextStatesTheData() throws Exception {
        try (PDDocument document = Loader.loadPDF(pdf)) {
            List<Element> figures = StructureReader.documentOf(document).all("Figure");
            assertThat(figures).hasSize(2);
            String heatMap = figures.get(0).source().getAlternateDescription();
            assertThat(heatMap).startsWith("Risk heat map, 5 by 5")
                    .contains("Likelihood 5, impact 5: 3 risks (Critical).", "Likelihood 3, impact 4: 12 risks (High).",
                            "Likelihood 1, impact 1: 7 risks (Low).", "Totals per band: Low 7, Medium 0, High 12, Critical 3.")
                    .doesNotContain("Likelihood 2");
            String deadlines = figures.get(1).source().getAlternateDescription();
            assertThat(deadlines).contains("DSAR 2026-0012 (GDPR): 10 of 30 days used, on time.",
                    "DSAR 2026-0007 (GDPR): 35 of 31 days used, 4 days past the deadline.");
            for (Element figure : figures) {
                assertThat(attribute(figure, "BBox")).as("where the figure is").isInstanceOf(COSArray.class);
            }
        }
    }

    @Test
    void runningHeadersFootersAndRepeatedTableHeadersAreArtifacts() throws Exception {
        try (PDDocument document = Loader.loadPDF(pdf)) {
            String tagged = StructureReader.documentOf(document).text();
            assertThat(tagged).doesNotContain("Acme Retail Pvt. Ltd.", "Report rpt-0002", "Generated 2026-11-23", "Page 1/");
            int pages = document.getNumberOfPages();
            for (int page = 1; page <= pages; page++) {
                assertThat(StructureReader.artifactsOf(document, document.getPage(page - 1)))
                        .contains("Acme Retail Pvt. Ltd.", "Report rpt-0002", "Generated 2026-11-23 10:30:00 UTC",
                                "Page " + page + "/" + pages);
            }
            // the table goes on on page 2, under its header row again
            assertThat(StructureReader.artifactsOf(document, document.getPage(1))).contains("Purpose", "Withdrawals");
        }
    }

    @Test
    void nothingIsPaintedOutsideMarkedContent() throws Exception {
        List<String> painting = List.of("Tj", "TJ", "'", "\"", "f", "F", "f*", "S", "s", "B", "B*", "b", "b*", "Do", "sh");
        try (PDDocument document = Loader.loadPDF(pdf)) {
            for (PDPage page : document.getPages()) {
                PDFStreamParser parser = new PDFStreamParser(page);
                int depth = 0;
                for (Object token = parser.parseNextToken(); token != null; token = parser.parseNextToken()) {
                    if (token instanceof Operator operator) {
                        String name = operator.getName();
                        if (name.equals("BDC") || name.equals("BMC")) {
                            depth++;
                        } else if (name.equals("EMC")) {
                            depth--;
                        } else if (painting.contains(name)) {
                            assertThat(depth).as(name + " outside marked content").isPositive();
                        }
                    }
                }
                assertThat(depth).as("balanced marked content").isZero();
            }
        }
    }

    @Test
    void theParentTreeMapsEveryMarkedContentSequenceBackToItsElement() throws Exception {
        try (PDDocument document = Loader.loadPDF(pdf)) {
            var root = document.getDocumentCatalog().getStructureTreeRoot();
            Map<Integer, ?> parents = root.getParentTree().getNumbers();
            assertThat(root.getParentTreeNextKey()).isEqualTo(document.getNumberOfPages());
            for (PDPage page : document.getPages()) {
                Map<Integer, String> mcids = StructureReader.taggedContentOf(document, page);
                assertThat(mcids).isNotEmpty();
                COSArray elements = (COSArray) ((PDParentTreeValue) parents.get(page.getStructParents())).getCOSObject();
                assertThat(elements.size()).isEqualTo(mcids.size());
                for (int mcid : mcids.keySet()) {
                    PDStructureElement element = new PDStructureElement((COSDictionary) elements.getObject(mcid));
                    assertThat(mcidsOf(element, page)).as("MCID " + mcid + " of " + element.getStructureType())
                            .contains(mcid);
                }
            }
        }
    }

    @Test
    void theCatalogDeclaresATaggedDocumentInItsLanguageShowingItsTitle() throws Exception {
        Report hindi = SampleReports.everyBlock().withLanguage("hi");
        byte[] hindiPdf = new PdfReportRenderer().render(hindi);
        assertThat(PdfTools.pdfA2aFailures(hindiPdf)).isEmpty();
        for (var rendered : Map.of("en", pdf, "hi", hindiPdf).entrySet()) {
            try (PDDocument document = Loader.loadPDF(rendered.getValue())) {
                var catalog = document.getDocumentCatalog();
                assertThat(catalog.getMarkInfo().isMarked()).isTrue();
                assertThat(catalog.getLanguage()).isEqualTo(rendered.getKey());
                assertThat(catalog.getViewerPreferences().displayDocTitle()).isTrue();
                var xmp = new DomXmpParser().parse(catalog.getMetadata().exportXMPMetadata());
                assertThat(xmp.getPDFAIdentificationSchema().getPart()).isEqualTo(2);
                assertThat(xmp.getPDFAIdentificationSchema().getConformance()).isEqualTo("A");
            }
        }
    }

    private static Object attribute(Element element, String key) {
        var attributes = element.source().getAttributes();
        for (int i = 0; i < attributes.size(); i++) {
            PDAttributeObject attribute = attributes.getObject(i);
            var value = attribute.getCOSObject().getDictionaryObject(COSName.getPDFName(key));
            if (value != null) {
                return value;
            }
        }
        return null;
    }

    private static List<Integer> mcidsOf(PDStructureElement element, PDPage page) {
        List<Integer> mcids = new ArrayList<>();
        for (Object kid : element.getKids()) {
            if (kid instanceof Integer mcid && element.getPage().getCOSObject() == page.getCOSObject()) {
                mcids.add(mcid);
            } else if (kid instanceof PDMarkedContentReference reference
                    && reference.getPage().getCOSObject() == page.getCOSObject()) {
                mcids.add(reference.getMCID());
            }
        }
        return mcids;
    }
}
