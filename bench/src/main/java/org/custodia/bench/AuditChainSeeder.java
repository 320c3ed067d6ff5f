package org.custodia.bench;

import java.io.IOException;
import java.io.StringReader;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.UUID;

import org.custodia.audit.domain.AuditEventHasher;
import org.custodia.audit.domain.AuditRecord;
import org.postgresql.PGConnection;
import org.postgresql.copy.CopyManager;

/**
 * Appends N correctly chained audit events to a tenant's chain with COPY (as a superuser: COPY FROM is
 * refused under row-level security), and measures a raw JDBC read of the same rows as the baseline
 * for chain verification.
 *
 *   AuditChainSeeder seed JDBC_URL USER PASSWORD TENANT_ID COUNT
 *   AuditChainSeeder read JDBC_URL USER PASSWORD TENANT_ID
 */
public final class AuditChainSeeder {

    public static void main(String[] args) throws Exception {
        try (Connection c = DriverManager.getConnection(args[1], args[2], args[3])) {
            UUID tenant = UUID.fromString(args[4]);
            if (args[0].equals("seed")) {
                seed(c, tenant, Integer.parseInt(args[5]));
            } else {
                read(c, tenant);
            }
        }
    }

    private static void seed(Connection c, UUID tenant, int count) throws SQLException, IOException {
        c.setAutoCommit(false);
        long seq;
        String previous;
        try (PreparedStatement ps = c.prepareStatement(
                "select last_seq, last_hash from app.audit_chain_head where tenant_id = ? for update")) {
            ps.setObject(1, tenant);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                seq = rs.getLong(1);
                previous = rs.getString(2);
            }
        }
        CopyManager copy = ((PGConnection) c.unwrap(PGConnection.class)).getCopyAPI();
        Instant at = Instant.now().truncatedTo(ChronoUnit.MICROS);
        StringBuilder csv = new StringBuilder();
        long started = System.nanoTime();
        for (int i = 0; i < count; i++) {
            seq++;
            String payload = "{\"decision\":\"GRANTED\",\"purpose\":\"marketing-email\",\"purposeVersion\":1,\"source\":\"api\"}";
            AuditRecord r = new AuditRecord(tenant, seq, "consent.granted", "consent_event", UUID.randomUUID().toString(),
                    "api_key:bench000", "bench-" + seq, payload, previous, at.plusNanos(i * 1000L));
            String hash = AuditEventHasher.hash(r);
            csv.append(tenant).append(',').append(seq).append(",consent.granted,consent_event,").append(r.entityId())
                    .append(",api_key:bench000,").append(r.requestId()).append(",\"").append(payload.replace("\"", "\"\""))
                    .append("\",").append(previous).append(',').append(hash).append(',').append(r.createdAt()).append('\n');
            previous = hash;
            if (csv.length() > 8_000_000 || i == count - 1) {
                copy.copyIn("copy app.audit_event (tenant_id, seq, event_type, entity_type, entity_id, actor, request_id,"
                        + " payload, previous_hash, event_hash, created_at) from stdin with (format csv)", new StringReader(csv.toString()));
                csv.setLength(0);
            }
        }
        try (PreparedStatement ps = c.prepareStatement(
                "update app.audit_chain_head set last_seq = ?, last_hash = ? where tenant_id = ?")) {
            ps.setLong(1, seq);
            ps.setString(2, previous);
            ps.setObject(3, tenant);
            ps.executeUpdate();
        }
        c.commit();
        System.out.printf("seeded %d events in %.1f s; head %d%n", count, (System.nanoTime() - started) / 1e9, seq);
    }

    /** The floor for verification: stream the same columns, hash nothing. */
    private static void read(Connection c, UUID tenant) throws SQLException {
        readOnce(c, tenant); // warm-up: JIT and caches, as the server's second verification has them
        readOnce(c, tenant);
    }

    private static void readOnce(Connection c, UUID tenant) throws SQLException {
        c.setAutoCommit(false);
        long started = System.nanoTime();
        long rows = 0;
        long bytes = 0;
        try (PreparedStatement ps = c.prepareStatement("select seq, event_type, entity_type, entity_id, actor, request_id,"
                + " payload::text, previous_hash, event_hash, created_at from app.audit_event where tenant_id = ? order by seq")) {
            ps.setFetchSize(4096);
            ps.setObject(1, tenant);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    rows++;
                    bytes += rs.getString(7).length() + rs.getString(9).length() + rs.getTimestamp(10).getNanos();
                }
            }
        }
        System.out.printf("read %d rows in %.2f s (%d)%n", rows, (System.nanoTime() - started) / 1e9, bytes % 7);
    }
}
