package org.custodia.evidence.infrastructure;

import java.sql.Timestamp;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;

import org.custodia.evidence.domain.AuditCheckpoint;

/** Signed checkpoints ({@code app.audit_checkpoint}), in the caller's transaction with the tenant bound. */
@ApplicationScoped
public class CheckpointRepository {

    /** The chain's head and the type of the event there (null for an empty chain). */
    public record ChainTip(long headSeq, String headEventType) {
    }

    @PersistenceContext(unitName = "custodia")
    EntityManager em;

    /** This tenant's checkpoint lock for the rest of the transaction, without waiting; false when another holds it. */
    public boolean tryLock(UUID tenantId) {
        return (Boolean) em.createNativeQuery("select pg_try_advisory_xact_lock(hashtext('checkpoint:' || ?1))")
                .setParameter(1, tenantId.toString()).getSingleResult();
    }

    public ChainTip tip(UUID tenantId) {
        Object[] head = (Object[]) em.createNativeQuery("select h.last_seq, e.event_type from app.audit_chain_head h"
                        + " left join app.audit_event e on e.tenant_id = h.tenant_id and e.seq = h.last_seq"
                        + " where h.tenant_id = ?1")
                .setParameter(1, tenantId).getSingleResult();
        return new ChainTip(((Number) head[0]).longValue(), (String) head[1]);
    }

    /** The head the latest checkpoint signed; empty when there is none. */
    public Optional<Long> lastHeadSeq(UUID tenantId) {
        @SuppressWarnings("unchecked")
        List<Number> last = em.createNativeQuery("select max(head_seq) from app.audit_checkpoint where tenant_id = ?1")
                .setParameter(1, tenantId).getResultList();
        return last.isEmpty() || last.get(0) == null ? Optional.empty() : Optional.of(last.get(0).longValue());
    }

    public void insert(AuditCheckpoint checkpoint) {
        em.createNativeQuery("insert into app.audit_checkpoint (id, tenant_id, head_seq, head_hash, taken_at,"
                        + " signing_key_id, signature) values (?1, ?2, ?3, ?4, ?5, ?6, ?7)")
                .setParameter(1, checkpoint.id())
                .setParameter(2, checkpoint.tenantId())
                .setParameter(3, checkpoint.headSeq())
                .setParameter(4, checkpoint.headHash())
                .setParameter(5, Timestamp.from(checkpoint.takenAt()))
                .setParameter(6, checkpoint.signingKeyId())
                .setParameter(7, checkpoint.signature())
                .executeUpdate();
    }

    /** The latest {@code limit} checkpoints, newest first. */
    public List<AuditCheckpoint> latest(UUID tenantId, int limit) {
        @SuppressWarnings("unchecked")
        List<Object[]> rows = em.createNativeQuery("select id, head_seq, head_hash, taken_at, signing_key_id, signature"
                        + " from app.audit_checkpoint where tenant_id = ?1 order by taken_at desc, head_seq desc limit ?2")
                .setParameter(1, tenantId)
                .setParameter(2, limit)
                .getResultList();
        return rows.stream().map(r -> new AuditCheckpoint((UUID) r[0], tenantId, ((Number) r[1]).longValue(),
                (String) r[2], ((Timestamp) r[3]).toInstant(), (UUID) r[4], (byte[]) r[5])).toList();
    }
}
