package org.custodia.bench;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The DSAR timer benchmark's measurements, read after the run (as a superuser, so row-level security shows every
 * row): for each of the tenant's ACCESS requests, how long after its warning instant ({@code warning_at}) the warning
 * timer's job ran (its audit event {@code dsar.deadline.warning}), its "Due soon" mails were queued and marked sent in
 * the outbox, and the SMTP server received them (the sink's file). Prints a markdown table of the distributions.
 *
 *   DsarTimerReport status JDBC_URL USER PASSWORD TENANT_ID            "<requests> <in review> <async jobs> <queued> <unsent>"
 *   DsarTimerReport wait JDBC_URL USER PASSWORD TENANT_ID MAILS UNTIL_EPOCH
 *                                          polls every second until MAILS warning mails are queued and all sent (or
 *                                          UNTIL_EPOCH passes); prints the epoch second it saw that, or "timeout"
 *   DsarTimerReport report JDBC_URL USER PASSWORD TENANT_ID SINK_FILE  the table
 * <p>
 * {@code wait} is one JVM for the whole window: a JVM started every poll cost the 2-core machine a third of a core
 * that the server under test needed.
 */
public final class DsarTimerReport {

    static final Duration WINDOW = Duration.ofSeconds(60);
    private static final Pattern REFERENCE = Pattern.compile("Due soon: request ([0-9a-f-]{36})");

    public static void main(String[] args) throws Exception {
        try (Connection c = DriverManager.getConnection(args[1], args[2], args[3])) {
            UUID tenant = UUID.fromString(args[4]);
            if (args[0].equals("status")) {
                System.out.println(status(c, tenant));
            } else if (args[0].equals("wait")) {
                System.out.println(waitForMails(c, tenant, Long.parseLong(args[5]), Long.parseLong(args[6])));
            } else {
                report(c, tenant, Path.of(args[5]));
            }
        }
    }

    private static String waitForMails(Connection c, UUID tenant, long mails, long untilEpoch)
            throws SQLException, InterruptedException {
        Map<String, Long> waits = new TreeMap<>();
        long samples = 0;
        try {
            while (Instant.now().getEpochSecond() < untilEpoch) {
                String[] status = status(c, tenant).split(" ");
                if (Long.parseLong(status[3]) >= mails && Long.parseLong(status[4]) == 0) {
                    return String.valueOf(Instant.now().getEpochSecond());
                }
                for (int i = 0; i < 4; i++) { // what the server's database sessions do, 4 times a second
                    sampleSessions(c, waits);
                    samples++;
                    Thread.sleep(250);
                }
            }
            return "timeout";
        } finally {
            StringBuilder line = new StringBuilder("database sessions of the server in the window (average over " + samples
                    + " samples of pg_stat_activity, state / wait):");
            long all = samples;
            waits.entrySet().stream().sorted(Map.Entry.<String, Long>comparingByValue().reversed())
                    .forEach(e -> line.append(String.format(" %s %.2f;", e.getKey(), e.getValue() / (double) Math.max(1, all))));
            System.err.println(line);
        }
    }

    /** Adds one sample of the application's sessions (all but idle ones and this one) by state and wait event. */
    private static void sampleSessions(Connection c, Map<String, Long> waits) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("select state, coalesce(wait_event_type || ':' || wait_event, 'on CPU'),"
                + " count(*) from pg_stat_activity where datname = current_database() and pid <> pg_backend_pid()"
                + " and backend_type = 'client backend' and state <> 'idle' group by 1, 2");
             ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                waits.merge(rs.getString(1) + " / " + rs.getString(2), rs.getLong(3), Long::sum);
            }
        }
    }

    private static String status(Connection c, UUID tenant) throws SQLException {
        long requests = count(c, "select count(*) from app.dsar_request where tenant_id = ? and request_type = 'ACCESS'", tenant);
        long inReview = count(c, "select count(*) from app.dsar_request where tenant_id = ? and request_type = 'ACCESS'"
                + " and status = 'IN_REVIEW'", tenant);
        long queued = count(c, "select count(*) from app.mail_outbox where tenant_id = ? and subject like 'Due soon: request %'", tenant);
        long unsent = count(c, "select count(*) from app.mail_outbox where tenant_id = ? and subject like 'Due soon: request %'"
                + " and sent_at is null", tenant);
        long asyncJobs;
        try (PreparedStatement ps = c.prepareStatement(
                "select count(*) from engine.act_ru_job where tenant_id_ = ? and type_ <> 'timer'")) {
            ps.setString(1, tenant.toString());
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                asyncJobs = rs.getLong(1);
            }
        }
        return requests + " " + inReview + " " + asyncJobs + " " + queued + " " + unsent;
    }

    private static void report(Connection c, UUID tenant, Path sinkFile) throws SQLException, IOException {
        Map<String, Instant> warningAt = new HashMap<>();
        try (PreparedStatement ps = c.prepareStatement(
                "select id, warning_at from app.dsar_request where tenant_id = ? and request_type = 'ACCESS'")) {
            ps.setObject(1, tenant);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    warningAt.put(rs.getString(1), rs.getTimestamp(2).toInstant());
                }
            }
        }
        List<Long> fired = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement("select entity_id, created_at from app.audit_event"
                + " where tenant_id = ? and event_type = 'dsar.deadline.warning'")) {
            ps.setObject(1, tenant);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    late(warningAt, rs.getString(1), rs.getTimestamp(2), fired);
                }
            }
        }
        List<Long> queued = new ArrayList<>();
        List<Long> sent = new ArrayList<>();
        long unsent = 0;
        try (PreparedStatement ps = c.prepareStatement("select subject, created_at, sent_at from app.mail_outbox"
                + " where tenant_id = ? and subject like 'Due soon: request %'")) {
            ps.setObject(1, tenant);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    String id = reference(rs.getString(1));
                    late(warningAt, id, rs.getTimestamp(2), queued);
                    if (rs.getTimestamp(3) == null) {
                        unsent++;
                    } else {
                        late(warningAt, id, rs.getTimestamp(3), sent);
                    }
                }
            }
        }
        List<Long> received = new ArrayList<>();
        for (String line : Files.readAllLines(sinkFile, StandardCharsets.UTF_8)) {
            int tab = line.indexOf('\t');
            String id = reference(line.substring(tab + 1));
            if (id != null) {
                late(warningAt, id, new Timestamp(Long.parseLong(line.substring(0, tab))), received);
            }
        }
        long distinct = warningAt.values().stream().distinct().count();
        System.out.printf("%d ACCESS requests, %d distinct warning instant(s) (%s); %d warning mails queued, %d unsent%n",
                warningAt.size(), distinct, warningAt.values().stream().min(Instant::compareTo).orElse(null),
                queued.size(), unsent);
        System.out.println("| after the warning instant | count | p50 s | p90 s | p99 s | max s | within 60 s |");
        System.out.println("|---|---|---|---|---|---|---|");
        row("timer job ran (audit `dsar.deadline.warning`)", fired);
        row("mail queued (outbox `created_at`)", queued);
        row("mail sent (outbox `sent_at`)", sent);
        row("mail received by the SMTP server", received);
    }

    private static void late(Map<String, Instant> warningAt, String id, Timestamp at, List<Long> into) {
        Instant due = id == null ? null : warningAt.get(id);
        if (due != null) {
            into.add(Duration.between(due, at.toInstant()).toMillis());
        }
    }

    private static String reference(String subject) {
        Matcher m = REFERENCE.matcher(subject);
        return m.find() ? m.group(1) : null;
    }

    private static void row(String what, List<Long> lateness) {
        long[] ms = lateness.stream().mapToLong(Long::longValue).sorted().toArray();
        long within = Arrays.stream(ms).filter(v -> v <= WINDOW.toMillis()).count();
        System.out.printf("| %s | %,d | %s | %s | %s | %s | %,d (%.1f %%) |%n", what, ms.length, s(ms, 0.50), s(ms, 0.90),
                s(ms, 0.99), ms.length == 0 ? "-" : String.format("%.2f", ms[ms.length - 1] / 1000.0), within,
                ms.length == 0 ? 0.0 : 100.0 * within / ms.length);
    }

    private static String s(long[] sorted, double quantile) {
        if (sorted.length == 0) {
            return "-";
        }
        return String.format("%.2f", sorted[Math.min(sorted.length - 1, (int) Math.ceil(quantile * sorted.length) - 1)] / 1000.0);
    }

    private static long count(Connection c, String sql, UUID tenant) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setObject(1, tenant);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        }
    }
}
