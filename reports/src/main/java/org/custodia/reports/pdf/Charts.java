package org.custodia.reports.pdf;

import java.awt.Color;
import java.io.IOException;

import org.apache.pdfbox.pdmodel.PDPageContentStream;
import org.custodia.reports.model.Report;

/** Draws the report charts with vector graphics (no images, so they stay sharp and PDF/A-simple). */
final class Charts {

    static final float HEAT_CELL = 56;
    static final float HEAT_HEIGHT = 5 * HEAT_CELL + 60;
    static final float BAR_HEIGHT = 16;
    static final Color OK = new Color(0x2e, 0x7d, 0x32);
    static final Color WARNING = new Color(0xf9, 0xa8, 0x25);
    static final Color BREACH = new Color(0xc6, 0x28, 0x28);

    private Charts() {
    }

    /** Draws the heat map with its top-left corner at (x, top). */
    static void heatMap(PDPageContentStream c, ReportFonts fonts, Report.HeatMap map, float x, float top) throws IOException {
        float left = x + 70;
        float gridTop = top - 10;
        for (int likelihood = 5; likelihood >= 1; likelihood--) {
            float rowTop = gridTop - (5 - likelihood) * HEAT_CELL;
            Text.show(c, fonts, likelihood + " " + LIKELIHOOD[likelihood - 1], x, rowTop - HEAT_CELL / 2 - 3, false, 7);
            for (int impact = 1; impact <= 5; impact++) {
                int score = likelihood * impact;
                float cellLeft = left + (impact - 1) * HEAT_CELL;
                c.setNonStrokingColor(Color.decode(map.bandOf(score).colour()));
                c.addRect(cellLeft, rowTop - HEAT_CELL, HEAT_CELL, HEAT_CELL);
                c.fill();
                c.setStrokingColor(Color.WHITE);
                c.setLineWidth(1.5f);
                c.addRect(cellLeft, rowTop - HEAT_CELL, HEAT_CELL, HEAT_CELL);
                c.stroke();
                c.setNonStrokingColor(Color.BLACK);
                String count = String.valueOf(map.counts()[likelihood - 1][impact - 1]);
                Text.show(c, fonts, count, cellLeft + (HEAT_CELL - fonts.width(count, true, 14)) / 2,
                        rowTop - HEAT_CELL / 2 - 5, true, 14);
                Text.show(c, fonts, String.valueOf(score), cellLeft + 3, rowTop - 9, false, 6);
            }
        }
        float axis = gridTop - 5 * HEAT_CELL - 12;
        for (int impact = 1; impact <= 5; impact++) {
            String label = impact + " " + IMPACT[impact - 1];
            Text.show(c, fonts, label, left + (impact - 1) * HEAT_CELL + (HEAT_CELL - fonts.width(label, false, 7)) / 2,
                    axis, false, 7);
        }
        Text.show(c, fonts, "Impact →", left + 5 * HEAT_CELL / 2 - 20, axis - 12, true, 8);
        float legendX = left + 5 * HEAT_CELL + 20;
        float legendY = gridTop - 10;
        Text.show(c, fonts, "↑ Likelihood", x, gridTop + 2, true, 8);
        for (Report.Band band : map.bands()) {
            c.setNonStrokingColor(Color.decode(band.colour()));
            c.addRect(legendX, legendY - 8, 12, 10);
            c.fill();
            c.setNonStrokingColor(Color.BLACK);
            Text.show(c, fonts, band.label() + " (" + band.minScore() + "–" + band.maxScore() + ")", legendX + 16,
                    legendY - 7, false, 8);
            legendY -= 16;
        }
    }

    static float deadlineHeight(Report.DeadlineChart chart) {
        return chart.bars().size() * (BAR_HEIGHT + 6) + 30;
    }

    /** Draws the deadline chart with its top-left corner at (x, top), width w. */
    static void deadlines(PDPageContentStream c, ReportFonts fonts, Report.DeadlineChart chart, float x, float top,
                          float width) throws IOException {
        float labelWidth = width * 0.3f;
        float plotLeft = x + labelWidth;
        float plotWidth = width - labelWidth - 60;
        double scale = 1;
        for (Report.DeadlineBar bar : chart.bars()) {
            scale = Math.max(scale, Math.max(bar.daysUsed(), bar.daysAllowed()));
        }
        float y = top;
        for (Report.DeadlineBar bar : chart.bars()) {
            Text.show(c, fonts, bar.label(), x, y - BAR_HEIGHT + 4, false, 8);
            float allowed = (float) (bar.daysAllowed() / scale * plotWidth);
            float used = (float) (bar.daysUsed() / scale * plotWidth);
            c.setNonStrokingColor(new Color(0.92f, 0.92f, 0.92f));
            c.addRect(plotLeft, y - BAR_HEIGHT, allowed, BAR_HEIGHT);
            c.fill();
            c.setNonStrokingColor(bar.daysUsed() > bar.daysAllowed() ? BREACH
                    : bar.daysUsed() >= bar.warningAtDays() ? WARNING : OK);
            c.addRect(plotLeft, y - BAR_HEIGHT + 3, used, BAR_HEIGHT - 6);
            c.fill();
            c.setStrokingColor(Color.BLACK);
            c.setLineWidth(1.2f);
            c.moveTo(plotLeft + allowed, y + 1);
            c.lineTo(plotLeft + allowed, y - BAR_HEIGHT - 1);
            c.stroke();
            c.setNonStrokingColor(Color.BLACK);
            String days = String.format(java.util.Locale.ROOT, "%.0f/%.0f d", bar.daysUsed(), bar.daysAllowed());
            Text.show(c, fonts, days, plotLeft + Math.max(allowed, used) + 4, y - BAR_HEIGHT + 4, false, 8);
            y -= BAR_HEIGHT + 6;
        }
        Text.show(c, fonts, "Bar: days used (green on time, amber past warning, red past deadline); line: the deadline",
                x, y - 12, false, 7);
    }

    private static final String[] LIKELIHOOD = {"Rare", "Unlikely", "Possible", "Likely", "Almost certain"};
    private static final String[] IMPACT = {"Insignificant", "Minor", "Moderate", "Major", "Severe"};
}
