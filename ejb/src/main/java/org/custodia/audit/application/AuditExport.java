package org.custodia.audit.application;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import jakarta.ejb.Stateless;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;

import org.custodia.audit.domain.AuditCheckpoint;
import org.custodia.audit.domain.AuditExportFilter;
import org.custodia.audit.domain.ChainVerification;
import org.custodia.platform.context.Actor;
import org.custodia.platform.persistence.TenantSession;
import org.custodia.platform.problem.ProblemException;
import org.custodia.reports.model.Report;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * Audit log export. {@link #prepare} verifies the chain, takes a signed checkpoint and records the
 * export as an audit event; the events written are those up to that checkpoint, streamed from the
 * database (CSV, NDJSON) or rendered as a PAdES-signed PDF/A report.
 */
@Stateless
public class AuditExport {

    public enum Format { CSV, NDJSON, PDF }

    public static final int PDF_MAX_EVENTS = 10_000;
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String COLUMNS = "seq, created_at, event_type, entity_type, entity_id, actor, request_id,"
            + " payload::text, previous_hash, event_hash";

    public record Manifest(UUID exportId, Format format, AuditExportFilter filter, ChainVerification chain,
                           AuditCheckpoint checkpoint) {

        /** The manifest as JSON: what NDJSON exports start with and CSV exports carry in a header. */
        public ObjectNode toJson() {
            ObjectNode m = JSON.createObjectNode();
            m.put("record", "export");
            m.put("exportId", exportId.toString());
            m.put("tenantId", checkpoint.tenantId().toString());
            m.put("format", format.name().toLowerCase());
            m.set("filter", JSON.valueToTree(filter.describe()));
            m.set("chain", JSON.valueToTree(chain));
            m.set("checkpoint", JSON.valueToTree(checkpoint.toMap()));
            return m;
        }
    }

    @PersistenceContext(unitName = "custodia")
    EntityManager em;

    @Inject
    TenantSession tenantSession;

    @Inject
    AuditTrail audit;

    @Inject
    AuditCheckpoints checkpoints;

    @Inject
    org.custodia.report.application.EvidencePdf evidence;

    public Manifest prepare(Actor actor, AuditExportFilter filter, Format format) throws SQLException, GeneralSecurityException {
        tenantSession.bind(actor.tenantId());
        if (format == Format.PDF) {
            long rows = count(actor.tenantId(), filter, Long.MAX_VALUE);
            if (rows > PDF_MAX_EVENTS) {
                throw ProblemException.invalid("format", "a PDF export holds at most " + PDF_MAX_EVENTS
                        + " events (this filter matches " + rows + "): narrow the filter or export csv or ndjson");
            }
        }
        ChainVerification chain = audit.verify(actor.tenantId());
        AuditCheckpoint checkpoint = checkpoints.take(actor);
        UUID exportId = UUID.randomUUID();
        Map<String, Object> payload = new LinkedHashMap<>();
        payload.put("format", format.name().toLowerCase());
        payload.put("filter", filter.describe());
        payload.put("checkpointSeq", checkpoint.headSeq());
        payload.put("chainIntact", chain.intact());
        audit.append(actor, "audit.exported", "audit_export", exportId.toString(), payload);
        return new Manifest(exportId, format, filter, chain, checkpoint);
    }

    /** Streams CSV or NDJSON: every matching event up to the manifest's checkpoint, in sequence order. */
    public long writeLines(UUID tenantId, Manifest manifest, OutputStream out) throws SQLException, IOException {
        Writer writer = new BufferedWriter(new OutputStreamWriter(out, StandardCharsets.UTF_8), 64 * 1024);
        boolean csv = manifest.format() == Format.CSV;
        if (csv) {
            writer.write("seq,created_at,event_type,entity_type,entity_id,actor,request_id,payload,previous_hash,event_hash\r\n");
        } else {
            writer.write(JSON.writeValueAsString(manifest.toJson()));
            writer.write('\n');
        }
        long written = 0;
        try (Connection c = tenantSession.connection(tenantId);
             PreparedStatement ps = select(c, tenantId, manifest.filter(), manifest.checkpoint().headSeq());
             ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                written++;
                if (csv) {
                    for (int i = 1; i <= 10; i++) {
                        if (i > 1) {
                            writer.write(',');
                        }
                        writer.write(csvCell(i == 2 ? rs.getTimestamp(2).toInstant().toString() : rs.getString(i)));
                    }
                    writer.write("\r\n");
                } else {
                    ObjectNode e = JSON.createObjectNode();
                    e.put("record", "event");
                    e.put("seq", rs.getLong(1));
                    e.put("createdAt", rs.getTimestamp(2).toInstant().toString());
                    e.put("eventType", rs.getString(3));
                    e.put("entityType", rs.getString(4));
                    e.put("entityId", rs.getString(5));
                    e.put("actor", rs.getString(6));
                    e.put("requestId", rs.getString(7));
                    e.set("payload", JSON.readTree(rs.getString(8)));
                    e.put("previousHash", rs.getString(9));
                    e.put("eventHash", rs.getString(10));
                    writer.write(JSON.writeValueAsString(e));
                    writer.write('\n');
                }
            }
        }
        writer.flush();
        return written;
    }

    /** A PAdES-signed PDF/A report of the matching events with the chain result and the signed checkpoint. */
    public byte[] renderPdf(UUID tenantId, Manifest manifest) throws SQLException, IOException, GeneralSecurityException {
        tenantSession.bind(tenantId);
        List<List<String>> rows = new ArrayList<>();
        try (Connection c = tenantSession.connection(tenantId);
             PreparedStatement ps = select(c, tenantId, manifest.filter(), manifest.checkpoint().headSeq());
             ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                rows.add(List.of(String.valueOf(rs.getLong(1)), rs.getTimestamp(2).toInstant().toString(),
                        rs.getString(3), rs.getString(4) + " " + rs.getString(5), rs.getString(6),
                        rs.getString(10).substring(0, 16) + "…"));
            }
        }
        List<String> filter = manifest.filter().describeLines();
        List<Report.Block> body = List.of(
                new Report.Paragraph("Events of the tenant's hash-chained audit log up to the signed checkpoint, in"
                        + " sequence order. Filter: " + (filter.isEmpty() ? "none (all events)" : String.join("; ", filter))
                        + ". Events exported: " + rows.size() + "."),
                new Report.Table(List.of("Seq", "Recorded at", "Event", "Entity", "Actor", "Hash"), rows));
        return evidence.render(tenantId, "Audit log export", manifest.exportId(), body, manifest.chain(),
                manifest.checkpoint(), "Custodia audit log export");
    }

    private long count(UUID tenantId, AuditExportFilter filter, long maxSeq) throws SQLException {
        List<Object> parameters = new ArrayList<>();
        String conditions = filter.conditions(parameters);
        try (Connection c = tenantSession.connection(tenantId);
             PreparedStatement ps = c.prepareStatement("select count(*) from app.audit_event where tenant_id = ?"
                     + " and seq <= ?" + conditions)) {
            bind(ps, tenantId, maxSeq, parameters);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        }
    }

    private static PreparedStatement select(Connection c, UUID tenantId, AuditExportFilter filter, long maxSeq)
            throws SQLException {
        List<Object> parameters = new ArrayList<>();
        String conditions = filter.conditions(parameters);
        PreparedStatement ps = c.prepareStatement("select " + COLUMNS + " from app.audit_event where tenant_id = ?"
                + " and seq <= ?" + conditions + " order by seq");
        ps.setFetchSize(1000);
        bind(ps, tenantId, maxSeq, parameters);
        return ps;
    }

    private static void bind(PreparedStatement ps, UUID tenantId, long maxSeq, List<Object> parameters) throws SQLException {
        ps.setObject(1, tenantId);
        ps.setLong(2, maxSeq);
        for (int i = 0; i < parameters.size(); i++) {
            ps.setObject(3 + i, parameters.get(i));
        }
    }

    /** RFC 4180 quoting, and a leading quote on cells a spreadsheet would run as a formula. */
    static String csvCell(String value) {
        if (value == null) {
            return "";
        }
        String v = !value.isEmpty() && "=+-@\t\r".indexOf(value.charAt(0)) >= 0 ? "'" + value : value;
        if (v.indexOf(',') >= 0 || v.indexOf('"') >= 0 || v.indexOf('\n') >= 0 || v.indexOf('\r') >= 0) {
            return '"' + v.replace("\"", "\"\"") + '"';
        }
        return v;
    }
}
