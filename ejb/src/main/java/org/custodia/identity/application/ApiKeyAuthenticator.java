package org.custodia.identity.application;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;

import org.custodia.platform.persistence.AfterCommit;

import org.custodia.platform.context.ApiCaller;
import org.custodia.identity.domain.ApiKeySecret;
import org.custodia.platform.config.Setting;
import org.custodia.identity.infrastructure.ApiKeyRepository;

/**
 * Resolves API keys with an in-memory cache in front of {@link ApiKeyRepository#resolve} (a SECURITY
 * DEFINER look-up by the secret's hash, before any tenant is known), so most
 * requests authenticate without a database round trip or a transaction. A revocation or rotation takes
 * effect when it commits: on this node the entry is dropped after commit, other nodes drop it when the
 * change feed's notification arrives ({@link #TTL} bounds what a node that missed it may serve).
 * A well-formed key that matches nothing is remembered as unknown for {@link #UNKNOWN_TTL} (default 5 s),
 * so a client hammering with made-up keys costs one lookup per key and period. That cannot refuse a
 * real key for long: keys are random, so none is presented before it exists, and the entry is short-lived.
 */
@ApplicationScoped
public class ApiKeyAuthenticator {

    static final Duration TTL = Setting.APIKEY_CACHE_SECONDS.seconds();
    static final Duration UNKNOWN_TTL = Setting.APIKEY_UNKNOWN_CACHE_SECONDS.seconds();
    private static final int MAX_ENTRIES = 100_000;

    @Inject
    ApiKeyRepository apiKeys;

    @Inject
    AfterCommit afterCommit;

    @Inject
    org.custodia.platform.persistence.ChangeFeed feed;

    private final Cache<String, ApiCaller> byHash = Caffeine.newBuilder().expireAfterWrite(TTL).maximumSize(MAX_ENTRIES).build();
    private final Cache<String, Boolean> unknown = Caffeine.newBuilder().expireAfterWrite(UNKNOWN_TTL).maximumSize(MAX_ENTRIES).build();

    public Optional<ApiCaller> authenticate(String presented) {
        if (!ApiKeySecret.wellFormed(presented)) {
            return Optional.empty();
        }
        String hash = ApiKeySecret.hashOf(presented);
        ApiCaller cached = byHash.getIfPresent(hash);
        if (cached != null) {
            return cached.expiredAt(Instant.now()) ? Optional.empty() : Optional.of(cached);
        }
        if (unknown.getIfPresent(hash) != null) {
            return Optional.empty();
        }
        Optional<ApiCaller> caller = apiKeys.resolve(hash).flatMap(key -> key.callerAt(Instant.now()));
        if (caller.isPresent()) {
            byHash.put(hash, caller.get());
        } else {
            byHash.invalidate(hash);
            unknown.put(hash, Boolean.TRUE);
        }
        return caller;
    }

    void onRolesChanged(@jakarta.enterprise.event.Observes RolePermissionCache.RolesChanged change) {
        byHash.asMap().values().removeIf(c -> c.tenantId().equals(change.tenantId()));
    }

    /** Drops a key's entry once the current transaction commits (revocation, rotation). */
    public void forgetAfterCommit(UUID keyId) {
        afterCommit.run(() -> forget(keyId));
        feed.publish("api-key", keyId.toString()); // the other nodes drop it when this commits
    }

    private void forget(UUID keyId) {
        byHash.asMap().values().removeIf(c -> c.callerId().equals(keyId));
    }

    void onClusterChange(@jakarta.enterprise.event.Observes org.custodia.platform.persistence.ChangeFeed.ClusterChange change) {
        if (change.everything()) {
            byHash.invalidateAll();
        } else if ("api-key".equals(change.kind())) {
            forget(UUID.fromString(change.parts().get(0)));
        }
    }
}
