package org.custodia.consent.application;

import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.EnumMap;
import java.util.Map;
import java.util.UUID;

import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.micrometer.core.instrument.Counter;

import org.custodia.consent.domain.ConsentCheck;
import org.custodia.consent.domain.ConsentState;
import org.custodia.consent.domain.PurposeRules;
import org.custodia.consent.infrastructure.ConsentStateRepository;
import org.custodia.platform.context.Actor;
import org.custodia.platform.persistence.AfterCommit;
import org.custodia.platform.config.Setting;
import org.custodia.platform.metrics.Meters;

/**
 * The consent check's read path: subjects' states and purposes' rules from memory (Caffeine, bounded,
 * W-TinyLFU eviction), evaluated per request (expiry is a matter of the clock). A decision replaces its
 * entry when its transaction commits, so on this node the very next check sees it; a check that read
 * the database before that commit only fills an empty slot (putIfAbsent), so it never puts an older
 * answer back. Other nodes hear of the change through the {@code ChangeFeed} (PostgreSQL NOTIFY,
 * delivered at commit); {@link #TTL} bounds staleness should a node miss a notification.
 * Not {@code @TenantScoped}: it holds no transaction; the rules come from {@link ConsentService} (tenant-scoped) and
 * the states from {@link ConsentStateRepository}'s JDBC reads, which bind the tenant themselves (one round trip less).
 */
@ApplicationScoped
public class ConsentCheckCache {

    /** a safety net only: changes arrive by commit (this node) and NOTIFY (other nodes) */
    static final Duration TTL = Setting.CONSENT_CACHE_SECONDS.seconds();
    static final long MAX_STATES = Setting.CONSENT_CACHE_ENTRIES.longValue();

    record Key(UUID tenantId, String purposeKey, String subjectId) {
    }

    record PurposeKey(UUID tenantId, String purposeKey) {
    }

    @Inject
    ConsentService consents;

    @Inject
    ConsentStateRepository projection;

    @Inject
    ConsentLedger ledger;

    @Inject
    AfterCommit afterCommit;

    @Inject
    org.custodia.platform.persistence.ChangeFeed feed;

    @jakarta.annotation.Resource
    jakarta.enterprise.concurrent.ManagedExecutorService executor;

    @Inject
    Meters meters;

    /** Answers by reason: how often products are told no, and why. */
    private final Map<ConsentCheck.Reason, Counter> answered = new EnumMap<>(ConsentCheck.Reason.class);

    @PostConstruct
    void meters() {
        for (ConsentCheck.Reason reason : ConsentCheck.Reason.values()) {
            answered.put(reason, Counter.builder("custodia.consent.checks").description("consent checks answered, by reason")
                    .tag("reason", reason.name()).register(meters.registry()));
        }
    }

    /** Tenants whose states are loaded (or loading) in bulk; a tenant is preloaded on its first check. */
    private final java.util.Set<UUID> preloaded = java.util.concurrent.ConcurrentHashMap.newKeySet();
    /** Bumped whenever another node's change drops entries: a load that read before it must not fill the cache. */
    private final java.util.Map<UUID, java.util.concurrent.atomic.AtomicLong> epochs = new java.util.concurrent.ConcurrentHashMap<>();

    private final Cache<Key, ConsentState> states = Caffeine.newBuilder().maximumSize(MAX_STATES).expireAfterWrite(TTL).build();
    private final Cache<PurposeKey, PurposeRules> purposes = Caffeine.newBuilder().maximumSize(100_000).expireAfterWrite(TTL).build();

    /** Answers the check; a Global Privacy Control signal on a purpose that honours it is also recorded as an opt-out. */
    public ConsentCheck check(Actor actor, String subjectId, String purposeKey, boolean gpcSignal) throws SQLException {
        ConsentService.validateCheck(subjectId, purposeKey);
        UUID tenantId = actor.tenantId();
        PurposeKey pk = new PurposeKey(tenantId, purposeKey);
        PurposeRules rules = purposes.getIfPresent(pk);
        if (rules == null) {
            rules = consents.rules(tenantId, purposeKey);
            purposes.asMap().putIfAbsent(pk, rules);
        }
        Key key = new Key(tenantId, purposeKey, subjectId);
        ConsentState state = states.getIfPresent(key);
        if (state == null) {
            if (preloaded.add(tenantId)) {
                executor.execute(() -> preload(tenantId));
            }
            long epoch = epoch(tenantId).get();
            state = projection.current(tenantId, rules.purposeId(), subjectId);
            if (epoch(tenantId).get() == epoch) {
                states.asMap().putIfAbsent(key, state);
            }
        }
        ConsentCheck answer = ConsentCheck.evaluate(rules, subjectId, state, Instant.now(), gpcSignal);
        answered.get(answer.reason()).increment();
        if (gpcSignal && rules.honoursGpc() && !state.gpcOptOut()) {
            ledger.recordGpcOptOut(actor, subjectId, purposeKey);
        }
        return answer;
    }

