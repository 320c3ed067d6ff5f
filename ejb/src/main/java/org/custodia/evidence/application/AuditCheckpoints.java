package org.custodia.evidence.application;

import java.security.GeneralSecurityException;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.inject.Inject;

import org.custodia.audit.application.AuditTrail;
import org.custodia.audit.domain.ChainHead;
import org.custodia.crypto.application.TenantSigningKeys;
import org.custodia.evidence.domain.AuditCheckpoint;
import org.custodia.evidence.domain.CheckpointPolicy;
import org.custodia.evidence.infrastructure.CheckpointRepository;
import org.custodia.platform.context.Actor;
import org.custodia.platform.persistence.StoredTime;
import org.custodia.platform.persistence.TenantId;
import org.custodia.platform.persistence.TenantScoped;

/** Takes, lists and checks signed checkpoints of a tenant's audit chain. */
@Stateless
@TenantScoped
public class AuditCheckpoints {

    @Inject
    CheckpointRepository repository;

    @Inject
    TenantSigningKeys signingKeys;

    @Inject
    AuditTrail audit;

    /** Signs the current head; the checkpoint itself is then recorded as the next audit event. */
    public AuditCheckpoint take(Actor actor) throws GeneralSecurityException {
        ChainHead head = audit.lockHead(actor.tenantId());
        TenantSigningKeys.ActiveKey key = signingKeys.active(actor.tenantId());
        AuditCheckpoint checkpoint = AuditCheckpoint.sign(UUID.randomUUID(), actor.tenantId(), head.lastSeq(),
                head.lastHash(), StoredTime.now(), key.id(), key.identity().privateKey(), key.identity().certificate());
        repository.insert(checkpoint);
        audit.append(actor, CheckpointPolicy.CHECKPOINT_EVENT, "audit_checkpoint", checkpoint.id().toString(),
                Map.of("headSeq", head.lastSeq(), "headHash", head.lastHash()));
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
    public boolean takeScheduled(@TenantId UUID tenantId) throws GeneralSecurityException {
        if (!repository.tryLock(tenantId)) {
            return false;
        }
        CheckpointRepository.ChainTip tip = repository.tip(tenantId);
        if (!CheckpointPolicy.due(tip.headSeq(), tip.headEventType(), repository.lastHeadSeq(tenantId).orElse(null))) {
            return false;
        }
        take(Actor.system(tenantId, "checkpoint-schedule", null));
        return true;
    }

    public List<AuditCheckpoint> list(@TenantId UUID tenantId, int limit) {
        return repository.latest(tenantId, limit);
    }
}
