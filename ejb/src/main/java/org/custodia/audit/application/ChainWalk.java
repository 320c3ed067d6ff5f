package org.custodia.audit.application;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;

import org.custodia.audit.domain.AuditEventHasher;
import org.custodia.audit.domain.AuditRecord;

/**
 * The in-order part of verification: sequence numbers without gaps, each link to the previous hash, each
 * stored hash recomputed. Records arrive in sequence order; full batches are hashed on {@code executor}
 * while more are read, at most three batches in flight, and checked in order as they come back.
 */
final class ChainWalk {

    private final Executor executor;
    private final int batchSize;
    private final Deque<CompletableFuture<HashedBatch>> hashing = new ArrayDeque<>();
    private List<AuditRecord> batch;
    private List<String> stored;
    private long expectedSeq = 1;
    private String previous = AuditEventHasher.GENESIS_HASH;
    private Long broken;

    ChainWalk(Executor executor, int batchSize) {
        this.executor = executor;
        this.batchSize = batchSize;
        this.batch = new ArrayList<>(batchSize);
        this.stored = new ArrayList<>(batchSize);
    }

    /** Takes the next stored event; false once the first break is known (the rest need not be read). */
    boolean read(AuditRecord record, String storedHash) {
        batch.add(record);
        stored.add(storedHash);
        if (batch.size() == batchSize) {
            hashing.add(hashAsync(batch, stored));
            batch = new ArrayList<>(batchSize);
            stored = new ArrayList<>(batchSize);
            while (hashing.size() > 2) {
                check(hashing.poll().join());
            }
        }
        return broken == null;
    }

    /** Hashes and checks what is left; call once, after the last record. */
    void finish() {
        hashing.add(hashAsync(batch, stored));
        while (!hashing.isEmpty()) {
            check(hashing.poll().join());
        }
    }

    Long firstBroken() {
        return broken;
    }

    long expectedSeq() {
        return expectedSeq;
    }

    String previous() {
        return previous;
    }

    private CompletableFuture<HashedBatch> hashAsync(List<AuditRecord> records, List<String> storedHashes) {
        return CompletableFuture.supplyAsync(() -> new HashedBatch(records, storedHashes,
                records.stream().map(AuditEventHasher::hash).toArray(String[]::new)), executor);
    }

    private void check(HashedBatch hashed) {
        for (int i = 0; i < hashed.records().size() && broken == null; i++) {
            AuditRecord r = hashed.records().get(i);
            String storedHash = hashed.stored().get(i);
            if (r.seq() != expectedSeq || !previous.equals(r.previousHash()) || !hashed.computed()[i].equals(storedHash)) {
                broken = Math.min(r.seq(), expectedSeq);
            }
            previous = storedHash;
            expectedSeq = r.seq() + 1;
        }
    }

    /** A batch of events read in order, with the hash each one should have. */
    private record HashedBatch(List<AuditRecord> records, List<String> stored, String[] computed) {
    }
}
