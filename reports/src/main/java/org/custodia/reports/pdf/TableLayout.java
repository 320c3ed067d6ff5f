package org.custodia.reports.pdf;

import java.util.List;

/**
 * Column widths sized from their content, and the page orientation a table needs.
 *
 * <p>Every column is measured three ways: its natural width (each cell on one line), its unbreakable width
 * (its longest word) and its comfortable width (natural, but at most {@value #COMFORTABLE} pt, so prose
 * wraps to lines of a few words rather than one). The rule, by measured widths only:
 * <ol>
 *   <li>portrait when every column gets its comfortable width (and at least its longest word) on A4 portrait;</li>
 *   <li>otherwise landscape, with each column at least its comfortable width if that fits, else at least its
 *       longest word if that fits, else with long words taken apart by {@link LineBreaker.Level}: hashes into
 *       groups first, then compound identifiers at their separators, then at hyphens;</li>
 *   <li>what is left of the line goes to the columns short of their comfortable width, then to those short of
 *       their natural width (each in proportion to what it lacks), then, once all are natural, to all.</li>
 * </ol>
 * Widths include the cell padding on both sides.
 */
final class TableLayout {

    /** About 17 characters at 9 pt: narrower prose columns wrap into a word or two a line. */
    static final float COMFORTABLE = 90;

    /** Column widths and whether the table is set on landscape pages. */
    record Plan(float[] widths, boolean landscape) {
        float total() {
            float sum = 0;
            for (float w : widths) {
                sum += w;
            }
            return sum;
        }
    }

    private final LineBreaker breaker;
    private final float padding;

    TableLayout(TextMeasure measure, float padding) {
        this.breaker = new LineBreaker(measure);
        this.padding = padding;
    }

    /** Plans a table on portrait or landscape pages; the header row (bold) may be empty. */
    Plan plan(List<String> header, List<List<String>> rows, float portraitWidth, float landscapeWidth) {
        Columns columns = measure(header, rows, false);
        if (sum(columns.comfortable()) <= portraitWidth) {
            return new Plan(distribute(columns.comfortable(), columns.natural(), portraitWidth), false);
        }
        return new Plan(distribute(floor(columns, header, rows, false, landscapeWidth), columns.natural(), landscapeWidth),
                true);
    }

    /**
     * Plans columns on one orientation only (key-value blocks stay with the text around them); with row
     * headers the first column is set in bold.
     */
    Plan planWithin(List<String> header, List<List<String>> rows, boolean rowHeaders, float width) {
        Columns columns = measure(header, rows, rowHeaders);
        return new Plan(distribute(floor(columns, header, rows, rowHeaders, width), columns.natural(), width), false);
    }

    /** The least width of each column: comfortable, else its longest word, else its words taken apart. */
    private float[] floor(Columns columns, List<String> header, List<List<String>> rows, boolean rowHeaders,
                          float width) {
        if (sum(columns.comfortable()) <= width) {
            return columns.comfortable();
        }
        float[] floor = columns.unbreakable();
        for (LineBreaker.Level level : List.of(LineBreaker.Level.HEX_GROUPS, LineBreaker.Level.SEPARATORS,
                LineBreaker.Level.HYPHENS)) {
            if (sum(floor) <= width) {
                return floor;
            }
            floor = widestPieces(header, rows, rowHeaders, level);
        }
        if (sum(floor) > width) {
            // even taken apart at every break point the words do not fit: shrink all, the breaker cuts the rest
            float scale = width / sum(floor);
            for (int i = 0; i < floor.length; i++) {
                floor[i] *= scale;
            }
        }
        return floor;
    }

    private record Columns(float[] natural, float[] unbreakable, float[] comfortable) {
    }

    private Columns measure(List<String> header, List<List<String>> rows, boolean rowHeaders) {
        float[] natural = new float[columnCount(header, rows)];
        forEachCell(header, rows, rowHeaders,
                (i, cell, bold) -> natural[i] = Math.max(natural[i], breaker.naturalWidth(cell, bold)));
        float[] unbreakable = widestPieces(header, rows, rowHeaders, LineBreaker.Level.WHOLE);
        float[] comfortable = new float[natural.length];
        for (int i = 0; i < natural.length; i++) {
            natural[i] += 2 * padding;
            comfortable[i] = Math.max(unbreakable[i], Math.min(natural[i], COMFORTABLE + 2 * padding));
        }
        return new Columns(natural, unbreakable, comfortable);
    }

    /** Per column, its widest word when words are taken apart at a level, padding included. */
    private float[] widestPieces(List<String> header, List<List<String>> rows, boolean rowHeaders,
                                 LineBreaker.Level level) {
        float[] widest = new float[columnCount(header, rows)];
        forEachCell(header, rows, rowHeaders,
                (i, cell, bold) -> widest[i] = Math.max(widest[i], breaker.widestPiece(cell, bold, level)));
        for (int i = 0; i < widest.length; i++) {
            widest[i] += 2 * padding;
        }
        return widest;
    }

    private interface CellVisitor {
        void visit(int column, String cell, boolean bold);
    }

    private static void forEachCell(List<String> header, List<List<String>> rows, boolean rowHeaders,
                                    CellVisitor visitor) {
        for (int i = 0; i < header.size(); i++) {
            visitor.visit(i, header.get(i), true);
        }
        for (List<String> row : rows) {
            for (int i = 0; i < row.size(); i++) {
                visitor.visit(i, row.get(i), rowHeaders && i == 0);
            }
        }
    }

    private static int columnCount(List<String> header, List<List<String>> rows) {
        return header.isEmpty() ? (rows.isEmpty() ? 0 : rows.get(0).size()) : header.size();
    }

    /**
     * Widths from the floors, filling the line: what is left goes first to columns short of a comfortable
     * width (so a narrow prose column is not starved by a hash column that can only use whole groups), then
     * to columns short of their natural width, each in proportion to what it lacks, then to all in proportion.
     */
    private float[] distribute(float[] floor, float[] natural, float width) {
        float[] comfortable = new float[natural.length];
        for (int i = 0; i < natural.length; i++) {
            comfortable[i] = Math.min(natural[i], COMFORTABLE + 2 * padding);
        }
        float[] widths = floor.clone();
        float slack = width - sum(floor);
        slack = grow(widths, comfortable, slack);
        slack = grow(widths, natural, slack);
        if (slack > 0) {
            float total = sum(widths);
            for (int i = 0; i < widths.length; i++) {
                widths[i] += total > 0 ? slack * widths[i] / total : slack / widths.length;
            }
        }
        return widths;
    }

    /** Grows columns towards targets, in proportion to what each lacks; returns the slack left. */
    private static float grow(float[] widths, float[] targets, float slack) {
        float lacking = 0;
        for (int i = 0; i < widths.length; i++) {
            lacking += Math.max(0, targets[i] - widths[i]);
        }
        if (lacking <= 0 || slack <= 0) {
            return slack;
        }
        float share = Math.min(1, slack / lacking);
        for (int i = 0; i < widths.length; i++) {
            widths[i] += Math.max(0, targets[i] - widths[i]) * share;
        }
        return slack - Math.min(slack, lacking);
    }

    private static float sum(float[] values) {
        float sum = 0;
        for (float v : values) {
            sum += v;
        }
        return sum;
    }
}
