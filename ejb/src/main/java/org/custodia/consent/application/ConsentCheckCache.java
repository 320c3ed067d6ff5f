package org.custodia.consent.application;

import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;

import org.custodia.consent.domain.ConsentCheck;
import org.custodia.consent.domain.ConsentState;
import org.custodia.consent.domain.PurposeRules;
import org.custodia.platform.context.Actor;
import org.custodia.platform.persistence.AfterCommit;

/**
 * The consent check's read path: subjects' states and purposes' rules from memory (Caffeine, bounded,
 * W-TinyLFU eviction), evaluated per request (expiry is a matter of the clock). A decision replaces its
 * entry when its transaction commits, so on this node the very next check sees it; a check that read
 * the database before that commit only fills an empty slot (putIfAbsent), so it never puts an older
 * answer back. Other nodes hear of the change through {@link ConsentChangeFeed} (PostgreSQL NOTIFY,
 * delivered at commit); {@link #TTL} bounds staleness should a node miss a notification.
 */
@ApplicationScoped
public class ConsentCheckCache {

    static final Duration TTL = Duration.ofSeconds(Long.getLong("custodia.consent.cache.seconds", 10));
    static final long MAX_STATES = Long.getLong("custodia.consent.cache.entries", 2_000_000);

    record Key(UUID tenantId, String purposeKey, String subjectId) {
    }

    record PurposeKey(UUID tenantId, String purposeKey) {
    }

    @Inject
    ConsentService consents;

    @Inject
    ConsentLedger ledger;

    @Inject
    AfterCommit afterCommit;

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
            state = consents.state(tenantId, rules.purposeId(), subjectId);
            states.asMap().putIfAbsent(key, state);
        }
        ConsentCheck answer = ConsentCheck.evaluate(rules, subjectId, state, Instant.now(), gpcSignal);
        if (gpcSignal && rules.honoursGpc() && !state.gpcOptOut()) {
            ledger.recordGpcOptOut(actor, subjectId, purposeKey);
        }
        return answer;
    }

    /** Inside the transaction that records a decision: the entry is replaced when it commits. */
    void replaceAfterCommit(UUID tenantId, String purposeKey, String subjectId, ConsentState state) {
        afterCommit.run(() -> states.put(new Key(tenantId, purposeKey, subjectId), state));
    }

    /** A purpose's notice or rules changed: its rules reload after commit. */
    void forgetPurposeAfterCommit(UUID tenantId, String purposeKey) {
        afterCommit.run(() -> purposes.invalidate(new PurposeKey(tenantId, purposeKey)));
    }

    void forget(UUID tenantId, String purposeKey, String subjectId) {
        states.invalidate(new Key(tenantId, purposeKey, subjectId));
    }

    void forgetTenant(UUID tenantId) {
        states.asMap().keySet().removeIf(k -> k.tenantId().equals(tenantId));
        purposes.asMap().keySet().removeIf(k -> k.tenantId().equals(tenantId));
    }

    void forgetAll() {
        states.invalidateAll();
        purposes.invalidateAll();
    }

    public long size() {
        return states.estimatedSize();
    }
}
