package org.custodia.reports.pdf;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.LinkedHashMap;
import java.util.Map;

import org.custodia.reports.model.Report;

/**
 * What a chart shows, in words: the alternate text of its Figure, read by a screen reader instead of the
 * drawing. It states the data, not the look.
 */
final class ChartDescriptions {

    private ChartDescriptions() {
    }

    /**
     * The cells with risks, from the most likely and severe down, then the totals per band, e.g.
     * "Risk heat map, 5 by 5 (likelihood by impact). Likelihood 5, impact 5: 3 risks (Critical). … Totals per band:
     * Low 7, Medium 0, High 12, Critical 3. 22 risks in all."
     */
    static String heatMap(Report.HeatMap map) {
        StringBuilder text = new StringBuilder("Risk heat map, 5 by 5 (likelihood by impact).");
        Map<String, Integer> perBand = new LinkedHashMap<>();
        for (Report.Band band : map.bands()) {
            perBand.merge(band.label(), 0, Integer::sum);
        }
        int total = 0;
        for (int likelihood = 5; likelihood >= 1; likelihood--) {
            for (int impact = 5; impact >= 1; impact--) {
                int count = map.counts()[likelihood - 1][impact - 1];
                if (count == 0) {
                    continue;
                }
                String band = map.bandOf(likelihood * impact).label();
                text.append(" Likelihood ").append(likelihood).append(", impact ").append(impact).append(": ")
                        .append(risks(count)).append(" (").append(band).append(").");
                perBand.merge(band, count, Integer::sum);
                total += count;
            }
        }
        if (total == 0) {
            return text.append(" No risks.").toString();
        }
        text.append(" Totals per band:");
        String separator = " ";
        for (Map.Entry<String, Integer> band : perBand.entrySet()) {
            text.append(separator).append(band.getKey()).append(' ').append(band.getValue());
            separator = ", ";
        }
        return text.append(". ").append(risks(total)).append(" in all.").toString();
    }

    /**
     * One sentence per bar, e.g. "DSAR 2026-0007 (GDPR): 35 of 31 days used, 4 days past the deadline."
     * The states are those the bar colours show.
     */
    static String deadlines(Report.DeadlineChart chart) {
        int bars = chart.bars().size();
        StringBuilder text = new StringBuilder("Deadline chart, ").append(bars).append(bars == 1 ? " bar." : " bars.");
        for (Report.DeadlineBar bar : chart.bars()) {
            text.append(' ').append(bar.label()).append(": ").append(days(bar.daysUsed())).append(" of ")
                    .append(days(bar.daysAllowed())).append(" days used, ");
            if (bar.daysUsed() > bar.daysAllowed()) {
                text.append(days(bar.daysUsed() - bar.daysAllowed())).append(" days past the deadline.");
            } else if (bar.daysUsed() >= bar.warningAtDays()) {
                text.append("past the warning at ").append(days(bar.warningAtDays())).append(" days.");
            } else {
                text.append("on time.");
            }
        }
        return text.toString();
    }

    private static String risks(int count) {
        return count + (count == 1 ? " risk" : " risks");
    }

    /** Days to one decimal, without a trailing ".0". */
    private static String days(double days) {
        return BigDecimal.valueOf(days).setScale(1, RoundingMode.HALF_UP).stripTrailingZeros().toPlainString();
    }
}
