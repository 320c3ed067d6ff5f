package org.custodia.platform.api;

import java.time.Duration;
import java.util.Collections;
import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.servlet.http.HttpServletRequest;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;

import org.custodia.platform.config.Setting;
import org.custodia.platform.problem.ProblemException;

import io.github.bucket4j.Bucket;

/**
 * The public intake carries no tenant or key to rate-limit by (and the tenant filter skips public endpoints): requests
 * are limited per client address ({@code CUSTODIA_DSAR_INTAKE_PER_HOUR}, default 20, as seen through the trusted
 * proxies, see {@link ClientAddress}), whatever organisation they name, so an unknown slug costs the same as a known
 * one; email confirmations (page and redemption), package downloads (look and redemption), status pages and consent
 * pages each draw on a budget of their own of the same size. Buckets live in
 * a bounded cache in this node's memory: one idle for the refill period is full, so dropping it loses nothing.
 */
@ApplicationScoped
public class PublicThrottle {

    private static final int MAX_ENTRIES = 100_000;
    private static final Duration PERIOD = Duration.ofHours(1);

    /**
     * Each a budget of its own: the intake form, email confirmations, package downloads, status pages, asking for a
     * consent link (it mails), reading and withdrawing consents through one, and connector callbacks refused for their
     * signature (a genuine callback costs nothing: only an address that keeps sending bad ones is held off).
     */
    public enum Budget { INTAKE, CONFIRMATION, DOWNLOAD, STATUS, CONSENT_LINK, CONSENTS, REFUSED_CALLBACKS }

    private final int perHour;
    private final ClientAddress clientAddress;
    private final Cache<String, Bucket> buckets;

    public PublicThrottle() {
        this(Setting.DSAR_INTAKE_PER_HOUR.integer(), ClientAddress.configured(), MAX_ENTRIES);
    }

    PublicThrottle(int perHour, ClientAddress clientAddress, long maxEntries) {
        this.perHour = perHour;
        this.clientAddress = clientAddress;
        this.buckets = Caffeine.newBuilder().expireAfterAccess(PERIOD.plusMinutes(1)).maximumSize(maxEntries).build();
    }

    /** Seconds to wait, or 0 when the request may proceed. */
    public long consume(Budget budget, String peer, List<String> forwardedFor) {
        Bucket bucket = buckets.get(budget + ":" + clientAddress.key(peer, forwardedFor), k -> Bucket.builder()
                .addLimit(l -> l.capacity(perHour).refillGreedy(perHour, PERIOD)).build());
        var probe = bucket.tryConsumeAndReturnRemaining(1);
        return probe.isConsumed() ? 0 : Math.max(1, (probe.getNanosToWaitForRefill() + 999_999_999L) / 1_000_000_000L);
    }

    /** Refuses the request with 429 and {@code Retry-After} when its address has used up this budget. */
    public void check(Budget budget, HttpServletRequest http) {
        long wait = consume(budget, http.getRemoteAddr(), Collections.list(http.getHeaders("X-Forwarded-For")));
        if (wait > 0) {
            throw ProblemException.tooManyRequests("rate-limited", "Too many requests",
                    "Too many requests from this address; retry after " + wait + " s.", wait);
        }
    }

    /** Seconds until the address has budget again, without spending any; 0 when it has some. */
    public long waitFor(Budget budget, String peer, List<String> forwardedFor) {
        Bucket bucket = buckets.getIfPresent(budget + ":" + clientAddress.key(peer, forwardedFor));
        if (bucket == null || bucket.getAvailableTokens() > 0) {
            return 0;
        }
        return Math.max(1, (bucket.estimateAbilityToConsume(1).getNanosToWaitForRefill() + 999_999_999L) / 1_000_000_000L);
    }

    /** 429 with {@code Retry-After} when the address has used up this budget; spends nothing. */
    public void checkWithoutSpending(Budget budget, HttpServletRequest http) {
        long wait = waitFor(budget, http.getRemoteAddr(), Collections.list(http.getHeaders("X-Forwarded-For")));
        if (wait > 0) {
            throw ProblemException.tooManyRequests("rate-limited", "Too many requests",
                    "Too many refused requests from this address; retry after " + wait + " s.", wait);
        }
    }

    /** Spends one of the address's budget (a refused request it sent). */
    public void spend(Budget budget, HttpServletRequest http) {
        consume(budget, http.getRemoteAddr(), Collections.list(http.getHeaders("X-Forwarded-For")));
    }

    /** How many buckets the throttle holds now (after pending evictions). */
    long bucketCount() {
        buckets.cleanUp();
        return buckets.estimatedSize();
    }
}
