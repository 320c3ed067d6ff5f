package org.custodia.reports.pdf;

import java.awt.Color;
import java.io.IOException;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;

import org.apache.pdfbox.pdmodel.PDPageContentStream;
import org.apache.pdfbox.pdmodel.documentinterchange.logicalstructure.PDStructureElement;
import org.apache.pdfbox.pdmodel.documentinterchange.taggedpdf.PDTableAttributeObject;
import org.apache.pdfbox.pdmodel.documentinterchange.taggedpdf.StandardStructureTypes;
import org.custodia.reports.model.Report;

/**
 * Writes a table with columns sized from their content ({@link TableLayout}), on landscape pages when it
 * needs them, tagged Table / THead / TBody / TR / TH (Scope Column) / TD. A row never splits across pages;
 * a table that goes on to the next page repeats its header row there.
 */
final class TableWriter {

    static final float CELL_PAD = 4;
    private static final float SIZE = PageWriter.BODY_SIZE - 1;
    private static final Color RULE = new Color(0.6f, 0.6f, 0.6f);
    private static final Color HEADER_FILL = new Color(0.9f, 0.92f, 0.95f);

    private final PageFlow flow;
    private final StructureTagger tagger;
    private final ReportFonts fonts;
    private final TableLayout layout;
    private final LineBreaker breaker;
    private final Map<Report.Table, TableLayout.Plan> plans = new IdentityHashMap<>();

    TableWriter(PageFlow flow, StructureTagger tagger, ReportFonts fonts) {
        this.flow = flow;
        this.tagger = tagger;
        this.fonts = fonts;
        TextMeasure measure = TextMeasure.of(fonts, SIZE);
        this.layout = new TableLayout(measure, CELL_PAD);
        this.breaker = new LineBreaker(measure);
    }

    /** The page orientation a table needs. */
    PageFlow.Format formatOf(Report.Table table) {
        return plan(table).landscape() ? PageFlow.Format.LANDSCAPE : PageFlow.Format.PORTRAIT;
    }

    void write(Report.Table table) throws IOException {
        flow.use(formatOf(table));
        float[] widths = plan(table).widths();
        Row header = row(table.header(), widths, true);
        Row first = table.rows().isEmpty() ? null : row(table.rows().get(0), widths, false);
        flow.ensure(header.height + (first == null ? 0 : first.height)); // a header never ends a page alone
        tagger.open(StandardStructureTypes.TABLE);
        tagger.open(StandardStructureTypes.T_HEAD);
        draw(header, widths, StandardStructureTypes.TH);
        tagger.close();
        tagger.open(StandardStructureTypes.T_BODY);
        for (int i = 0; i < table.rows().size(); i++) {
            Row row = i == 0 ? first : row(table.rows().get(i), widths, false);
            if (!flow.fits(row.height)) {
                flow.newPage();
                // The header row again, for sighted readers of this page. Its cells are tagged once, in THead
                // on the first page; here it is a pagination artifact (like a running head), so a screen
                // reader does not read the column names again in the middle of the table.
                tagger.pagination(flow.content(), null, () -> drawUntagged(header, widths));
            }
            draw(row, widths, StandardStructureTypes.TD);
        }
        tagger.close();
        tagger.close();
        flow.down(8);
    }

    private TableLayout.Plan plan(Report.Table table) {
        return plans.computeIfAbsent(table, t -> layout.plan(t.header(), t.rows(),
                PageFlow.Format.PORTRAIT.textWidth(), PageFlow.Format.LANDSCAPE.textWidth()));
    }

    /** A row's cells as lines, wrapped once and used for both its height and its drawing. */
    private record Row(List<List<String>> cells, boolean header, float height) {
    }

    private Row row(List<String> cells, float[] widths, boolean header) {
        List<List<String>> lines = new ArrayList<>(cells.size());
        int tallest = 1;
        for (int i = 0; i < cells.size(); i++) {
            List<String> cell = breaker.wrap(cells.get(i), header, widths[i] - 2 * CELL_PAD);
            lines.add(cell);
            tallest = Math.max(tallest, cell.size());
        }
        return new Row(lines, header, tallest * SIZE * PageWriter.LEADING + 2 * CELL_PAD);
    }

    /** A row tagged TR, each cell TH or TD in its own marked-content sequence; fills and rules are artifacts. */
    private void draw(Row row, float[] widths, String cellType) throws IOException {
        float top = flow.y();
        PDPageContentStream content = flow.content();
        if (row.header) {
            tagger.artifact(content, () -> fill(content, top, row.height));
        }
        tagger.open(StandardStructureTypes.TR);
        float x = PageFlow.MARGIN;
        for (int i = 0; i < row.cells.size(); i++) {
            PDStructureElement cell = tagger.add(cellType);
            if (row.header) {
                cell.addAttribute(PageWriter.scope(PDTableAttributeObject.SCOPE_COLUMN));
            }
            List<String> lines = row.cells.get(i);
            if (!(lines.size() == 1 && lines.get(0).isEmpty())) {
                float left = x;
                tagger.marked(content, flow.page(), cell, () -> text(content, lines, left, top, row.header));
            }
            x += widths[i];
        }
        tagger.close();
        tagger.artifact(content, () -> rules(content, widths, top, row.height));
        flow.down(row.height);
    }

    private void drawUntagged(Row row, float[] widths) throws IOException {
        float top = flow.y();
        PDPageContentStream content = flow.content();
        fill(content, top, row.height);
        float x = PageFlow.MARGIN;
        for (int i = 0; i < row.cells.size(); i++) {
            text(content, row.cells.get(i), x, top, row.header);
            x += widths[i];
        }
        rules(content, widths, top, row.height);
        flow.down(row.height);
    }

    private void text(PDPageContentStream content, List<String> lines, float left, float top, boolean bold)
            throws IOException {
        float baseline = top - CELL_PAD - SIZE;
        for (String line : lines) {
            Text.show(content, fonts, line, left + CELL_PAD, baseline, bold, SIZE);
            baseline -= SIZE * PageWriter.LEADING;
        }
    }

    private void fill(PDPageContentStream content, float top, float height) throws IOException {
        content.setNonStrokingColor(HEADER_FILL);
        content.addRect(PageFlow.MARGIN, top - height, flow.width(), height);
        content.fill();
        content.setNonStrokingColor(Color.BLACK);
    }

    private void rules(PDPageContentStream content, float[] widths, float top, float height) throws IOException {
        content.setStrokingColor(RULE);
        content.setLineWidth(0.5f);
        content.addRect(PageFlow.MARGIN, top - height, flow.width(), height);
        float x = PageFlow.MARGIN;
        for (int i = 0; i < widths.length - 1; i++) {
            x += widths[i];
            content.moveTo(x, top);
            content.lineTo(x, top - height);
        }
        content.stroke();
    }
}
