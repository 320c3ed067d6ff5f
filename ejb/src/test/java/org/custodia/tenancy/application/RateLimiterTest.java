package org.custodia.tenancy.application;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.UUID;

import org.custodia.tenancy.domain.RateLimits;
import org.custodia.tenancy.domain.RateLimits.Category;
import org.junit.jupiter.api.Test;

class RateLimiterTest {

    private static final UUID TENANT = UUID.randomUUID();

    private static RateLimiter limiter(long maxBuckets, RateLimits limits) {
        RateLimiter limiter = new RateLimiter(maxBuckets);
        limiter.limits = new TenantRateLimits() {
            @Override
            public RateLimits load(UUID tenantId) {
                return limits;
            }
        };
        return limiter;
    }

    @Test
    void aKeyGetsItsLimitPerMinuteThenWaits() {
        RateLimiter limiter = limiter(RateLimiter.MAX_BUCKETS, new RateLimits(3, 1000, 6));
        UUID key = UUID.randomUUID();
        for (int i = 0; i < 3; i++) {
            RateLimiter.Decision d = limiter.consume(TENANT, key, Category.CHECK);
            assertThat(d.allowed()).isTrue();
            assertThat(d.limit()).isEqualTo(3);
            assertThat(d.remaining()).isEqualTo(2 - i);
        }
        RateLimiter.Decision refused = limiter.consume(TENANT, key, Category.CHECK);
        assertThat(refused.allowed()).isFalse();
        assertThat(refused.retryAfterSeconds()).isBetween(1L, 60L);
        // other categories have buckets of their own
        assertThat(limiter.consume(TENANT, key, Category.MUTATION).allowed()).isTrue();
    }

    @Test
    void theTenantsBudgetIsSharedByItsKeys() {
        RateLimiter limiter = limiter(RateLimiter.MAX_BUCKETS, new RateLimits(3, 1000, 6));
        UUID one = UUID.randomUUID();
        UUID other = UUID.randomUUID();
        assertThat(limiter.consume(TENANT, one, Category.CHECK, 2).allowed()).isTrue();
        assertThat(limiter.consume(TENANT, other, Category.CHECK).allowed()).isTrue();
        assertThat(limiter.consume(TENANT, other, Category.CHECK).allowed()).isFalse();
        assertThat(limiter.consume(UUID.randomUUID(), other, Category.CHECK).allowed()).isTrue();
    }

    @Test
    void aResetTenantStartsWithFullBuckets() {
        RateLimiter limiter = limiter(RateLimiter.MAX_BUCKETS, new RateLimits(1, 1000, 6));
        UUID key = UUID.randomUUID();
        assertThat(limiter.consume(TENANT, key, Category.CHECK).allowed()).isTrue();
        assertThat(limiter.consume(TENANT, key, Category.CHECK).allowed()).isFalse();
        limiter.reset(TENANT);
        // the tenant's bucket is new; the key's own bucket still remembers its use
        assertThat(limiter.consume(TENANT, UUID.randomUUID(), Category.CHECK).allowed()).isTrue();
    }

    @Test
    void theBucketsStayWithinTheirBoundHoweverManyKeysCall() {
        RateLimiter limiter = limiter(50, new RateLimits(1_000_000, 1000, 6));
        for (int i = 0; i < 5_000; i++) {
            assertThat(limiter.consume(TENANT, UUID.randomUUID(), Category.CHECK).allowed()).isTrue();
        }
        assertThat(limiter.bucketCount()).isBetween(1L, 50L);
    }
}
