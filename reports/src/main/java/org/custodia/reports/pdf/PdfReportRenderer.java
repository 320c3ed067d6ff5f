package org.custodia.reports.pdf;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.util.List;

import org.apache.pdfbox.cos.COSName;
import org.apache.pdfbox.pdfwriter.COSWriter;
import org.apache.pdfbox.pdfwriter.compress.CompressParameters;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.custodia.reports.model.Report;

/**
 * Renders a {@link Report} as a tagged PDF/A-2a: a structure tree in reading order (title H1, headings H2,
 * paragraphs P, tables and key-value blocks Table, charts Figure with alternate text), page headers and
 * footers as artifacts, embedded Unicode fonts (Latin and Devanagari) with complete ToUnicode maps, XMP
 * metadata that matches the document information, an sRGB output intent and the report's language. Tables
 * too wide for A4 portrait are set on A4 landscape pages.
 */
public final class PdfReportRenderer {

    public static final String PRODUCER = PdfAConformance.PRODUCER;

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
            StructureTagger tagger = new StructureTagger(document);
            try (PageFlow flow = new PageFlow(document)) {
                writeBlocks(report, new PageWriter(flow, tagger, fonts), new TableWriter(flow, tagger, fonts), flow);
            }
            PageDecorations.add(document, fonts, tagger, report);
            tagger.finish();
            PdfAConformance.apply(document, report);
            if (checkpointJson != null) {
                document.getDocumentCatalog().getCOSObject().setString(CHECKPOINT_KEY, checkpointJson);
            }
            EmbeddedFonts.subset(document, fonts);
            // what PDDocument.save does once fonts are subset (see EmbeddedFonts): compressed object streams
            document.getDocument().setIsXRefStream(true);
            new COSWriter(out, CompressParameters.DEFAULT_COMPRESSION).write(document);
        }
    }

    private static void writeBlocks(Report report, PageWriter writer, TableWriter tables, PageFlow flow) throws IOException {
        List<Report.Block> blocks = report.blocks();
        flow.use(formatAt(blocks, 0, tables));
        writer.title(report.title());
        for (int i = 0; i < blocks.size(); i++) {
            flow.use(formatAt(blocks, i, tables));
            Report.Block block = blocks.get(i);
            if (block instanceof Report.Heading h) {
                writer.heading(h.text());
            } else if (block instanceof Report.Paragraph p) {
                writer.paragraph(p.text());
            } else if (block instanceof Report.KeyValues kv) {
                writer.keyValues(kv.entries());
            } else if (block instanceof Report.Table t) {
                tables.write(t);
            } else if (block instanceof Report.HeatMap h) {
                writer.heatMap(h);
            } else if (block instanceof Report.DeadlineChart d) {
                writer.deadlineChart(d);
            }
        }
    }

    /**
     * The page orientation of the block at an index: landscape for a table too wide for portrait, and for
     * the headings (and title) right before such a table, which stay on its page; portrait for the rest.
     */
    private static PageFlow.Format formatAt(List<Report.Block> blocks, int index, TableWriter tables) {
        for (int i = index; i < blocks.size(); i++) {
            Report.Block block = blocks.get(i);
            if (block instanceof Report.Table t) {
                return tables.formatOf(t);
            }
            if (!(block instanceof Report.Heading)) {
                return PageFlow.Format.PORTRAIT;
            }
        }
        return PageFlow.Format.PORTRAIT;
    }
}
