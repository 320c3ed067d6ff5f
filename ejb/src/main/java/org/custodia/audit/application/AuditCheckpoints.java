package org.custodia.audit.application;

import java.security.GeneralSecurityException;
import java.security.Signature;
import java.security.cert.X509Certificate;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;

import org.custodia.platform.persistence.StoredTime;
import org.custodia.audit.domain.AuditCheckpoint;
import org.custodia.audit.domain.CheckpointPolicy;
import org.custodia.crypto.application.TenantSigningKeys;
import org.custodia.platform.context.Actor;
import org.custodia.platform.persistence.TenantSession;

/** Takes, lists and checks signed checkpoints of a tenant's audit chain. */
@Stateless
public class AuditCheckpoints {

    @PersistenceContext(unitName = "custodia")
    EntityManager em;

    @Inject
    TenantSession tenantSession;

    @Inject
    TenantSigningKeys signingKeys;

    @Inject
    AuditTrail audit;

    /** Signs the current head; the checkpoint itself is then recorded as the next audit event. */
    public AuditCheckpoint take(Actor actor) throws GeneralSecurityException {
        tenantSession.bind(actor.tenantId());
        Object[] head = (Object[]) em.createNativeQuery(
                        "select last_seq, last_hash from app.audit_chain_head where tenant_id = ?1 for update")
                .setParameter(1, actor.tenantId())
                .getSingleResult();
        long seq = ((Number) head[0]).longValue();
        String hash = (String) head[1];
        Instant now = StoredTime.now();
        TenantSigningKeys.ActiveKey key = signingKeys.active(actor.tenantId());
        Signature signer = Signature.getInstance(algorithm(key.identity().certificate()));
        signer.initSign(key.identity().privateKey());
        signer.update(AuditCheckpoint.signedContent(actor.tenantId(), seq, hash, now));
        AuditCheckpoint checkpoint = new AuditCheckpoint(UUID.randomUUID(), actor.tenantId(), seq, hash, now, key.id(),
                signer.sign());
        em.createNativeQuery("insert into app.audit_checkpoint (id, tenant_id, head_seq, head_hash, taken_at,"
                        + " signing_key_id, signature) values (?1, ?2, ?3, ?4, ?5, ?6, ?7)")
                .setParameter(1, checkpoint.id())
                .setParameter(2, checkpoint.tenantId())
                .setParameter(3, seq)
                .setParameter(4, hash)
                .setParameter(5, Timestamp.from(now))
                .setParameter(6, key.id())
                .setParameter(7, checkpoint.signature())
                .executeUpdate();
        audit.append(actor, CheckpointPolicy.CHECKPOINT_EVENT, "audit_checkpoint", checkpoint.id().toString(),
                Map.of("headSeq", seq, "headHash", hash));
        return checkpoint;
    }

    /**
     * The scheduled checkpoint of one tenant, in a transaction of its own: skipped when nothing happened
     * since the last one (the chain ends with that checkpoint's own event) or when another node holds
     * this tenant's checkpoint lock.
     *
     * @return whether a checkpoint was taken
     */
    @TransactionAttribute(TransactionAttributeType.REQUIRES_NEW)
    public boolean takeScheduled(UUID tenantId) throws GeneralSecurityException {
        tenantSession.bind(tenantId);
        Boolean locked = (Boolean) em.createNativeQuery("select pg_try_advisory_xact_lock(hashtext('checkpoint:' || ?1))")
                .setParameter(1, tenantId.toString()).getSingleResult();
        if (!locked) {
            return false;
        }
        Object[] head = (Object[]) em.createNativeQuery("select h.last_seq, e.event_type from app.audit_chain_head h"
                        + " left join app.audit_event e on e.tenant_id = h.tenant_id and e.seq = h.last_seq"
                        + " where h.tenant_id = ?1")
                .setParameter(1, tenantId).getSingleResult();
        @SuppressWarnings("unchecked")
        List<Number> last = em.createNativeQuery(
                        "select max(head_seq) from app.audit_checkpoint where tenant_id = ?1")
                .setParameter(1, tenantId).getResultList();
        Long lastCheckpointSeq = last.isEmpty() || last.get(0) == null ? null : last.get(0).longValue();
        if (!CheckpointPolicy.due(((Number) head[0]).longValue(), (String) head[1], lastCheckpointSeq)) {
            return false;
        }
        take(Actor.system(tenantId, "checkpoint-schedule", null));
        return true;
    }

    public List<AuditCheckpoint> list(UUID tenantId, int limit) {
        tenantSession.bind(tenantId);
        @SuppressWarnings("unchecked")
        List<Object[]> rows = em.createNativeQuery("select id, head_seq, head_hash, taken_at, signing_key_id, signature"
                        + " from app.audit_checkpoint where tenant_id = ?1 order by taken_at desc, head_seq desc limit ?2")
                .setParameter(1, tenantId)
                .setParameter(2, limit)
                .getResultList();
        return rows.stream().map(r -> new AuditCheckpoint((UUID) r[0], tenantId, ((Number) r[1]).longValue(),
                (String) r[2], ((Timestamp) r[3]).toInstant(), (UUID) r[4], (byte[]) r[5])).toList();
    }

    /** Whether the signature is the tenant's and the chain still holds that head (same hash at that seq). */
    public boolean stillMatches(UUID tenantId, long headSeq, String headHash) {
        tenantSession.bind(tenantId);
        @SuppressWarnings("unchecked")
        List<String> hashes = em.createNativeQuery(
                        "select event_hash from app.audit_event where tenant_id = ?1 and seq = ?2")
                .setParameter(1, tenantId)
                .setParameter(2, headSeq)
                .getResultList();
        return headSeq == 0 ? true : hashes.size() == 1 && hashes.get(0).equals(headHash);
    }

    public static boolean signatureValid(AuditCheckpoint checkpoint, X509Certificate certificate)
            throws GeneralSecurityException {
        Signature verifier = Signature.getInstance(algorithm(certificate));
        verifier.initVerify(certificate.getPublicKey());
        verifier.update(checkpoint.signedContent());
        return verifier.verify(checkpoint.signature());
    }

    private static String algorithm(X509Certificate certificate) {
        return "EC".equals(certificate.getPublicKey().getAlgorithm()) ? "SHA256withECDSA" : "SHA256withRSA";
    }
}
