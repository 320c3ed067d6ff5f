package org.custodia.reports;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.UUID;

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

    /** Every kind of block once, in this order, the table long enough to go on to a second page. */
    static Report everyBlock() {
        List<List<String>> rows = new ArrayList<>();
        for (int i = 1; i <= 45; i++) {
            rows.add(List.of("purpose-" + i, i % 3 == 0 ? "विपणन ईमेल" : "Office newsletter", String.valueOf(i * 7),
                    String.valueOf(i % 5)));
        }
        int[][] counts = new int[5][5];
        counts[4][4] = 3;
        counts[0][0] = 7;
        counts[2][3] = 12;
        return new Report("Risk register — जोखिम", "Acme Retail Pvt. Ltd.", "rpt-0002", GENERATED, List.of(
                new Report.Paragraph("Processing activities reviewed in the first quarter, with their risks."),
                new Report.Heading("Checkpoint"),
                new Report.KeyValues(List.of(
                        new Report.Entry("Head sequence", "1042"),
                        new Report.Entry("Head hash", "49fcf08e78a2a2af6869dba69011e11823650be3f88a5ba3037a766bbb5dddfc"))),
                new Report.Heading("Purposes"),
                new Report.Table(List.of("Purpose", "Name", "Grants", "Withdrawals"), rows),
                new Report.HeatMap("Residual risk", counts, ChartsTest.BANDS),
                new Report.DeadlineChart("Open requests", List.of(
                        new Report.DeadlineBar("DSAR 2026-0012 (GDPR)", 10, 30, 23),
                        new Report.DeadlineBar("DSAR 2026-0007 (GDPR)", 35, 31, 24)))));
    }

    /** An audit event of the export: its entity id and actor are UUIDs, its hash 64 hex characters. */
    record AuditRow(String entityId, String actorId, String hash, List<String> cells) {
    }

    static List<AuditRow> auditRows(int count) {
        String[] events = {"consent.notice.published", "data_subject_request.deadline_extended", "user.signed_in"};
        List<AuditRow> rows = new ArrayList<>();
        for (int i = 1; i <= count; i++) {
            String entity = UUID.nameUUIDFromBytes(("entity-" + i).getBytes(StandardCharsets.UTF_8)).toString();
            String actor = UUID.nameUUIDFromBytes(("actor-" + i).getBytes(StandardCharsets.UTF_8)).toString();
            String hash = sha256("event-" + i);
            String recorded = GENERATED.minusSeconds(3600L * i).plusNanos(123_456_000L).toString();
            rows.add(new AuditRow(entity, actor, hash, List.of(String.valueOf(1000 + i), recorded, events[i % events.length],
                    "consent_notice " + entity, "user:" + actor, hash)));
        }
        return rows;
    }

    /** Like the audit log export of the server, with whole hashes. */
    static Report auditExport(List<AuditRow> rows, Report.Block... after) {
        List<Report.Block> blocks = new ArrayList<>(List.of(
                new Report.Paragraph("Events of the tenant's hash-chained audit log up to the signed checkpoint."),
                new Report.Table(List.of("Seq", "Recorded at", "Event", "Entity", "Actor", "Hash"),
                        rows.stream().map(AuditRow::cells).toList())));
        blocks.addAll(List.of(after));
        return new Report("Audit log export", "Acme Retail Pvt. Ltd.", "rpt-audit", GENERATED, blocks);
    }

    private static String sha256(String text) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
