package org.custodia.evidence.application;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import org.custodia.audit.application.AuditTrail;
import org.custodia.audit.domain.ChainHead;
import org.custodia.crypto.application.TenantSigningKeys;
import org.custodia.evidence.domain.AuditCheckpoint;
import org.custodia.evidence.domain.CheckpointPolicy;
import org.custodia.evidence.infrastructure.CheckpointRepository;
import org.custodia.platform.context.Actor;
import org.custodia.reports.signing.SelfSignedIdentities;
import org.custodia.reports.signing.SigningIdentity;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Taking a checkpoint: what is signed, stored and audited, and when the schedule skips a tenant. */
class AuditCheckpointsTest {

    private static final UUID TENANT = UUID.fromString("5e0c7a9b-1f2d-4e3c-9b8a-7d6e5f4c3b2a");
    private static final String HEAD_HASH = "cd".repeat(32);

    private final List<AuditCheckpoint> stored = new ArrayList<>();
    private final List<String> appended = new ArrayList<>();
    private final List<Map<String, ?>> payloads = new ArrayList<>();
    private boolean lockFree = true;
    private CheckpointRepository.ChainTip tip = new CheckpointRepository.ChainTip(10, "consent.granted");
    private Long lastCheckpointSeq = 7L;
    private SigningIdentity key;
    private UUID keyId = UUID.randomUUID();
    private AuditCheckpoints checkpoints;

    @BeforeEach
    void services() throws Exception {
        key = SelfSignedIdentities.generate("Tenant", "signing", Duration.ofDays(1));
        checkpoints = new AuditCheckpoints();
        checkpoints.repository = new CheckpointRepository() {
            @Override public boolean tryLock(UUID tenantId) { return lockFree; }
            @Override public ChainTip tip(UUID tenantId) { return tip; }
            @Override public Optional<Long> lastHeadSeq(UUID tenantId) { return Optional.ofNullable(lastCheckpointSeq); }
            @Override public void insert(AuditCheckpoint checkpoint) { stored.add(checkpoint); }
        };
        checkpoints.audit = new AuditTrail() {
            @Override public ChainHead lockHead(UUID tenantId) { return new ChainHead(tip.headSeq(), HEAD_HASH); }
            @Override public void append(Actor actor, String eventType, String entityType, String entityId, Map<String, ?> payload) {
                appended.add(actor.principal() + " " + eventType + " " + entityType + " " + entityId);
                payloads.add(payload);
            }
        };
        checkpoints.signingKeys = new TenantSigningKeys() {
            @Override public ActiveKey active(UUID tenantId) { return new ActiveKey(keyId, key); }
        };
    }

    @Test
    void aCheckpointSignsTheLockedHeadWithTheActiveKeyAndIsStoredAndAudited() throws Exception {
        AuditCheckpoint c = checkpoints.take(new Actor(TENANT, "user:ana", "req-1"));

        assertThat(c.tenantId()).isEqualTo(TENANT);
        assertThat(c.headSeq()).isEqualTo(10);
        assertThat(c.headHash()).isEqualTo(HEAD_HASH);
        assertThat(c.signingKeyId()).isEqualTo(keyId);
        assertThat(c.signatureValid(key.certificate())).isTrue();
        assertThat(stored).containsExactly(c);
        assertThat(appended).containsExactly("user:ana " + CheckpointPolicy.CHECKPOINT_EVENT + " audit_checkpoint " + c.id());
        assertThat(payloads.get(0)).isEqualTo(Map.of("headSeq", 10L, "headHash", HEAD_HASH));
    }

    @Test
    void theScheduleTakesOneWhenThereWasActivitySinceTheLast() throws Exception {
        assertThat(checkpoints.takeScheduled(TENANT)).isTrue();
        assertThat(stored).hasSize(1);
        assertThat(appended.get(0)).startsWith("system:checkpoint-schedule ");
    }

    @Test
    void theScheduleSkipsATenantAnotherNodeIsCheckpointing() throws Exception {
        lockFree = false;
        assertThat(checkpoints.takeScheduled(TENANT)).isFalse();
        assertThat(stored).isEmpty();
        assertThat(appended).isEmpty();
    }

    @Test
    void theScheduleSkipsAChainThatOnlyGrewByTheLastCheckpoint() throws Exception {
        tip = new CheckpointRepository.ChainTip(8, CheckpointPolicy.CHECKPOINT_EVENT);
        assertThat(checkpoints.takeScheduled(TENANT)).isFalse();
        assertThat(stored).isEmpty();
    }
}
