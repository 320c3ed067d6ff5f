package org.custodia.reports.pdf;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.custodia.reports.model.Report;
import org.junit.jupiter.api.Test;

class ChartDescriptionsTest {

    static final List<Report.Band> BANDS = List.of(
            new Report.Band(1, 4, "Low", "#8bc34a"),
            new Report.Band(5, 9, "Medium", "#ffeb3b"),
            new Report.Band(10, 14, "High", "#ff9800"),
            new Report.Band(15, 25, "Critical", "#e53935"));

    @Test
    void aHeatMapNamesEachCellWithRisksFromTheTopAndTheTotalsPerBand() {
        int[][] counts = new int[5][5];
        counts[4][4] = 3; // likelihood 5 x impact 5 = 25: Critical
        counts[0][0] = 7; // 1 x 1 = 1: Low
        counts[2][3] = 12; // 3 x 4 = 12: High
        counts[1][2] = 1; // 2 x 3 = 6: Medium
        assertThat(ChartDescriptions.heatMap(new Report.HeatMap("Residual risk", counts, BANDS))).isEqualTo(
                "Risk heat map, 5 by 5 (likelihood by impact)."
                        + " Likelihood 5, impact 5: 3 risks (Critical)."
                        + " Likelihood 3, impact 4: 12 risks (High)."
                        + " Likelihood 2, impact 3: 1 risk (Medium)."
                        + " Likelihood 1, impact 1: 7 risks (Low)."
                        + " Totals per band: Low 7, Medium 1, High 12, Critical 3. 23 risks in all.");
    }

    @Test
    void anEmptyHeatMapSaysSo() {
        assertThat(ChartDescriptions.heatMap(new Report.HeatMap("Residual risk", new int[5][5], BANDS)))
                .isEqualTo("Risk heat map, 5 by 5 (likelihood by impact). No risks.");
    }

    @Test
    void aDeadlineChartHasOneSentencePerBarInTheStateItsColourShows() {
        Report.DeadlineChart chart = new Report.DeadlineChart("Open requests", List.of(
                new Report.DeadlineBar("DSAR 2026-0012 (GDPR)", 10, 30, 23),
                new Report.DeadlineBar("DSAR 2026-0013 (CCPA)", 40, 45, 38),
                new Report.DeadlineBar("DSAR 2026-0007 (GDPR)", 35.5, 31, 24)));
        assertThat(ChartDescriptions.deadlines(chart)).isEqualTo("Deadline chart, 3 bars."
                + " DSAR 2026-0012 (GDPR): 10 of 30 days used, on time."
                + " DSAR 2026-0013 (CCPA): 40 of 45 days used, past the warning at 38 days."
                + " DSAR 2026-0007 (GDPR): 35.5 of 31 days used, 4.5 days past the deadline.");
    }
}
