package org.custodia.audit.infrastructure;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;

import org.custodia.audit.domain.AuditEvent;
import org.custodia.audit.domain.AuditEventHasher;
import org.custodia.audit.domain.AuditRecord;
import org.custodia.audit.domain.ChainHead;
import org.custodia.audit.domain.PendingAuditEvent;
import org.custodia.platform.persistence.TenantSession;

/**
 * A tenant's audit chain as stored: the head row ({@code app.audit_chain_head}) and the events
 * ({@code app.audit_event}). Runs in the caller's transaction, which has the tenant bound.
 */
@ApplicationScoped
public class AuditEventRepository {

    /** Sees the stored events of a chain walk in sequence order. */
    @FunctionalInterface
    public interface EventReader {
        /** @return whether the reader still wants records; once false the remaining rows are only counted */
        boolean read(AuditRecord record, String storedHash);
    }

    /** What a chain walk found: the head as stored before the events were read, and how many events there are. */
    public record ChainScan(Optional<ChainHead> head, long eventCount) {
    }

    private static final String LOCK_HEAD =
            "select last_seq, last_hash from app.audit_chain_head where tenant_id = ? for update";

    @PersistenceContext(unitName = "custodia")
    EntityManager em;

    @Inject
    TenantSession tenantSession;

    /** Writes the transaction's pending JPA changes, so an event is never stored before the changes it describes. */
    public void flushPending() {
        em.flush();
    }

    public void openChain(UUID tenantId, String genesisHash) {
        em.createNativeQuery("insert into app.audit_chain_head (tenant_id, last_seq, last_hash) values (?1, 0, ?2)")
                .setParameter(1, tenantId)
                .setParameter(2, genesisHash)
                .executeUpdate();
    }

    /** The head, locked for the rest of the transaction (a checkpoint signs it; no event is chained meanwhile). */
    public ChainHead lockHead(UUID tenantId) {
        Object[] head = (Object[]) em.createNativeQuery(LOCK_HEAD.replace("?", "?1"))
                .setParameter(1, tenantId)
                .getSingleResult();
        return new ChainHead(((Number) head[0]).longValue(), (String) head[1]);
    }

    /**
     * Links {@code pending} after the tenant's head in their order, stores them and moves the head, on the
     * transaction's own connection, in one statement ({@code app.chain_audit_events}: the head is locked there and
     * stays locked until the transaction ends). Each event's canonical document is built here, before the lock; the
     * database fills in the previous hash and sequence number and hashes it as {@link AuditEventHasher#hash} does.
     */
    public void chain(UUID tenantId, List<PendingAuditEvent> pending, Instant at) throws SQLException {
        int n = pending.size();
        String[][] columns = new String[9][n];
        for (int i = 0; i < n; i++) {
            PendingAuditEvent e = pending.get(i);
            AuditEventHasher.DocumentParts parts = AuditEventHasher.documentParts(tenantId, e.eventType(), e.entityType(),
                    e.entityId(), e.actor(), e.requestId(), e.canonicalPayload(), at);
            String[] row = {e.eventType(), e.entityType(), e.entityId(), e.actor(), e.requestId(), e.canonicalPayload(),
                    parts.beforePreviousHash(), parts.beforeSeq(), parts.afterSeq()};
            for (int c = 0; c < row.length; c++) {
                columns[c][i] = row[c];
            }
        }
        try (Connection c = tenantSession.connection(tenantId);
             PreparedStatement ps = c.prepareStatement(
                     "select app.chain_audit_events(?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
            ps.setObject(1, tenantId);
            ps.setTimestamp(2, Timestamp.from(at));
            for (int col = 0; col < 9; col++) {
                ps.setArray(3 + col, c.createArrayOf("text", columns[col]));
            }
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
            }
        }
    }

    /** The stored hash of the event at {@code seq}, if there is one. */
    public Optional<String> hashAt(UUID tenantId, long seq) {
        @SuppressWarnings("unchecked")
        List<String> hashes = em.createNativeQuery(
                        "select event_hash from app.audit_event where tenant_id = ?1 and seq = ?2")
                .setParameter(1, tenantId)
                .setParameter(2, seq)
                .getResultList();
        return hashes.size() == 1 ? Optional.of(hashes.get(0)) : Optional.empty();
    }

