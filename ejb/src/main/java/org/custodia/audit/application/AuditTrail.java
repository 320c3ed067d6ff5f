package org.custodia.audit.application;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.concurrent.CompletableFuture;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;

import org.custodia.audit.domain.AuditEvent;
import org.custodia.audit.domain.AuditEventHasher;
import org.custodia.audit.domain.AuditRecord;
import org.custodia.audit.domain.ChainVerification;
import org.custodia.platform.context.Actor;
import org.custodia.platform.persistence.TenantSession;

/**
 * The tenant's audit chain. {@link #append} joins the caller's transaction, so an event exists if and
 * only if the change it describes committed; the chain head row is locked for the rest of that
 * transaction, which serialises appends per tenant.
 */
@Stateless
public class AuditTrail {

    @PersistenceContext(unitName = "custodia")
    EntityManager em;

    @Inject
    TenantSession tenantSession;

    private static final int VERIFY_BATCH = 4096;
    private final Clock clock = Clock.systemUTC();

    /** Starts a tenant's chain; called once, in the transaction that creates the tenant. */
    @TransactionAttribute(TransactionAttributeType.MANDATORY)
    public void open(UUID tenantId) {
        em.flush();
        em.createNativeQuery("insert into app.audit_chain_head (tenant_id, last_seq, last_hash) values (?1, 0, ?2)")
                .setParameter(1, tenantId)
                .setParameter(2, AuditEventHasher.GENESIS_HASH)
                .executeUpdate();
    }

    @TransactionAttribute(TransactionAttributeType.MANDATORY)
    public long append(Actor actor, String eventType, String entityType, String entityId, Map<String, ?> payload) {
        em.flush(); // earlier changes of this transaction reach the database before the event that describes them
        Object[] head = (Object[]) em.createNativeQuery(
                        "select last_seq, last_hash from app.audit_chain_head where tenant_id = ?1 for update")
                .setParameter(1, actor.tenantId())
                .getSingleResult();
        long seq = ((Number) head[0]).longValue() + 1;
        AuditRecord record = new AuditRecord(actor.tenantId(), seq, eventType, entityType, entityId,
                actor.principal(), actor.requestId(), AuditEventHasher.canonicalize(payload), (String) head[1],
                Instant.now(clock));
        String hash = AuditEventHasher.hash(record);
        em.createNativeQuery("insert into app.audit_event (tenant_id, seq, event_type, entity_type, entity_id, actor,"
                        + " request_id, payload, previous_hash, event_hash, created_at)"
                        + " values (?1, ?2, ?3, ?4, ?5, ?6, ?7, cast(?8 as jsonb), ?9, ?10, ?11)")
                .setParameter(1, record.tenantId())
                .setParameter(2, seq)
                .setParameter(3, eventType)
                .setParameter(4, entityType)
                .setParameter(5, entityId)
                .setParameter(6, record.actor())
                .setParameter(7, record.requestId())
                .setParameter(8, record.canonicalPayload())
                .setParameter(9, record.previousHash())
                .setParameter(10, hash)
                .setParameter(11, java.sql.Timestamp.from(record.createdAt()))
                .executeUpdate();
        em.createNativeQuery("update app.audit_chain_head set last_seq = ?1, last_hash = ?2 where tenant_id = ?3")
                .setParameter(1, seq)
                .setParameter(2, hash)
                .setParameter(3, actor.tenantId())
                .executeUpdate();
        return seq;
    }

    public List<AuditEvent> events(UUID tenantId, long afterSeq, int limit) {
        tenantSession.bind(tenantId);
        return em.createQuery("select e from AuditEvent e where e.tenantId = :t and e.seq > :after order by e.seq",
                        AuditEvent.class)
                .setParameter("t", tenantId)
                .setParameter("after", afterSeq)
                .setMaxResults(limit)
                .getResultList();
    }

