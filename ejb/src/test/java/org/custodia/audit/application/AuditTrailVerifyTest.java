package org.custodia.audit.application;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.reflect.Proxy;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

import jakarta.enterprise.concurrent.ManagedExecutorService;

import org.custodia.audit.domain.AuditEventHasher;
import org.custodia.audit.domain.AuditRecord;
import org.custodia.audit.domain.ChainHead;
import org.custodia.audit.domain.ChainVerification;
import org.custodia.audit.infrastructure.AuditEventRepository;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Chain verification over stored rows (a repository stand-in), hashing on the executor it is given. */
class AuditTrailVerifyTest {

    private static final UUID TENANT = UUID.fromString("7d1c1a52-3d8e-4a57-9a7e-2f3c5b1f0e11");
    private static final int EVENTS = 2 * AuditTrail.VERIFY_BATCH + 100; // three batches

    private ExecutorService pool;
    private final AtomicInteger tasks = new AtomicInteger();
    private final Set<String> hashingThreads = ConcurrentHashMap.newKeySet();

    /** Rows as a table would hold them; tests tamper with them. */
    private final List<AuditRecord> records = new ArrayList<>();
    private final List<String> storedHashes = new ArrayList<>();
    private ChainHead head;

    @BeforeEach
    void chain() {
        pool = Executors.newFixedThreadPool(2, r -> new Thread(r, "managed-test-pool"));
        String previous = AuditEventHasher.GENESIS_HASH;
        for (long seq = 1; seq <= EVENTS; seq++) {
            AuditRecord r = new AuditRecord(TENANT, seq, "consent.granted", "consent", "c-" + seq, "key:1", "req-" + seq,
                    AuditEventHasher.canonicalize(java.util.Map.of("n", seq)), previous,
                    Instant.parse("2026-01-01T00:00:00Z").plusSeconds(seq));
            previous = AuditEventHasher.hash(r);
            records.add(r);
            storedHashes.add(previous);
        }
        head = new ChainHead(EVENTS, previous);
    }

    @AfterEach
    void stop() {
        pool.shutdownNow();
    }

    private AuditTrail trail() {
        AuditTrail trail = new AuditTrail();
        trail.events = new AuditEventRepository() {
            @Override
            public ChainScan walk(UUID tenantId, int fetchSize, EventReader reader) {
                boolean reading = true;
                for (int i = 0; i < records.size(); i++) {
                    if (reading) {
                        reading = reader.read(records.get(i), storedHashes.get(i));
                    }
                }
                return new ChainScan(Optional.ofNullable(head), records.size());
            }
        };
        trail.hashing = managed(pool);
        trail.transactions = new OneTransaction();
        return trail;
    }

    /** The container's executor as far as verification uses it: tasks handed to execute(). */
    private ManagedExecutorService managed(ExecutorService delegate) {
        return (ManagedExecutorService) Proxy.newProxyInstance(getClass().getClassLoader(),
                new Class<?>[] {ManagedExecutorService.class}, (proxy, method, args) -> {
                    if (!method.getName().equals("execute")) {
                        throw new UnsupportedOperationException(method.getName());
                    }
                    tasks.incrementAndGet();
                    Runnable task = (Runnable) args[0];
                    delegate.execute(() -> {
                        hashingThreads.add(Thread.currentThread().getName());
                        task.run();
                    });
                    return null;
                });
    }

    @Test
    void anIntactChainVerifiesAndIsHashedOnTheManagedExecutor() throws Exception {
        ChainVerification v = trail().verify(TENANT);

        assertThat(v).isEqualTo(new ChainVerification(true, EVENTS, EVENTS, head.lastHash(), null));
        assertThat(tasks.get()).as("one hashing task per batch, the last partial one included").isEqualTo(3);
        assertThat(hashingThreads).containsExactly("managed-test-pool");
    }

    @Test
    void aChangedEventIsTheFirstBrokenLinkAndTheRestIsStillCounted() throws Exception {
        int i = AuditTrail.VERIFY_BATCH + 7;
        AuditRecord r = records.get(i);
        records.set(i, new AuditRecord(r.tenantId(), r.seq(), r.eventType(), r.entityType(), r.entityId(), "someone-else",
                r.requestId(), r.canonicalPayload(), r.previousHash(), r.createdAt()));

        ChainVerification v = trail().verify(TENANT);

        assertThat(v.intact()).isFalse();
        assertThat(v.firstBrokenSeq()).isEqualTo(r.seq());
        assertThat(v.eventCount()).isEqualTo(EVENTS);
    }

    @Test
    void aMissingEventBreaksTheChainWhereTheGapIs() throws Exception {
        records.remove(99);
        storedHashes.remove(99);

        ChainVerification v = trail().verify(TENANT);

        assertThat(v.intact()).isFalse();
        assertThat(v.firstBrokenSeq()).isEqualTo(100);
        assertThat(v.eventCount()).isEqualTo(EVENTS - 1);
    }

    @Test
    void eventsCutOffAtTheEndOrAMovedHeadBreakTheChainAfterTheLastEvent() throws Exception {
        records.remove(records.size() - 1);
        storedHashes.remove(storedHashes.size() - 1);

        ChainVerification v = trail().verify(TENANT);

        assertThat(v.intact()).isFalse();
        assertThat(v.firstBrokenSeq()).isEqualTo(EVENTS);
        assertThat(v.headSeq()).isEqualTo(EVENTS);
    }

    @Test
    void anEmptyChainWithoutAHeadRowIsIntact() throws Exception {
        records.clear();
        storedHashes.clear();
        head = null;

        ChainVerification v = trail().verify(TENANT);

        assertThat(v).isEqualTo(new ChainVerification(true, 0, 0, AuditEventHasher.GENESIS_HASH, null));
    }
}