    /** Inside the transaction that records a decision: the entry is replaced when it commits. */
    void replaceAfterCommit(UUID tenantId, String purposeKey, String subjectId, ConsentState state) {
        afterCommit.run(() -> states.put(new Key(tenantId, purposeKey, subjectId), state));
    }

    /** A purpose's notice or rules changed: its rules reload after commit, on this node and (by the feed) on the others. */
    void forgetPurposeAfterCommit(UUID tenantId, String purposeKey) {
        afterCommit.run(() -> purposes.invalidate(new PurposeKey(tenantId, purposeKey)));
        feed.publish("consent-purpose", tenantId.toString(), purposeKey);
    }

    /** Another node committed consent changes (or this node may have missed some). */
    void onClusterChange(@jakarta.enterprise.event.Observes org.custodia.platform.persistence.ChangeFeed.ClusterChange change) {
        if (change.everything()) {
            forgetAll();
        } else if ("consent".equals(change.kind())) {
            forget(UUID.fromString(change.parts().get(0)), change.parts().get(1), change.parts().get(2));
        } else if ("consent-purpose".equals(change.kind())) {
            purposes.invalidate(new PurposeKey(UUID.fromString(change.parts().get(0)), change.parts().get(1)));
        } else if ("consent-tenant".equals(change.kind())) {
            forgetTenant(UUID.fromString(change.parts().get(0)));
        }
    }

    /** Many of a tenant's states changed (an import batch): drop them all when the transaction commits. */
    void forgetTenantAfterCommit(UUID tenantId) {
        afterCommit.run(() -> forgetTenant(tenantId));
    }

    void forget(UUID tenantId, String purposeKey, String subjectId) {
        epoch(tenantId).incrementAndGet();
        states.invalidate(new Key(tenantId, purposeKey, subjectId));
    }

    void forgetTenant(UUID tenantId) {
        epoch(tenantId).incrementAndGet();
        preloaded.remove(tenantId); // reloaded in bulk on the next check
        states.asMap().keySet().removeIf(k -> k.tenantId().equals(tenantId));
        purposes.asMap().keySet().removeIf(k -> k.tenantId().equals(tenantId));
    }

    void forgetAll() {
        epochs.values().forEach(java.util.concurrent.atomic.AtomicLong::incrementAndGet);
        preloaded.clear();
        states.invalidateAll();
        purposes.invalidateAll();
    }

    private java.util.concurrent.atomic.AtomicLong epoch(UUID tenantId) {
        return epochs.computeIfAbsent(tenantId, t -> new java.util.concurrent.atomic.AtomicLong());
    }

    /**
     * Streams all of a tenant's states into memory (up to the cache's bound), so checks of subjects never
     * asked before are answered without a query too. Stops filling if another node's change arrives meanwhile.
     */
    void preload(UUID tenantId) {
        long epoch = epoch(tenantId).get();
        try {
            projection.eachCurrent(tenantId, (purposeKey, subjectId, state) -> {
                if (epoch(tenantId).get() != epoch || states.estimatedSize() >= MAX_STATES) {
                    return false;
                }
                states.asMap().putIfAbsent(new Key(tenantId, purposeKey, subjectId), state);
                return true;
            });
        } catch (SQLException | RuntimeException e) {
            preloaded.remove(tenantId);
            org.jboss.logging.Logger.getLogger(ConsentCheckCache.class).warnf("consent preload for tenant %s failed: %s", tenantId,
                    e.getClass().getSimpleName());
        }
    }

    public long size() {
        return states.estimatedSize();
    }
}
