package org.custodia.consent.application;

import java.io.IOException;
import java.io.OutputStream;
import java.sql.SQLException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;

import jakarta.ejb.Stateless;
import jakarta.inject.Inject;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import org.custodia.audit.application.AuditTrail;
import org.custodia.consent.infrastructure.ConsentEventRepository;
import org.custodia.platform.context.Actor;
import org.custodia.platform.persistence.TenantId;
import org.custodia.platform.persistence.TenantScoped;

/**
 * Export of a tenant's whole consent ledger (NDJSON). Taking the ledger is itself recorded, as an audit
 * export is: {@link #prepare} appends {@code consent.exported} (who, when, how many events) before a byte
 * is streamed.
 */
@Stateless
@TenantScoped
public class ConsentExport {

    private static final ObjectMapper JSON = new ObjectMapper();

    @Inject
    ConsentEventRepository events;

    @Inject
    AuditTrail audit;

    /** Records the export in the audit chain; returns its id. */
    public UUID prepare(Actor actor) {
        long count = events.count();
        UUID exportId = UUID.randomUUID();
        Map<String, Object> payload = new LinkedHashMap<>();
        payload.put("format", "ndjson");
        payload.put("events", count);
        audit.append(actor, "consent.exported", "consent_export", exportId.toString(), payload);
        return exportId;
    }

    /** Streams the ledger as NDJSON, oldest first. */
    public long writeNdjson(@TenantId UUID tenantId, OutputStream out) throws SQLException, IOException {
        long[] n = {0};
        events.eachEvent(tenantId, e -> {
            out.write(JSON.writeValueAsBytes(line(e)));
            out.write('\n');
            n[0]++;
        });
        return n[0];
    }

    /** One event as an export line: the notice and its hash only when the event names a notice, ends only when it ends one. */
    static ObjectNode line(ConsentEventRepository.LedgerEntry e) {
        ObjectNode line = JSON.createObjectNode();
        line.put("id", e.id());
        line.put("subject", e.subjectId());
        line.put("purpose", e.purposeKey());
        line.put("purposeVersion", e.purposeVersion());
        line.put("decision", e.decision());
        line.put("source", e.source());
        line.put("recordedAt", e.recordedAt().toString());
        if (e.noticeVersion() != null) {
            line.put("noticeVersion", e.noticeVersion());
            line.put("noticeHash", e.noticeHash());
        }
        if (e.expiresAt() != null) {
            line.put("expiresAt", e.expiresAt().toString());
        }
        if (e.endsEvent() != null) {
            line.put("ends", e.endsEvent());
        }
        return line;
    }
}
