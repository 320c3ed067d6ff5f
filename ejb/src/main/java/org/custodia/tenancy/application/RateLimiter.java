package org.custodia.tenancy.application;

import java.time.Duration;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.custodia.tenancy.domain.RateLimits;
import org.custodia.tenancy.domain.RateLimits.Category;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;

import io.github.bucket4j.Bucket;
import io.github.bucket4j.ConsumptionProbe;

/**
 * Token buckets (Bucket4j) per tenant and per API key and category, refilled every minute. Buckets live
 * in this node's memory: with several nodes, each enforces the full limit. The cluster-wide variant
 * keeps the same buckets in WildFly's Infinispan (bucket4j-infinispan, a replicated cache) — see README.
 */
@ApplicationScoped
public class RateLimiter {

    /** The outcome of one request: whether it may proceed, and what the RateLimit headers say. */
    public record Decision(boolean allowed, long limit, long remaining, long resetSeconds, long retryAfterSeconds) {
    }

    @Inject
    TenantRateLimits limits;

    /** Enough for every tenant's and key's buckets of a large installation; past it, the least used go first. */
    static final long MAX_BUCKETS = 100_000;

    // a bucket refills completely within a minute: one idle for two has nothing left to remember, so
    // dropping it resets nothing, and one in use is never dropped for its age
    private final Cache<String, Bucket> buckets;
    // limits per tenant, read once per node (no transaction on the hot path); a change drops them at commit
    // here and through the change feed on the other nodes; the expiry bounds what a node that missed it serves
    private final Cache<UUID, RateLimits> tenantLimits = Caffeine.newBuilder().expireAfterWrite(Duration.ofMinutes(5))
            .maximumSize(100_000).build();

    public RateLimiter() {
        this(MAX_BUCKETS);
    }

    RateLimiter(long maxBuckets) {
        buckets = Caffeine.newBuilder().expireAfterAccess(Duration.ofMinutes(2)).maximumSize(maxBuckets).build();
    }

    public Decision consume(UUID tenantId, UUID keyId, Category category) {
        return consume(tenantId, keyId, category, 1);
    }

    /** Takes {@code tokens} at once (a batch check counts each of its entries). */
    public Decision consume(UUID tenantId, UUID keyId, Category category, int tokens) {
        int perMinute = tenantLimits.get(tenantId, limits::load).perMinute(category);
        ConsumptionProbe tenant = bucket("t:" + tenantId + ":" + category + ":" + perMinute, perMinute).tryConsumeAndReturnRemaining(tokens);
        if (!tenant.isConsumed()) {
            return refused(perMinute, tenant);
        }
        ConsumptionProbe key = bucket("k:" + keyId + ":" + category + ":" + perMinute, perMinute).tryConsumeAndReturnRemaining(tokens);
        if (!key.isConsumed()) {
            return refused(perMinute, key);
        }
        ConsumptionProbe tighter = tenant.getRemainingTokens() <= key.getRemainingTokens() ? tenant : key;
        return new Decision(true, perMinute, tighter.getRemainingTokens(), seconds(tighter.getNanosToWaitForReset()), 0);
    }

    /** The limits a tenant's calls are held to now (its own, else the installation's). */
    public RateLimits limits(UUID tenantId) {
        return tenantLimits.get(tenantId, limits::load);
    }

    /** Forgets a tenant's limits and buckets (its limits changed). */
    public void reset(UUID tenantId) {
        tenantLimits.invalidate(tenantId);
        buckets.asMap().keySet().removeIf(k -> k.startsWith("t:" + tenantId + ":"));
    }

    void onClusterChange(@jakarta.enterprise.event.Observes org.custodia.platform.persistence.ChangeFeed.ClusterChange change) {
        if (change.everything()) {
            tenantLimits.invalidateAll();
        } else if ("rate-limits".equals(change.kind())) {
            reset(UUID.fromString(change.parts().get(0)));
        }
    }

    private Bucket bucket(String name, int perMinute) {
        // the limit is part of the name: a changed limit starts a fresh bucket
        return buckets.get(name, n -> Bucket.builder()
                .addLimit(limit -> limit.capacity(perMinute).refillIntervally(perMinute, Duration.ofMinutes(1)))
                .build());
    }

    /** How many buckets this node holds now (after pending evictions). */
    long bucketCount() {
        buckets.cleanUp();
        return buckets.estimatedSize();
    }

    private static Decision refused(int perMinute, ConsumptionProbe probe) {
        long retry = Math.max(1, seconds(probe.getNanosToWaitForRefill()));
        return new Decision(false, perMinute, 0, seconds(probe.getNanosToWaitForReset()), retry);
    }

    private static long seconds(long nanos) {
        return (nanos + 999_999_999L) / 1_000_000_000L;
    }
}
