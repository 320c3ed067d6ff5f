package org.custodia.reports.pdf;

import java.awt.color.ColorSpace;
import java.awt.color.ICC_Profile;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Calendar;
import java.util.GregorianCalendar;

import org.apache.pdfbox.cos.COSName;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDDocumentInformation;
import org.apache.pdfbox.pdmodel.PDPage;
import org.apache.pdfbox.pdmodel.PDPageContentStream;
import org.apache.pdfbox.pdmodel.common.PDMetadata;
import org.apache.pdfbox.pdmodel.graphics.color.PDOutputIntent;
import org.apache.xmpbox.XMPMetadata;
import org.apache.xmpbox.schema.AdobePDFSchema;
import org.apache.xmpbox.schema.DublinCoreSchema;
import org.apache.xmpbox.schema.PDFAIdentificationSchema;
import org.apache.xmpbox.schema.XMPBasicSchema;
import org.apache.xmpbox.xml.XmpSerializer;
import org.custodia.reports.model.Report;

/**
 * Renders a {@link Report} as PDF/A-2b: embedded Unicode fonts (Latin and Devanagari), XMP metadata that
 * matches the document information, an sRGB output intent, and on every page a header (tenant, report
 * id) and footer (generation time, page x/y).
 */
public final class PdfReportRenderer {

    public static final String PRODUCER = "Custodia";
    private static final DateTimeFormatter STAMP = DateTimeFormatter.ofPattern("uuuu-MM-dd HH:mm:ss 'UTC'")
            .withZone(ZoneOffset.UTC);

    /** The catalog key under which a report carries its signed audit-chain checkpoint (JSON). */
    public static final COSName CHECKPOINT_KEY = COSName.getPDFName("CustodiaCheckpoint");

    public byte[] render(Report report) throws IOException {
        return render(report, null);
    }

    /** Renders with a machine-readable checkpoint (JSON) that the signature then covers. */
    public byte[] render(Report report, String checkpointJson) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        render(report, checkpointJson, out);
        return out.toByteArray();
    }

    /** The checkpoint JSON a report carries, or null. */
    public static String checkpointOf(PDDocument document) {
        return document.getDocumentCatalog().getCOSObject().getString(CHECKPOINT_KEY);
    }

    public void render(Report report, String checkpointJson, OutputStream out) throws IOException {
        try (PDDocument document = new PDDocument()) {
            ReportFonts fonts = new ReportFonts(document);
            try (PageWriter writer = new PageWriter(document, fonts)) {
                writer.title(report.title());
                for (Report.Block block : report.blocks()) {
                    if (block instanceof Report.Heading h) {
                        writer.heading(h.text());
                    } else if (block instanceof Report.Paragraph p) {
                        writer.paragraph(p.text());
                    } else if (block instanceof Report.KeyValues kv) {
                        writer.keyValues(kv.entries().stream().map(e -> new String[] {e.label(), e.value()}).toList());
                    } else if (block instanceof Report.Table t) {
                        writer.table(t.header(), t.rows());
                    } else if (block instanceof Report.HeatMap h) {
                        writer.heatMap(h);
                    } else if (block instanceof Report.DeadlineChart d) {
                        writer.deadlineChart(d);
                    }
                }
            }
            decorate(document, fonts, report);
            conformToPdfA2b(document, report);
            if (checkpointJson != null) {
                document.getDocumentCatalog().getCOSObject().setString(CHECKPOINT_KEY, checkpointJson);
            }
            document.save(out);
        }
    }

    private static void decorate(PDDocument document, ReportFonts fonts, Report report) throws IOException {
        int total = document.getNumberOfPages();
        int number = 0;
        for (PDPage page : document.getPages()) {
            number++;
            try (PDPageContentStream content = new PDPageContentStream(document, page,
                    PDPageContentStream.AppendMode.APPEND, true, true)) {
                float right = PageWriter.MARGIN + PageWriter.WIDTH;
                float top = PageWriter.PAGE.getHeight() - 40;
                Text.show(content, fonts, report.tenantLabel(), PageWriter.MARGIN, top, false, 8);
                String id = "Report " + report.reportId();
                Text.show(content, fonts, id, right - fonts.width(id, false, 8), top, false, 8);
                String generated = "Generated " + STAMP.format(report.generatedAt());
                Text.show(content, fonts, generated, PageWriter.MARGIN, 35, false, 8);
                String pageOf = "Page " + number + "/" + total;
                Text.show(content, fonts, pageOf, right - fonts.width(pageOf, false, 8), 35, false, 8);
            }
        }
    }

    private static void conformToPdfA2b(PDDocument document, Report report) throws IOException {
        Calendar created = GregorianCalendar.from(report.generatedAt().atZone(ZoneOffset.UTC));
        PDDocumentInformation info = document.getDocumentInformation();
        info.setTitle(report.title());
        info.setProducer(PRODUCER);
        info.setCreator(PRODUCER);
        info.setCreationDate(created);
        info.setModificationDate(created);

        XMPMetadata xmp = XMPMetadata.createXMPMetadata();
        PDFAIdentificationSchema pdfa = xmp.createAndAddPDFAIdentificationSchema();
        pdfa.setPart(2);
        try {
            pdfa.setConformance("B");
        } catch (org.apache.xmpbox.type.BadFieldValueException e) {
            throw new IllegalStateException(e); // "B" is a valid conformance level
        }
        DublinCoreSchema dc = xmp.createAndAddDublinCoreSchema();
        dc.setTitle(report.title());
        dc.addCreator(PRODUCER);
        XMPBasicSchema basic = xmp.createAndAddXMPBasicSchema();
        basic.setCreatorTool(PRODUCER);
        basic.setCreateDate(created);
        basic.setModifyDate(created);
        AdobePDFSchema pdf = xmp.createAndAddAdobePDFSchema();
        pdf.setProducer(PRODUCER);
        ByteArrayOutputStream xml = new ByteArrayOutputStream();
        try {
            new XmpSerializer().serialize(xmp, xml, true);
        } catch (javax.xml.transform.TransformerException e) {
            throw new IOException("cannot write XMP metadata", e);
        }
        PDMetadata metadata = new PDMetadata(document);
        metadata.importXMPMetadata(xml.toByteArray());
        document.getDocumentCatalog().setMetadata(metadata);

        byte[] srgb = ICC_Profile.getInstance(ColorSpace.CS_sRGB).getData();
        PDOutputIntent intent = new PDOutputIntent(document, new ByteArrayInputStream(srgb));
        intent.setInfo("sRGB IEC61966-2.1");
        intent.setOutputCondition("sRGB IEC61966-2.1");
        intent.setOutputConditionIdentifier("sRGB IEC61966-2.1");
        intent.setRegistryName("http://www.color.org");
        document.getDocumentCatalog().addOutputIntent(intent);
        document.getDocumentCatalog().getCOSObject().setName(COSName.LANG, "en");
    }
}
