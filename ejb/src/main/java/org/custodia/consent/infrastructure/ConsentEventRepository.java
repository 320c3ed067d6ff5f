package org.custodia.consent.infrastructure;

import java.io.IOException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

import jakarta.ejb.Stateless;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;

import org.custodia.consent.domain.ConsentEvent;
import org.custodia.consent.domain.ImportBatch;
import org.custodia.platform.context.Actor;
import org.custodia.platform.persistence.TenantSession;

/**
 * The append-only consent ledger {@code app.consent_event}: single events through JPA, imported batches as one
 * {@code unnest} insert, and the whole ledger streamed for export. Runs in the calling service's transaction,
 * bound to its tenant; the export stream binds its own connection.
 */
@Stateless
public class ConsentEventRepository {

    /** One ledger event as the export writes it. */
    public record LedgerEntry(String id, String subjectId, String purposeKey, int purposeVersion, String decision, String source,
                              Instant recordedAt, Integer noticeVersion, String noticeHash, Instant expiresAt, String endsEvent) {
    }

    /** Receives the export's events, oldest first. */
    public interface LedgerSink {
        void accept(LedgerEntry entry) throws IOException;
    }

    @PersistenceContext(unitName = "custodia")
    EntityManager em;

    @Inject
    TenantSession tenantSession;

    /** Appends one event and flushes it, so the projection and audit can name it in the same transaction. */
    public void append(ConsentEvent event) {
        em.persist(event);
        em.flush();
    }

    public ConsentEvent find(UUID eventId) {
        return em.find(ConsentEvent.class, eventId);
    }

    /** A subject's events, oldest first. */
    public List<ConsentEvent> history(UUID tenantId, String subjectId) {
        return em.createQuery("select e from ConsentEvent e where e.tenantId = :t and e.subjectId = :s"
                        + " order by e.recordedAt, e.id", ConsentEvent.class)
                .setParameter("t", tenantId)
                .setParameter("s", subjectId)
                .getResultList();
    }

    public long count() {
        return ((Number) em.createNativeQuery("select count(*) from app.consent_event").getSingleResult()).longValue();
    }

    /** Appends an import batch's events in one statement, on the transaction's own connection. */
    public void appendImported(Actor actor, List<ImportBatch.Row> rows) {
        int n = rows.size();
        if (n == 0) {
            return;
        }
        UUID[] ids = new UUID[n];
        String[] subjects = new String[n];
        UUID[] purposeIds = new UUID[n];
        Integer[] purposeVersions = new Integer[n];
        String[] decisions = new String[n];
        Timestamp[] recorded = new Timestamp[n];
        Integer[] noticeVersions = new Integer[n];
        String[] noticeHashes = new String[n];
        Timestamp[] expires = new Timestamp[n];
        for (int i = 0; i < n; i++) {
            ImportBatch.Row r = rows.get(i);
            ids[i] = r.eventId();
            subjects[i] = r.subjectId();
            purposeIds[i] = r.purposeId();
            purposeVersions[i] = r.purposeVersion();
            decisions[i] = r.decision().name();
            recorded[i] = Timestamp.from(r.recordedAt());
            noticeVersions[i] = r.noticeVersion();
            noticeHashes[i] = r.noticeHash();
            expires[i] = r.expiresAt() == null ? null : Timestamp.from(r.expiresAt());
        }
        Connection c = TransactionConnection.of(em);
        try (PreparedStatement events = c.prepareStatement("insert into app.consent_event (id, tenant_id, subject_id, purpose_id,"
                + " purpose_version, decision, source, actor, request_id, recorded_at, notice_version, notice_hash, expires_at)"
                + " select u.id, ?, u.subject, u.purpose, u.pv, u.decision, 'import', ?, ?, u.recorded, u.nv, u.nh, u.expires"
                + " from unnest(?::uuid[], ?::text[], ?::uuid[], ?::int[], ?::text[], ?::timestamptz[], ?::int[], ?::text[], ?::timestamptz[])"
                + " as u(id, subject, purpose, pv, decision, recorded, nv, nh, expires)")) {
            events.setObject(1, actor.tenantId());
            events.setString(2, actor.principal());
            events.setString(3, actor.requestId());
            events.setArray(4, c.createArrayOf("uuid", ids));
            events.setArray(5, c.createArrayOf("text", subjects));
            events.setArray(6, c.createArrayOf("uuid", purposeIds));
            events.setArray(7, c.createArrayOf("int4", purposeVersions));
            events.setArray(8, c.createArrayOf("text", decisions));
            events.setArray(9, c.createArrayOf("timestamptz", recorded));
            events.setArray(10, c.createArrayOf("int4", noticeVersions));
            events.setArray(11, c.createArrayOf("text", noticeHashes));
            events.setArray(12, c.createArrayOf("timestamptz", expires));
            events.executeUpdate();
        } catch (SQLException e) {
            throw new IllegalStateException("batch failed", e);
        }
    }

    /** Streams the tenant's whole ledger, oldest first, on a connection bound to the tenant (JDBC, fetched in pages). */
    public void eachEvent(UUID tenantId, LedgerSink sink) throws SQLException, IOException {
        try (Connection c = tenantSession.connection(tenantId);
             PreparedStatement ps = c.prepareStatement("select e.id, e.subject_id, p.purpose_key, e.purpose_version, e.decision, e.source,"
                     + " e.recorded_at, e.notice_version, e.notice_hash, e.expires_at, e.related_event from app.consent_event e"
                     + " join app.consent_purpose p on p.id = e.purpose_id order by e.recorded_at, e.id")) {
            ps.setFetchSize(2000);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    int nv = rs.getInt(8);
                    Integer noticeVersion = rs.wasNull() ? null : nv;
                    Timestamp expires = rs.getTimestamp(10);
                    sink.accept(new LedgerEntry(rs.getString(1), rs.getString(2), rs.getString(3), rs.getInt(4), rs.getString(5),
                            rs.getString(6), rs.getTimestamp(7).toInstant(), noticeVersion, rs.getString(9),
                            expires == null ? null : expires.toInstant(), rs.getString(11)));
                }
            }
        }
    }
}
