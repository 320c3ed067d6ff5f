package org.custodia.consent.application;

import java.sql.SQLException;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.custodia.platform.persistence.AfterCommit;

import org.custodia.consent.domain.ConsentCheck;

/**
 * The consent check's read path: answers from memory, keyed by tenant, purpose and subject. A grant or
 * withdrawal replaces its entry when its transaction commits, so on this node the very next check sees
 * it; a check that read the database before that commit only fills an empty slot (putIfAbsent), so it
 * can never put an older answer back. Other nodes see changes after at most {@link #TTL} — the cluster
 * invalidation (a topic every node listens to) is the consent issue's next step.
 */
@ApplicationScoped
public class ConsentCheckCache {

    static final Duration TTL = Duration.ofSeconds(Long.getLong("custodia.consent.cache.seconds", 10));
    private static final int MAX_ENTRIES = Integer.getInteger("custodia.consent.cache.entries", 500_000);

    private record Key(UUID tenantId, String purposeKey, String subjectId) {
    }

    private record Entry(ConsentCheck check, long loadedAtNanos) {
    }

    @Inject
    ConsentService consents;

    @Inject
    AfterCommit afterCommit;

    private final Map<Key, Entry> entries = new ConcurrentHashMap<>();

    public ConsentCheck check(UUID tenantId, String subjectId, String purposeKey) throws SQLException {
        ConsentService.validateCheck(subjectId, purposeKey);
        Key key = new Key(tenantId, purposeKey, subjectId);
        long now = System.nanoTime();
        Entry entry = entries.get(key);
        if (entry != null && now - entry.loadedAtNanos() < TTL.toNanos()) {
            return entry.check();
        }
        if (entry != null) {
            entries.remove(key, entry);
        }
        ConsentCheck loaded = consents.check(tenantId, subjectId, purposeKey);
        if (entries.size() >= MAX_ENTRIES) {
            entries.clear(); // crude bound: entries reload on demand
        }
        entries.putIfAbsent(key, new Entry(loaded, now));
        return loaded;
    }

    /** Called inside the transaction that records a decision: the entry is replaced when it commits. */
    void replaceAfterCommit(UUID tenantId, ConsentCheck decided) {
        afterCommit.run(() -> entries.put(new Key(tenantId, decided.purposeKey(), decided.subjectId()),
                new Entry(decided, System.nanoTime())));
    }
}
