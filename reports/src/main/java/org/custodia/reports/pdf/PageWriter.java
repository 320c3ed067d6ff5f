package org.custodia.reports.pdf;

import java.io.IOException;
import java.util.List;

import org.apache.pdfbox.pdmodel.common.PDRectangle;
import org.apache.pdfbox.pdmodel.documentinterchange.logicalstructure.PDStructureElement;
import org.apache.pdfbox.pdmodel.documentinterchange.taggedpdf.PDLayoutAttributeObject;
import org.apache.pdfbox.pdmodel.documentinterchange.taggedpdf.PDTableAttributeObject;
import org.apache.pdfbox.pdmodel.documentinterchange.taggedpdf.StandardStructureTypes;
import org.custodia.reports.model.Report;

/**
 * Writes the text blocks and charts of a report down the pages, each as its structure element: the title
 * H1, headings (and chart titles, drawn alike) H2, paragraphs P, key-value blocks a two-column Table whose
 * labels are row headers, charts a Figure with alternate text.
 */
final class PageWriter {

    static final float BODY_SIZE = 10;
    static final float LEADING = 1.45f;
    private static final float TITLE_SIZE = 18;
    private static final float HEADING_SIZE = 13;
    /** A heading keeps this many body lines with it, so it never ends a page alone. */
    private static final int KEEP_WITH_HEADING = 3;

    private final PageFlow flow;
    private final StructureTagger tagger;
    private final ReportFonts fonts;

    PageWriter(PageFlow flow, StructureTagger tagger, ReportFonts fonts) {
        this.flow = flow;
        this.tagger = tagger;
        this.fonts = fonts;
    }

    void title(String text) throws IOException {
        text(StandardStructureTypes.H1, text, true, TITLE_SIZE, 6);
    }

    void heading(String text) throws IOException {
        heading(text, KEEP_WITH_HEADING * BODY_SIZE * LEADING);
    }

    /** A heading that starts a new page unless what follows it, up to a height, fits below it. */
    private void heading(String text, float keepWithNext) throws IOException {
        flow.down(8);
        List<String> lines = wrap(text, true, HEADING_SIZE);
        flow.ensure(lines.size() * HEADING_SIZE * LEADING + 4 + keepWithNext);
        lines(tagger.add(StandardStructureTypes.H2), lines, true, HEADING_SIZE);
        flow.down(4);
    }

    void paragraph(String text) throws IOException {
        text(StandardStructureTypes.P, text, false, BODY_SIZE, 6);
    }

    /**
     * Label/value pairs as a Table of rows, each a row header (TH, Scope Row) and its value (TD): a screen
     * reader announces "label: value" and can list them; a list (L/LI with Lbl/LBody) would read the label
     * as a bullet.
     */
    void keyValues(List<Report.Entry> entries) throws IOException {
        List<List<String>> rows = entries.stream().map(e -> List.of(e.label(), e.value())).toList();
        float[] widths = new TableLayout(TextMeasure.of(fonts, BODY_SIZE), 0).planWithin(List.of(), rows, true,
                flow.width() - TableWriter.CELL_PAD).widths();
        float gap = TableWriter.CELL_PAD; // between label and value
        tagger.open(StandardStructureTypes.TABLE);
        for (Report.Entry entry : entries) {
            List<String> label = wrap(entry.label(), true, BODY_SIZE, widths[0]);
            List<String> value = wrap(entry.value(), false, BODY_SIZE, widths[1]);
            float height = Math.max(label.size(), value.size()) * BODY_SIZE * LEADING;
            flow.ensure(height);
            tagger.open(StandardStructureTypes.TR);
            PDStructureElement th = tagger.add(StandardStructureTypes.TH);
            th.addAttribute(scope(PDTableAttributeObject.SCOPE_ROW));
            float top = flow.y();
            tagger.marked(flow.content(), flow.page(), th, () -> draw(label, PageFlow.MARGIN, top, true, BODY_SIZE));
            PDStructureElement td = tagger.add(StandardStructureTypes.TD);
            tagger.marked(flow.content(), flow.page(), td,
                    () -> draw(value, PageFlow.MARGIN + widths[0] + gap, top, false, BODY_SIZE));
            tagger.close();
            flow.down(height);
        }
        tagger.close();
        flow.down(6);
    }

    void heatMap(Report.HeatMap map) throws IOException {
        heading(map.title(), chartHeight(Charts.HEAT_HEIGHT));
        figure(Charts.HEAT_HEIGHT, ChartDescriptions.heatMap(map),
                () -> Charts.heatMap(flow.content(), fonts, map, PageFlow.MARGIN, flow.y()));
    }

    void deadlineChart(Report.DeadlineChart chart) throws IOException {
        heading(chart.title(), chartHeight(Charts.deadlineHeight(chart)));
        figure(Charts.deadlineHeight(chart), ChartDescriptions.deadlines(chart),
                () -> Charts.deadlines(flow.content(), fonts, chart, PageFlow.MARGIN, flow.y(), flow.width()));
    }

    /** A chart's height, as much as a page holds (a chart never starts a page it cannot fit on). */
    private float chartHeight(float height) {
        return Math.min(height, flow.format().top() - PageFlow.BOTTOM);
    }

    /** A chart as a Figure: its alternate text says what it shows; its bounding box where it is. */
    private void figure(float height, String alt, StructureTagger.Drawing drawing) throws IOException {
        flow.ensure(chartHeight(height));
        PDStructureElement figure = tagger.add(StandardStructureTypes.Figure);
        figure.setAlternateDescription(alt);
        PDLayoutAttributeObject layout = new PDLayoutAttributeObject();
        layout.setPlacement(PDLayoutAttributeObject.PLACEMENT_BLOCK);
        layout.setBBox(new PDRectangle(PageFlow.MARGIN, flow.y() - height, flow.width(), height));
        figure.addAttribute(layout);
        tagger.marked(flow.content(), flow.page(), figure, drawing);
        flow.down(height);
    }

    static PDTableAttributeObject scope(String scope) {
        PDTableAttributeObject attribute = new PDTableAttributeObject();
        attribute.setScope(scope);
        return attribute;
    }

    private void text(String type, String text, boolean bold, float size, float after) throws IOException {
        lines(tagger.add(type), wrap(text, bold, size), bold, size);
        flow.down(after);
    }

    /** Lines of one element down the pages: one marked-content sequence per page they fall on. */
    private void lines(PDStructureElement element, List<String> lines, boolean bold, float size) throws IOException {
        float leading = size * LEADING;
        int next = 0;
        while (next < lines.size()) {
            flow.ensure(leading);
            int count = Math.min(lines.size() - next, Math.max(1, (int) (flow.room() / leading)));
            List<String> onPage = lines.subList(next, next + count);
            float top = flow.y();
            tagger.marked(flow.content(), flow.page(), element, () -> draw(onPage, PageFlow.MARGIN, top, bold, size));
            flow.down(count * leading);
            next += count;
        }
    }

    private List<String> wrap(String text, boolean bold, float size) {
        return wrap(text, bold, size, flow.width());
    }

    private List<String> wrap(String text, boolean bold, float size, float width) {
        return new LineBreaker(TextMeasure.of(fonts, size)).wrap(text, bold, width);
    }

    private void draw(List<String> lines, float x, float top, boolean bold, float size) throws IOException {
        float baseline = top - size;
        for (String line : lines) {
            Text.show(flow.content(), fonts, line, x, baseline, bold, size);
            baseline -= size * LEADING;
        }
    }
}
