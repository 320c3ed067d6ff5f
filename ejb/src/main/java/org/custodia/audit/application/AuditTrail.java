package org.custodia.audit.application;

import java.sql.SQLException;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.function.IntConsumer;

import jakarta.annotation.PostConstruct;
import jakarta.annotation.Resource;
import jakarta.ejb.ConcurrencyManagement;
import jakarta.ejb.ConcurrencyManagementType;
import jakarta.ejb.Singleton;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.enterprise.concurrent.ManagedExecutorService;
import jakarta.inject.Inject;
import jakarta.transaction.TransactionSynchronizationRegistry;

import io.micrometer.core.instrument.Counter;

import org.custodia.audit.domain.AuditEvent;
import org.custodia.audit.domain.AuditEventHasher;
import org.custodia.audit.domain.ChainHead;
import org.custodia.audit.domain.ChainVerification;
import org.custodia.audit.domain.PendingAuditEvent;
import org.custodia.audit.infrastructure.AuditEventRepository;
import org.custodia.platform.context.Actor;
import org.custodia.platform.metrics.Meters;
import org.custodia.platform.persistence.TenantId;
import org.custodia.platform.persistence.TenantScoped;

/**
 * The tenant's audit chain. {@link #append} joins the caller's transaction, so an event exists if and
 * only if the change it describes committed. The events are put on the chain just before that transaction
 * commits ({@link TransactionAuditEvents}), in the order appended; the chain head row is locked from then until
 * the commit, which serialises a tenant's commits that carry events, and nothing longer. Within the transaction,
 * reading the chain or locking its head first chains what the transaction appended so far; the head then stays locked,
 * so a nested REQUIRES_NEW transaction appending for the same tenant after that would wait for its own caller.
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

    @Resource
    TransactionSynchronizationRegistry transactions;

    private static final Object PENDING = TransactionAuditEvents.class.getName();

    private final Clock clock = Clock.systemUTC();

    @Inject
    Meters meters;

    /** Told how many events a transaction put on chains once it committed (the append rate's counter). */
    IntConsumer committed = n -> { };

    @PostConstruct
    void meters() {
        Counter appended = Counter.builder("custodia.audit.events.appended").description("audit events committed to a tenant's chain")
                .register(meters.registry());
        committed = appended::increment;
    }

    /** Starts a tenant's chain; called once, in the transaction that creates the tenant. */
    @TransactionAttribute(TransactionAttributeType.MANDATORY)
    public void open(@TenantId UUID tenantId) {
        events.flushPending();
        events.openChain(tenantId, AuditEventHasher.GENESIS_HASH);
    }

    @TransactionAttribute(TransactionAttributeType.MANDATORY)
    public void append(Actor actor, String eventType, String entityType, String entityId, Map<String, ?> payload) {
        if (transactions.getRollbackOnly()) {
            return; // the change it would describe cannot commit, and the transaction takes no synchronisation any more
        }
        pending(true).add(new PendingAuditEvent(actor.tenantId(), eventType, entityType, entityId, actor.principal(),
                actor.requestId(), AuditEventHasher.canonicalize(payload)));
    }

    /** The head, locked for the rest of the caller's transaction (no event is appended meanwhile). */
    @TransactionAttribute(TransactionAttributeType.MANDATORY)
    public ChainHead lockHead(@TenantId UUID tenantId) {
        chainPending();
        return events.lockHead(tenantId);
    }

    public List<AuditEvent> events(@TenantId UUID tenantId, long afterSeq, int limit) {
        chainPending();
        return events.after(tenantId, afterSeq, limit);
    }

    /** One entity's events in sequence order: a request's timeline. */
    public List<AuditEvent> entityEvents(@TenantId UUID tenantId, String entityType, String entityId, int limit) {
        chainPending();
        return events.forEntity(tenantId, entityType, entityId, limit);
    }

    /** A request's timeline with its tasks' events (claims, delegations, decisions), in sequence order. */
    public List<AuditEvent> entityEventsWithTasks(@TenantId UUID tenantId, String entityType, String entityId, int limit) {
        chainPending();
        return events.forEntityWithTasks(tenantId, entityType, entityId, limit);
    }

    /** The tenant's last {@code limit} events, in sequence order (the console shows the newest). */
    public List<AuditEvent> latestEvents(@TenantId UUID tenantId, int limit) {
        chainPending();
        return events.latest(tenantId, limit);
    }

    /** Whether the chain still holds an event at {@code seq} with hash {@code hash} (seq 0: the empty start). */
    public boolean holds(@TenantId UUID tenantId, long seq, String hash) {
        if (seq == 0) {
            return true;
        }
        chainPending();
        Optional<String> stored = events.hashAt(tenantId, seq);
        return stored.isPresent() && stored.get().equals(hash);
    }

    /** This transaction's events not yet on the chain ({@code create}: registering them with the transaction if none). */
    private TransactionAuditEvents pending(boolean create) {
        TransactionAuditEvents pending = (TransactionAuditEvents) transactions.getResource(PENDING);
        if (pending == null && create) {
            pending = new TransactionAuditEvents(events, clock, committed);
            transactions.registerInterposedSynchronization(pending); // first: if refused, nothing is queued unseen
            transactions.putResource(PENDING, pending);
        }
        return pending;
    }

    private void chainPending() {
        TransactionAuditEvents pending = pending(false);
        if (pending != null) {
            pending.chainNow();
        }
    }

    /** Walks the whole chain in sequence order, streaming rows, and reports the first bad link. */
    public ChainVerification verify(@TenantId UUID tenantId) throws SQLException {
        chainPending();
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
