package org.custodia.reports.pdf;

import java.awt.Color;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDPage;
import org.apache.pdfbox.pdmodel.PDPageContentStream;
import org.apache.pdfbox.pdmodel.common.PDRectangle;

/** Flows text, key-value blocks and tables down A4 pages, starting a new page when one is full. */
final class PageWriter implements AutoCloseable {

    static final PDRectangle PAGE = PDRectangle.A4;
    static final float MARGIN = 50;
    static final float TOP = PAGE.getHeight() - 75;
    static final float BOTTOM = 65;
    static final float WIDTH = PAGE.getWidth() - 2 * MARGIN;
    private static final float BODY_SIZE = 10;
    private static final float LEADING = 1.45f;
    private static final float CELL_PAD = 4;
    private static final Color RULE = new Color(0.6f, 0.6f, 0.6f);
    private static final Color HEADER_FILL = new Color(0.9f, 0.92f, 0.95f);

    private final PDDocument document;
    private final ReportFonts fonts;
    private PDPageContentStream content;
    private float y;

    PageWriter(PDDocument document, ReportFonts fonts) {
        this.document = document;
        this.fonts = fonts;
    }

    void title(String text) throws IOException {
        paragraph(text, true, 18, 6);
    }

    void heading(String text) throws IOException {
        space(8);
        paragraph(text, true, 13, 4);
    }

    void paragraph(String text) throws IOException {
        paragraph(text, false, BODY_SIZE, 6);
    }

    void keyValues(List<String[]> entries) throws IOException {
        float labelWidth = WIDTH * 0.32f;
        for (String[] entry : entries) {
            List<String> label = wrap(entry[0], true, BODY_SIZE, labelWidth - CELL_PAD);
            List<String> value = wrap(entry[1], false, BODY_SIZE, WIDTH - labelWidth);
            float height = Math.max(label.size(), value.size()) * BODY_SIZE * LEADING;
            ensure(height);
            lines(label, MARGIN, y, true, BODY_SIZE);
            lines(value, MARGIN + labelWidth, y, false, BODY_SIZE);
            y -= height;
        }
        space(6);
    }

    void heatMap(org.custodia.reports.model.Report.HeatMap map) throws IOException {
        heading(map.title());
        ensure(Charts.HEAT_HEIGHT);
        Charts.heatMap(content, fonts, map, MARGIN, y);
        y -= Charts.HEAT_HEIGHT;
    }

    void deadlineChart(org.custodia.reports.model.Report.DeadlineChart chart) throws IOException {
        heading(chart.title());
        float height = Charts.deadlineHeight(chart);
        ensure(Math.min(height, TOP - BOTTOM));
        Charts.deadlines(content, fonts, chart, MARGIN, y, WIDTH);
        y -= height;
    }

    void table(List<String> header, List<List<String>> rows) throws IOException {
        float column = WIDTH / header.size();
        tableRow(header, column, true);
        for (List<String> row : rows) {
            if (!fits(rowHeight(row, column, false))) {
                newPage();
                tableRow(header, column, true); // repeat the header on every page of the table
            }
            tableRow(row, column, false);
        }
        space(8);
    }

    private void tableRow(List<String> cells, float column, boolean header) throws IOException {
        float height = rowHeight(cells, column, header);
        ensure(height);
        if (header) {
            content.setNonStrokingColor(HEADER_FILL);
            content.addRect(MARGIN, y - height, WIDTH, height);
            content.fill();
            content.setNonStrokingColor(Color.BLACK);
        }
        for (int i = 0; i < cells.size(); i++) {
            List<String> lines = wrap(cells.get(i), header, BODY_SIZE - 1, column - 2 * CELL_PAD);
            lines(lines, MARGIN + i * column + CELL_PAD, y - CELL_PAD, header, BODY_SIZE - 1);
        }
        content.setStrokingColor(RULE);
        content.setLineWidth(0.5f);
        content.addRect(MARGIN, y - height, WIDTH, height);
        for (int i = 1; i < cells.size(); i++) {
            content.moveTo(MARGIN + i * column, y);
            content.lineTo(MARGIN + i * column, y - height);
        }
        content.stroke();
        y -= height;
    }

    private float rowHeight(List<String> cells, float column, boolean header) throws IOException {
        int lines = 1;
        for (String cell : cells) {
            lines = Math.max(lines, wrap(cell, header, BODY_SIZE - 1, column - 2 * CELL_PAD).size());
        }
        return lines * (BODY_SIZE - 1) * LEADING + 2 * CELL_PAD;
    }

    private void paragraph(String text, boolean bold, float size, float after) throws IOException {
        for (String line : wrap(text, bold, size, WIDTH)) {
            ensure(size * LEADING);
            lines(List.of(line), MARGIN, y, bold, size);
            y -= size * LEADING;
        }
        space(after);
    }

    private void lines(List<String> lines, float x, float top, boolean bold, float size) throws IOException {
        float baseline = top - size;
        for (String line : lines) {
            Text.show(content, fonts, line, x, baseline, bold, size);
            baseline -= size * LEADING;
        }
    }

    /** Greedy word wrap; a word wider than the line is cut by characters. */
    List<String> wrap(String text, boolean bold, float size, float width) throws IOException {
        List<String> lines = new ArrayList<>();
        for (String paragraph : (text == null ? "" : text).split("\n", -1)) {
            StringBuilder line = new StringBuilder();
            for (String word : paragraph.split(" ")) {
                String candidate = line.length() == 0 ? word : line + " " + word;
                if (fonts.width(candidate, bold, size) <= width) {
                    line.setLength(0);
                    line.append(candidate);
                    continue;
                }
                if (line.length() > 0) {
                    lines.add(line.toString());
                    line.setLength(0);
                }
                while (fonts.width(word, bold, size) > width && word.length() > 1) {
                    int cut = word.length() - 1;
                    while (cut > 1 && fonts.width(word.substring(0, cut), bold, size) > width) {
                        cut--;
                    }
                    lines.add(word.substring(0, cut));
                    word = word.substring(cut);
                }
                line.append(word);
            }
            lines.add(line.toString());
        }
        return lines;
    }

    private void space(float points) {
        y -= points;
    }

    private boolean fits(float height) {
        return content != null && y - height >= BOTTOM;
    }

    private void ensure(float height) throws IOException {
        if (!fits(height)) {
            newPage();
        }
    }

    private void newPage() throws IOException {
        close();
        PDPage page = new PDPage(PAGE);
        document.addPage(page);
        content = new PDPageContentStream(document, page);
        y = TOP;
    }

    @Override
    public void close() throws IOException {
        if (content != null) {
            content.close();
            content = null;
        }
    }
}
