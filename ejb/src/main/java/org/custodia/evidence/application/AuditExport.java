package org.custodia.evidence.application;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import jakarta.ejb.Stateless;
import jakarta.inject.Inject;

import org.custodia.audit.application.AuditTrail;
import org.custodia.audit.domain.ChainVerification;
import org.custodia.evidence.domain.AuditCheckpoint;
import org.custodia.evidence.domain.AuditExportFilter;
import org.custodia.evidence.domain.ExportedEvent;
import org.custodia.evidence.infrastructure.ExportedEventRepository;
import org.custodia.platform.context.Actor;
import org.custodia.platform.persistence.TenantId;
import org.custodia.platform.persistence.TenantScoped;
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
@TenantScoped
public class AuditExport {

    public enum Format { CSV, NDJSON, PDF }

    public static final int PDF_MAX_EVENTS = 10_000;
    private static final ObjectMapper JSON = new ObjectMapper();

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

    @Inject
    ExportedEventRepository events;

    @Inject
    AuditTrail audit;

    @Inject
    AuditCheckpoints checkpoints;

    @Inject
    EvidencePdf evidence;

    public Manifest prepare(Actor actor, AuditExportFilter filter, Format format) throws SQLException, GeneralSecurityException {
        if (format == Format.PDF) {
            long rows = events.count(actor.tenantId(), filter, Long.MAX_VALUE);
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
    public long writeLines(@TenantId UUID tenantId, Manifest manifest, OutputStream out) throws SQLException, IOException {
        Writer writer = new BufferedWriter(new OutputStreamWriter(out, StandardCharsets.UTF_8), 64 * 1024);
        boolean csv = manifest.format() == Format.CSV;
        if (csv) {
            writer.write("seq,created_at,event_type,entity_type,entity_id,actor,request_id,payload,previous_hash,event_hash\r\n");
        } else {
            writer.write(JSON.writeValueAsString(manifest.toJson()));
            writer.write('\n');
        }
        long written = events.each(tenantId, manifest.filter(), manifest.checkpoint().headSeq(),
                csv ? e -> writeCsv(writer, e) : e -> writeJson(writer, e));
        writer.flush();
        return written;
    }

    /** A PAdES-signed PDF/A report of the matching events with the chain result and the signed checkpoint. */
    public byte[] renderPdf(@TenantId UUID tenantId, Manifest manifest) throws SQLException, IOException, GeneralSecurityException {
        List<List<String>> rows = new ArrayList<>();
        events.each(tenantId, manifest.filter(), manifest.checkpoint().headSeq(), e -> rows.add(List.of(
                String.valueOf(e.seq()), e.createdAt().toString(), e.eventType(), e.entityType() + " " + e.entityId(),
                e.actor(), e.eventHash().substring(0, 16) + "…")));
        List<String> filter = manifest.filter().describeLines();
        List<Report.Block> body = List.of(
                new Report.Paragraph("Events of the tenant's hash-chained audit log up to the signed checkpoint, in"
                        + " sequence order. Filter: " + (filter.isEmpty() ? "none (all events)" : String.join("; ", filter))
                        + ". Events exported: " + rows.size() + "."),
                new Report.Table(List.of("Seq", "Recorded at", "Event", "Entity", "Actor", "Hash"), rows));
        return evidence.render(tenantId, "Audit log export", manifest.exportId(), body, manifest.chain(),
                manifest.checkpoint(), "Custodia audit log export");
    }

    private static void writeCsv(Writer writer, ExportedEvent e) throws IOException {
        String[] cells = {String.valueOf(e.seq()), e.createdAt().toString(), e.eventType(), e.entityType(), e.entityId(),
                e.actor(), e.requestId(), e.payload(), e.previousHash(), e.eventHash()};
        for (int i = 0; i < cells.length; i++) {
            if (i > 0) {
                writer.write(',');
            }
            writer.write(csvCell(cells[i]));
        }
        writer.write("\r\n");
    }

    private static void writeJson(Writer writer, ExportedEvent event) throws IOException {
        ObjectNode e = JSON.createObjectNode();
        e.put("record", "event");
        e.put("seq", event.seq());
        e.put("createdAt", event.createdAt().toString());
        e.put("eventType", event.eventType());
        e.put("entityType", event.entityType());
        e.put("entityId", event.entityId());
        e.put("actor", event.actor());
        e.put("requestId", event.requestId());
        e.set("payload", JSON.readTree(event.payload()));
        e.put("previousHash", event.previousHash());
        e.put("eventHash", event.eventHash());
        writer.write(JSON.writeValueAsString(e));
        writer.write('\n');
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
