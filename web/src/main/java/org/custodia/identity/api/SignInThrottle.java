package org.custodia.identity.api;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import jakarta.enterprise.context.ApplicationScoped;

import io.github.bucket4j.Bucket;

/**
 * Public sign-in endpoints carry no tenant or key to rate-limit by: they are limited per client address
 * ({@code CUSTODIA_SIGNIN_PER_MINUTE}, default 30), on top of each account's own back-off.
 */
@ApplicationScoped
public class SignInThrottle {

    private final int perMinute;
    private final Map<String, Bucket> buckets = new ConcurrentHashMap<>();

    public SignInThrottle() {
        this(Integer.parseInt(System.getProperty("custodia.signin.per.minute",
                System.getenv().getOrDefault("CUSTODIA_SIGNIN_PER_MINUTE", "30"))));
    }

    SignInThrottle(int perMinute) {
        this.perMinute = perMinute;
    }

    /** Seconds to wait, or 0 when the attempt may proceed. */
    public long consume(String clientAddress) {
        if (buckets.size() > 50_000) {
            buckets.clear();
        }
        Bucket bucket = buckets.computeIfAbsent(clientAddress, a -> Bucket.builder()
                .addLimit(limit -> limit.capacity(perMinute).refillGreedy(perMinute, Duration.ofMinutes(1))).build());
        var probe = bucket.tryConsumeAndReturnRemaining(1);
        return probe.isConsumed() ? 0 : Math.max(1, probe.getNanosToWaitForRefill() / 1_000_000_000L);
    }
}
