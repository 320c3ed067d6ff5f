package org.custodia.audit.application;

import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import jakarta.annotation.Resource;
import jakarta.ejb.ConcurrencyManagement;
import jakarta.ejb.ConcurrencyManagementType;
import jakarta.ejb.Singleton;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.enterprise.concurrent.ManagedExecutorService;
import jakarta.inject.Inject;

import org.custodia.audit.domain.AuditEvent;
import org.custodia.audit.domain.AuditEventHasher;
import org.custodia.audit.domain.AuditRecord;
import org.custodia.audit.domain.ChainHead;
import org.custodia.audit.domain.ChainVerification;
import org.custodia.audit.infrastructure.AuditEventRepository;
import org.custodia.platform.context.Actor;
import org.custodia.platform.persistence.TenantId;
import org.custodia.platform.persistence.TenantScoped;

/**
 * The tenant's audit chain. {@link #append} joins the caller's transaction, so an event exists if and
 * only if the change it describes committed; the chain head row is locked for the rest of that
 * transaction, which serialises appends per tenant.
 * <p>
 * One instance, no container lock: it keeps no per-call state, and a pooled bean deadlocked under load (bench/README.md,
 * "DSAR timers"): the threads waiting for a tenant's chain lock held every pooled instance, while the transaction
 * holding that lock waited for an instance to append its second event.
 */
@Singleton
@ConcurrencyManagement(ConcurrencyManagementType.BEAN)
@TenantScoped
public class AuditTrail {

    static final int VERIFY_BATCH = 4096;

    @Inject
    AuditEventRepository events;

    /** Verification hashes here (the container's pool, bounded by its configuration), not on the common pool. */
    @Resource(lookup = "java:comp/DefaultManagedExecutorService")
    ManagedExecutorService hashing;

    private final Clock clock = Clock.systemUTC();

    /** Starts a tenant's chain; called once, in the transaction that creates the tenant. */
    @TransactionAttribute(TransactionAttributeType.MANDATORY)
    public void open(@TenantId UUID tenantId) {
        events.flushPending();
        events.openChain(tenantId, AuditEventHasher.GENESIS_HASH);
    }

    @TransactionAttribute(TransactionAttributeType.MANDATORY)
    public long append(Actor actor, String eventType, String entityType, String entityId, Map<String, ?> payload) {
        events.flushPending(); // earlier changes of this transaction reach the database before the event that describes them
        ChainHead head = events.lockHead(actor.tenantId());
        long seq = head.lastSeq() + 1;
        AuditRecord record = new AuditRecord(actor.tenantId(), seq, eventType, entityType, entityId,
                actor.principal(), actor.requestId(), AuditEventHasher.canonicalize(payload), head.lastHash(),
                Instant.now(clock));
        String hash = AuditEventHasher.hash(record);
        events.insert(record, hash);
        events.advanceHead(actor.tenantId(), seq, hash);
        return seq;
    }

    /** The head, locked for the rest of the caller's transaction (no event is appended meanwhile). */
    @TransactionAttribute(TransactionAttributeType.MANDATORY)
    public ChainHead lockHead(@TenantId UUID tenantId) {
        return events.lockHead(tenantId);
    }

    public List<AuditEvent> events(@TenantId UUID tenantId, long afterSeq, int limit) {
        return events.after(tenantId, afterSeq, limit);
    }

    /** Whether the chain still holds an event at {@code seq} with hash {@code hash} (seq 0: the empty start). */
    public boolean holds(@TenantId UUID tenantId, long seq, String hash) {
        if (seq == 0) {
            return true;
        }
        Optional<String> stored = events.hashAt(tenantId, seq);
        return stored.isPresent() && stored.get().equals(hash);
    }

    /** Walks the whole chain in sequence order, streaming rows, and reports the first bad link. */
    public ChainVerification verify(@TenantId UUID tenantId) throws SQLException {
        // this thread reads (the connection belongs to the transaction) while the pool hashes the batches already read
        ChainWalk walk = new ChainWalk(hashing, VERIFY_BATCH);
        AuditEventRepository.ChainScan scan = events.walk(tenantId, VERIFY_BATCH, walk::read);
        walk.finish();
        ChainHead head = scan.head().orElse(ChainHead.EMPTY);
        Long broken = walk.firstBroken();
        if (broken == null && (walk.expectedSeq() - 1 != head.lastSeq() || !walk.previous().equals(head.lastHash()))) {
            broken = walk.expectedSeq(); // events missing at the end, or the head was moved
        }
        return new ChainVerification(broken == null, scan.eventCount(), head.lastSeq(), head.lastHash(), broken);
    }
}
