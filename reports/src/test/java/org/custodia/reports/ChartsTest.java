package org.custodia.reports;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;

import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.text.PDFTextStripper;
import org.custodia.reports.model.Report;
import org.custodia.reports.pdf.PdfReportRenderer;
import org.junit.jupiter.api.Test;

class ChartsTest {

    static final List<Report.Band> BANDS = List.of(
            new Report.Band(1, 4, "Low", "#8bc34a"),
            new Report.Band(5, 9, "Medium", "#ffeb3b"),
            new Report.Band(10, 14, "High", "#ff9800"),
            new Report.Band(15, 25, "Critical", "#e53935"));

    static Report chartsReport() {
        int[][] counts = new int[5][5];
        counts[4][4] = 3; // almost certain x severe
        counts[0][0] = 7;
        counts[2][3] = 12;
        return new Report("Risk register", "Acme", "rpt-charts", SampleReports.GENERATED, List.of(
                new Report.HeatMap("Residual risk", counts, BANDS),
                new Report.DeadlineChart("Open requests", List.of(
                        new Report.DeadlineBar("DSAR 2026-0012 (GDPR)", 10, 30, 23),
                        new Report.DeadlineBar("DSAR 2026-0013 (CCPA)", 40, 45, 38),
                        new Report.DeadlineBar("DSAR 2026-0007 (GDPR)", 35, 31, 24)))));
    }

    @Test
    void heatMapAndDeadlineChartArePdfA2aAndLabelled() throws Exception {
        byte[] pdf = new PdfReportRenderer().render(chartsReport());
        assertThat(PdfTools.pdfA2aFailures(pdf)).isEmpty();
        try (PDDocument document = Loader.loadPDF(pdf)) {
            String text = new PDFTextStripper().getText(document);
            assertThat(text).contains("Residual risk", "Almost certain", "Severe", "Critical (15–25)", "12",
                    "Open requests", "35/31 d", "DSAR 2026-0013 (CCPA)");
        }
    }

    @Test
    void scoreBandsMustCoverOneToTwentyFive() {
        assertThatThrownBy(() -> new Report.HeatMap("x", new int[5][5],
                List.of(new Report.Band(1, 9, "Low", "#00ff00"), new Report.Band(11, 25, "High", "#ff0000"))))
                .hasMessageContaining("score 10");
        assertThat(new Report.HeatMap("x", new int[5][5], BANDS).bandOf(20).label()).isEqualTo("Critical");
        assertThatThrownBy(() -> new Report.HeatMap("x", new int[4][5], BANDS)).isInstanceOf(IllegalArgumentException.class);
    }
}
