package org.custodia.reports;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import org.custodia.reports.model.Report;

/** Reports the tests render: mixed Latin and Devanagari, long enough to need several pages. */
final class SampleReports {

    static final Instant GENERATED = Instant.parse("2026-11-23T10:30:00Z");

    private SampleReports() {
    }

    static Report consentSummary(int rows) {
        List<List<String>> table = new ArrayList<>();
        for (int i = 1; i <= rows; i++) {
            table.add(List.of("purpose-" + i, i % 3 == 0 ? "विपणन ईमेल" : "Marketing email", String.valueOf(i * 7),
                    String.valueOf(i % 5)));
        }
        return new Report("Consent summary — सहमति सारांश", "Acme Retail Pvt. Ltd.", "rpt-0001", GENERATED, List.of(
                new Report.Paragraph("Grants and withdrawals per purpose between 1 and 30 November 2026. "
                        + "सहमति वापस लेना उतना ही आसान है जितना देना।"),
                new Report.Heading("Audit chain checkpoint"),
                new Report.KeyValues(List.of(
                        new Report.Entry("Head sequence", "1042"),
                        new Report.Entry("Head hash", "49fcf08e78a2a2af6869dba69011e11823650be3f88a5ba3037a766bbb5dddfc"),
                        new Report.Entry("स्थिति (status)", "अक्षुण्ण — intact"))),
                new Report.Heading("Per purpose"),
                new Report.Table(List.of("Purpose", "Name", "Grants", "Withdrawals"), table)));
    }
}