    /** One entity's events, in sequence order (at most {@code limit}). */
    public List<AuditEvent> forEntity(UUID tenantId, String entityType, String entityId, int limit) {
        return em.createQuery("select e from AuditEvent e where e.tenantId = :t and e.entityType = :type and e.entityId = :id"
                        + " order by e.seq", AuditEvent.class)
                .setParameter("t", tenantId)
                .setParameter("type", entityType)
                .setParameter("id", entityId)
                .setMaxResults(limit)
                .getResultList();
    }

    /** One entity's events and those of the tasks whose business key it is, in sequence order (at most {@code limit}). */
    public List<AuditEvent> forEntityWithTasks(UUID tenantId, String entityType, String entityId, int limit) {
        @SuppressWarnings("unchecked")
        List<Number> taskSeqs = em.createNativeQuery("select seq from app.audit_event where tenant_id = ?1 and entity_type = 'task'"
                        + " and payload ->> 'businessKey' = ?2 order by seq limit ?3")
                .setParameter(1, tenantId).setParameter(2, entityId).setParameter(3, limit).getResultList();
        if (taskSeqs.isEmpty()) {
            return forEntity(tenantId, entityType, entityId, limit);
        }
        return em.createQuery("select e from AuditEvent e where e.tenantId = :t and ((e.entityType = :type and e.entityId = :id)"
                        + " or e.seq in :seqs) order by e.seq", AuditEvent.class)
                .setParameter("t", tenantId)
                .setParameter("type", entityType)
                .setParameter("id", entityId)
                .setParameter("seqs", taskSeqs.stream().map(Number::longValue).toList())
                .setMaxResults(limit)
                .getResultList();
    }

    /** The last {@code limit} events, in sequence order. */
    public List<AuditEvent> latest(UUID tenantId, int limit) {
        List<AuditEvent> newestFirst = em.createQuery("select e from AuditEvent e where e.tenantId = :t order by e.seq desc",
                        AuditEvent.class)
                .setParameter("t", tenantId)
                .setMaxResults(limit)
                .getResultList();
        List<AuditEvent> inOrder = new ArrayList<>(newestFirst);
        Collections.reverse(inOrder);
        return inOrder;
    }

    public List<AuditEvent> after(UUID tenantId, long afterSeq, int limit) {
        return em.createQuery("select e from AuditEvent e where e.tenantId = :t and e.seq > :after order by e.seq",
                        AuditEvent.class)
                .setParameter("t", tenantId)
                .setParameter("after", afterSeq)
                .setMaxResults(limit)
                .getResultList();
    }

    /**
     * Reads the head, then streams every event in sequence order ({@code fetchSize} rows per round trip) to
     * {@code reader}, on the transaction's own connection.
     */
    public ChainScan walk(UUID tenantId, int fetchSize, EventReader reader) throws SQLException {
        try (Connection c = tenantSession.connection(tenantId)) {
            Optional<ChainHead> head = Optional.empty();
            try (PreparedStatement ps = c.prepareStatement(
                    "select last_seq, last_hash from app.audit_chain_head where tenant_id = ?")) {
                ps.setObject(1, tenantId);
                try (ResultSet rs = ps.executeQuery()) {
                    if (rs.next()) {
                        head = Optional.of(new ChainHead(rs.getLong(1), rs.getString(2)));
                    }
                }
            }
            long count = 0;
            boolean reading = true;
            try (PreparedStatement ps = c.prepareStatement(
                    "select seq, event_type, entity_type, entity_id, actor, request_id, payload::text, previous_hash,"
                            + " event_hash, created_at from app.audit_event where tenant_id = ? order by seq")) {
                ps.setFetchSize(fetchSize);
                ps.setObject(1, tenantId);
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        count++;
                        if (reading) {
                            reading = reader.read(new AuditRecord(tenantId, rs.getLong(1), rs.getString(2),
                                    rs.getString(3), rs.getString(4), rs.getString(5), rs.getString(6), rs.getString(7),
                                    rs.getString(8), rs.getTimestamp(10).toInstant()), rs.getString(9));
                        }
                    }
                }
            }
            return new ChainScan(head, count);
        }
    }
}