    /** Walks the whole chain in sequence order, streaming rows, and reports the first bad link. */
    public ChainVerification verify(UUID tenantId) throws SQLException {
        try (Connection c = tenantSession.connection(tenantId)) {
            long headSeq = 0;
            String headHash = AuditEventHasher.GENESIS_HASH;
            try (PreparedStatement ps = c.prepareStatement(
                    "select last_seq, last_hash from app.audit_chain_head where tenant_id = ?")) {
                ps.setObject(1, tenantId);
                try (ResultSet rs = ps.executeQuery()) {
                    if (rs.next()) {
                        headSeq = rs.getLong(1);
                        headHash = rs.getString(2);
                    }
                }
            }
            ChainWalk walk = new ChainWalk();
            try (PreparedStatement ps = c.prepareStatement(
                    "select seq, event_type, entity_type, entity_id, actor, request_id, payload::text, previous_hash,"
                            + " event_hash, created_at from app.audit_event where tenant_id = ? order by seq")) {
                ps.setFetchSize(VERIFY_BATCH);
                ps.setObject(1, tenantId);
                try (ResultSet rs = ps.executeQuery()) {
                    // this thread reads (the connection belongs to the transaction) while other cores hash the
                    // batches already read; links are checked in order as the hashed batches come back
                    Deque<CompletableFuture<HashedBatch>> hashing = new ArrayDeque<>();
                    List<AuditRecord> batch = new ArrayList<>(VERIFY_BATCH);
                    List<String> stored = new ArrayList<>(VERIFY_BATCH);
                    while (rs.next()) {
                        walk.count++;
                        if (walk.broken != null) {
                            continue; // the first break is known: only count the rest
                        }
                        batch.add(new AuditRecord(tenantId, rs.getLong(1), rs.getString(2), rs.getString(3),
                                rs.getString(4), rs.getString(5), rs.getString(6), rs.getString(7),
                                rs.getString(8), rs.getTimestamp(10).toInstant()));
                        stored.add(rs.getString(9));
                        if (batch.size() == VERIFY_BATCH) {
                            hashing.add(HashedBatch.hashAsync(batch, stored));
                            batch = new ArrayList<>(VERIFY_BATCH);
                            stored = new ArrayList<>(VERIFY_BATCH);
                            while (hashing.size() > 2) {
                                walk.check(hashing.poll().join());
                            }
                        }
                    }
                    hashing.add(HashedBatch.hashAsync(batch, stored));
                    while (!hashing.isEmpty()) {
                        walk.check(hashing.poll().join());
                    }
                }
            }
            long count = walk.count;
            long expectedSeq = walk.expectedSeq;
            String previous = walk.previous;
            Long broken = walk.broken;
            if (broken == null && (expectedSeq - 1 != headSeq || !previous.equals(headHash))) {
                broken = expectedSeq; // events missing at the end, or the head was moved
            }
            return new ChainVerification(broken == null, count, headSeq, headHash, broken);
        }
    }

    /** A batch of events read in order, with the hash each one should have. */
    private record HashedBatch(List<AuditRecord> records, List<String> stored, String[] computed) {
        static CompletableFuture<HashedBatch> hashAsync(List<AuditRecord> records, List<String> stored) {
            return CompletableFuture.supplyAsync(() -> new HashedBatch(records, stored,
                    records.stream().map(AuditEventHasher::hash).toArray(String[]::new)));
        }
    }

    /** The in-order part of verification: sequence numbers without gaps, each link to the previous hash. */
    private static final class ChainWalk {
        long count;
        long expectedSeq = 1;
        String previous = AuditEventHasher.GENESIS_HASH;
        Long broken;

        void check(HashedBatch batch) {
            for (int i = 0; i < batch.records().size() && broken == null; i++) {
                AuditRecord r = batch.records().get(i);
                String stored = batch.stored().get(i);
                if (r.seq() != expectedSeq || !previous.equals(r.previousHash()) || !batch.computed()[i].equals(stored)) {
                    broken = Math.min(r.seq(), expectedSeq);
                }
                previous = stored;
                expectedSeq = r.seq() + 1;
            }
        }
    }
}
