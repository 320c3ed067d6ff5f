package org.custodia.tenancy.application;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import org.custodia.platform.context.Actor;
import org.custodia.platform.problem.FieldError;
import org.custodia.platform.problem.ProblemException;
import org.custodia.tenancy.domain.RateLimits;
import org.custodia.tenancy.infrastructure.RateLimitRepository;
import org.custodia.tenancy.infrastructure.TenantRepository;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Stored limits and their defaults; limits out of range or for an unknown tenant are refused before any write. */
class TenantRateLimitsTest {

    private static final UUID TENANT = UUID.randomUUID();

    private Optional<RateLimitRepository.StoredLimits> stored = Optional.empty();
    private boolean tenantExists = true;
    private final List<RateLimitRepository.StoredLimits> saved = new ArrayList<>();
    private TenantRateLimits limits;

    @BeforeEach
    void service() {
        limits = new TenantRateLimits();
        limits.repository = new RateLimitRepository() {
            @Override public Optional<StoredLimits> find(UUID tenantId) { return stored; }
            @Override public void save(UUID tenantId, StoredLimits l, Instant updatedAt) { saved.add(l); }
        };
        limits.tenants = new TenantRepository() {
            @Override public boolean exists(UUID tenantId) { return tenantExists; }
        };
    }

    @Test
    void aTenantWithoutStoredLimitsHasTheDefaultsAndAnUnsetCostlyLimitIsTheDefault() {
        assertThat(limits.load(TENANT)).isEqualTo(InstallationRateLimits.DEFAULTS);
        stored = Optional.of(new RateLimitRepository.StoredLimits(50, 5, null));
        assertThat(limits.load(TENANT)).isEqualTo(new RateLimits(50, 5, InstallationRateLimits.DEFAULTS.costlyPerMinute()));
        stored = Optional.of(new RateLimitRepository.StoredLimits(50, 5, 2));
        assertThat(limits.load(TENANT)).isEqualTo(new RateLimits(50, 5, 2));
    }

    @Test
    void limitsOutOfRangeAreRefusedFieldByFieldAndNothingIsWritten() {
        Actor operator = new Actor(TENANT, "platform:admin", "req-1");
        assertThatThrownBy(() -> limits.set(operator, 0, null, 10_001))
                .isInstanceOfSatisfying(ProblemException.class, e -> assertThat(e.errors()).extracting(FieldError::field)
                        .containsExactly("checksPerMinute", "mutationsPerMinute", "costlyPerMinute"));
        assertThat(saved).isEmpty();
    }

    @Test
    void limitsForATenantThatDoesNotExistAreNotFound() {
        tenantExists = false;
        assertThatThrownBy(() -> limits.set(new Actor(TENANT, "platform:admin", "req-1"), 10, 10, null))
                .isInstanceOfSatisfying(ProblemException.class, e -> assertThat(e.status()).isEqualTo(404));
        assertThat(saved).isEmpty();
    }
}
