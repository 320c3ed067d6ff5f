package org.custodia.identity.api;

import java.time.Duration;
import java.util.List;
import java.util.Locale;

import jakarta.enterprise.context.ApplicationScoped;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;

import org.custodia.platform.api.ClientAddress;

import io.github.bucket4j.Bucket;
import org.custodia.platform.config.Setting;

/**
 * Public sign-in endpoints carry no tenant or key to rate-limit by: they are limited per client address
 * ({@code CUSTODIA_SIGNIN_PER_MINUTE}, default 30; the address as seen through the trusted proxies, see
 * {@link ClientAddress}) and per organisation named in the request ({@code CUSTODIA_SIGNIN_TENANT_PER_MINUTE},
 * default 300), on top of each account's own back-off. The buckets sit in a bounded cache: an idle
 * bucket is full anyway, so dropping it loses nothing.
 */
@ApplicationScoped
public class SignInThrottle {

    private static final int MAX_ENTRIES = 100_000;

    private final int perMinute;
    private final int perTenantPerMinute;
    private final ClientAddress clientAddress;
    // a bucket refills completely within a minute, so one idle for two is full and dropping it loses nothing
    private final Cache<String, Bucket> buckets;

    public SignInThrottle() {
        this(Setting.SIGNIN_PER_MINUTE.integer(), Setting.SIGNIN_TENANT_PER_MINUTE.integer(),
                ClientAddress.configured());
    }

    SignInThrottle(int perMinute, int perTenantPerMinute, ClientAddress clientAddress) {
        this(perMinute, perTenantPerMinute, clientAddress, MAX_ENTRIES);
    }

    SignInThrottle(int perMinute, int perTenantPerMinute, ClientAddress clientAddress, long maxEntries) {
        this.perMinute = perMinute;
        this.perTenantPerMinute = perTenantPerMinute;
        this.clientAddress = clientAddress;
        this.buckets = Caffeine.newBuilder().expireAfterAccess(Duration.ofMinutes(2)).maximumSize(maxEntries).build();
    }

    /**
     * Seconds to wait, or 0 when the attempt may proceed. {@code tenantSlug} is the organisation the
     * request names (null when it names none).
     */
    public long consume(String peer, List<String> forwardedFor, String tenantSlug) {
        long wait = take("a:" + clientAddress.key(peer, forwardedFor), perMinute);
        if (wait == 0 && tenantSlug != null) {
            wait = take("t:" + tenantSlug.trim().toLowerCase(Locale.ROOT), perTenantPerMinute);
        }
        return wait;
    }

    private long take(String key, int limit) {
        Bucket bucket = buckets.get(key, k -> Bucket.builder()
                .addLimit(l -> l.capacity(limit).refillGreedy(limit, Duration.ofMinutes(1))).build());
        var probe = bucket.tryConsumeAndReturnRemaining(1);
        return probe.isConsumed() ? 0 : Math.max(1, probe.getNanosToWaitForRefill() / 1_000_000_000L);
    }

    /** How many buckets the throttle holds now (after pending evictions). */
    long bucketCount() {
        buckets.cleanUp();
        return buckets.estimatedSize();
    }

}
