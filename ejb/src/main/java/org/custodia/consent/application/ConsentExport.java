package org.custodia.consent.application;

import java.io.IOException;
import java.io.OutputStream;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;

import jakarta.ejb.Stateless;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import org.custodia.audit.application.AuditTrail;
import org.custodia.platform.context.Actor;
import org.custodia.platform.persistence.TenantSession;

/**
 * Export of a tenant's whole consent ledger (NDJSON). Taking the ledger is itself recorded, as an audit
 * export is: {@link #prepare} appends {@code consent.exported} (who, when, how many events) before a byte
 * is streamed.
 */
@Stateless
public class ConsentExport {

    private static final ObjectMapper JSON = new ObjectMapper();

    @PersistenceContext(unitName = "custodia")
    EntityManager em;

    @Inject
    TenantSession tenantSession;

    @Inject
    AuditTrail audit;

    /** Records the export in the audit chain; returns its id. */
    public UUID prepare(Actor actor) {
        tenantSession.bind(actor.tenantId());
        long events = ((Number) em.createNativeQuery("select count(*) from app.consent_event").getSingleResult()).longValue();
        UUID exportId = UUID.randomUUID();
        Map<String, Object> payload = new LinkedHashMap<>();
        payload.put("format", "ndjson");
        payload.put("events", events);
        audit.append(actor, "consent.exported", "consent_export", exportId.toString(), payload);
        return exportId;
    }

    /** Streams the ledger as NDJSON, oldest first. */
    public long writeNdjson(UUID tenantId, OutputStream out) throws SQLException, IOException {
        long n = 0;
        try (Connection c = tenantSession.connection(tenantId);
             PreparedStatement ps = c.prepareStatement("select e.id, e.subject_id, p.purpose_key, e.purpose_version, e.decision, e.source,"
                     + " e.recorded_at, e.notice_version, e.notice_hash, e.expires_at, e.related_event from app.consent_event e"
                     + " join app.consent_purpose p on p.id = e.purpose_id order by e.recorded_at, e.id")) {
            ps.setFetchSize(2000);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    ObjectNode line = JSON.createObjectNode();
                    line.put("id", rs.getString(1));
                    line.put("subject", rs.getString(2));
                    line.put("purpose", rs.getString(3));
                    line.put("purposeVersion", rs.getInt(4));
                    line.put("decision", rs.getString(5));
                    line.put("source", rs.getString(6));
                    line.put("recordedAt", rs.getTimestamp(7).toInstant().toString());
                    int nv = rs.getInt(8);
                    if (!rs.wasNull()) {
                        line.put("noticeVersion", nv);
                        line.put("noticeHash", rs.getString(9));
                    }
                    if (rs.getTimestamp(10) != null) {
                        line.put("expiresAt", rs.getTimestamp(10).toInstant().toString());
                    }
                    if (rs.getString(11) != null) {
                        line.put("ends", rs.getString(11));
                    }
                    out.write(JSON.writeValueAsBytes(line));
                    out.write('\n');
                    n++;
                }
            }
        }
        return n;
    }
}
