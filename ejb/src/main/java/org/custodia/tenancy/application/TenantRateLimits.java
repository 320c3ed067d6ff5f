package org.custodia.tenancy.application;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import jakarta.ejb.Singleton;
import jakarta.ejb.ConcurrencyManagement;
import jakarta.ejb.ConcurrencyManagementType;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.inject.Inject;

import org.custodia.audit.application.AuditTrail;
import org.custodia.platform.context.Actor;
import org.custodia.platform.persistence.TenantId;
import org.custodia.platform.persistence.TenantScoped;
import org.custodia.platform.problem.FieldError;
import org.custodia.platform.problem.ProblemException;
import org.custodia.tenancy.domain.RateLimits;
import org.custodia.tenancy.infrastructure.RateLimitRepository;
import org.custodia.tenancy.infrastructure.TenantRepository;

/** Each tenant's rate limits as stored (defaults when unset); {@link RateLimiter} caches them. */
@Singleton
@ConcurrencyManagement(ConcurrencyManagementType.BEAN)
@TenantScoped
public class TenantRateLimits {

    @Inject
    RateLimitRepository repository;

    @Inject
    TenantRepository tenants;

    @Inject
    AuditTrail audit;

    @Inject
    RateLimiter limiter;

    @Inject
    org.custodia.platform.persistence.AfterCommit afterCommit;

    @Inject
    org.custodia.platform.persistence.ChangeFeed feed;

    @TransactionAttribute(TransactionAttributeType.REQUIRED)
    public RateLimits load(@TenantId UUID tenantId) {
        return repository.find(tenantId).map(r -> new RateLimits(r.checksPerMinute(), r.mutationsPerMinute(),
                r.costlyPerMinute() == null ? InstallationRateLimits.DEFAULTS.costlyPerMinute() : r.costlyPerMinute())).orElse(InstallationRateLimits.DEFAULTS);
    }

    /**
     * Sets a tenant's limits (the installation's operator), audited in that tenant's chain; a null
     * {@code costlyPerMinute} means the installation's default.
     */
    @TransactionAttribute(TransactionAttributeType.REQUIRED)
    public RateLimits set(Actor actor, Integer checksPerMinute, Integer mutationsPerMinute, Integer costlyPerMinute) {
        List<FieldError> errors = new java.util.ArrayList<>();
        if (checksPerMinute == null || checksPerMinute < 1 || checksPerMinute > 10_000_000) {
            errors.add(new FieldError("checksPerMinute", "must be 1 to 10,000,000"));
        }
        if (mutationsPerMinute == null || mutationsPerMinute < 1 || mutationsPerMinute > 10_000_000) {
            errors.add(new FieldError("mutationsPerMinute", "must be 1 to 10,000,000"));
        }
        if (costlyPerMinute != null && (costlyPerMinute < 1 || costlyPerMinute > 10_000)) {
            errors.add(new FieldError("costlyPerMinute", "must be 1 to 10,000"));
        }
        if (!errors.isEmpty()) {
            throw ProblemException.invalid(errors);
        }
        if (!tenants.exists(actor.tenantId())) {
            throw ProblemException.notFound("Tenant " + actor.tenantId());
        }
        repository.save(actor.tenantId(), new RateLimitRepository.StoredLimits(checksPerMinute, mutationsPerMinute,
                costlyPerMinute), Instant.now());
        UUID tenantId = actor.tenantId();
        afterCommit.run(() -> limiter.reset(tenantId)); // this node, once the new limits are visible
        feed.publish("rate-limits", tenantId.toString()); // the other nodes, when this commits
        int costly = costlyPerMinute == null ? InstallationRateLimits.DEFAULTS.costlyPerMinute() : costlyPerMinute;
        audit.append(actor, "tenant.rate_limits.changed", "tenant", actor.tenantId().toString(),
                Map.of("checksPerMinute", checksPerMinute, "mutationsPerMinute", mutationsPerMinute, "costlyPerMinute", costly));
        return new RateLimits(checksPerMinute, mutationsPerMinute, costly);
    }
}
