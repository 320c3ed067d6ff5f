package org.custodia.tenancy.application;

import java.sql.Timestamp;
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
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;

import org.custodia.audit.application.AuditTrail;
import org.custodia.platform.context.Actor;
import org.custodia.platform.persistence.TenantSession;
import org.custodia.platform.problem.FieldError;
import org.custodia.platform.problem.ProblemException;
import org.custodia.tenancy.domain.RateLimits;

/** Each tenant's rate limits as stored (defaults when unset); {@link RateLimiter} caches them. */
@Singleton
@ConcurrencyManagement(ConcurrencyManagementType.BEAN)
public class TenantRateLimits {

    @PersistenceContext(unitName = "custodia")
    EntityManager em;

    @Inject
    TenantSession tenantSession;

    @Inject
    AuditTrail audit;

    @Inject
    RateLimiter limiter;

    @Inject
    org.custodia.platform.persistence.AfterCommit afterCommit;

    @Inject
    org.custodia.platform.persistence.ChangeFeed feed;

    @TransactionAttribute(TransactionAttributeType.REQUIRED)
    public RateLimits load(UUID tenantId) {
        tenantSession.bind(tenantId);
        @SuppressWarnings("unchecked")
        List<Object[]> rows = em.createNativeQuery(
                        "select checks_per_minute, mutations_per_minute, costly_per_minute from app.tenant_rate_limit"
                                + " where tenant_id = ?1")
                .setParameter(1, tenantId).getResultList();
        if (rows.isEmpty()) {
            return InstallationRateLimits.DEFAULTS;
        }
        Object[] row = rows.get(0);
        return new RateLimits(((Number) row[0]).intValue(), ((Number) row[1]).intValue(),
                row[2] == null ? InstallationRateLimits.DEFAULTS.costlyPerMinute() : ((Number) row[2]).intValue());
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
        tenantSession.bind(actor.tenantId());
        Long exists = ((Number) em.createNativeQuery("select count(*) from app.tenant where tenant_id = ?1")
                .setParameter(1, actor.tenantId()).getSingleResult()).longValue();
        if (exists == 0) {
            throw ProblemException.notFound("Tenant " + actor.tenantId());
        }
        em.createNativeQuery("insert into app.tenant_rate_limit (tenant_id, checks_per_minute, mutations_per_minute,"
                        + " updated_at, costly_per_minute) values (?1, ?2, ?3, ?4, nullif(?5, 0)) on conflict (tenant_id) do update"
                        + " set checks_per_minute = excluded.checks_per_minute,"
                        + " mutations_per_minute = excluded.mutations_per_minute, updated_at = excluded.updated_at,"
                        + " costly_per_minute = excluded.costly_per_minute")
                .setParameter(1, actor.tenantId())
                .setParameter(2, checksPerMinute)
                .setParameter(3, mutationsPerMinute)
                .setParameter(4, Timestamp.from(Instant.now()))
                .setParameter(5, costlyPerMinute == null ? 0 : costlyPerMinute) // 0: the default
                .executeUpdate();
        UUID tenantId = actor.tenantId();
        afterCommit.run(() -> limiter.reset(tenantId)); // this node, once the new limits are visible
        feed.publish("rate-limits", tenantId.toString()); // the other nodes, when this commits
        int costly = costlyPerMinute == null ? InstallationRateLimits.DEFAULTS.costlyPerMinute() : costlyPerMinute;
        audit.append(actor, "tenant.rate_limits.changed", "tenant", actor.tenantId().toString(),
                Map.of("checksPerMinute", checksPerMinute, "mutationsPerMinute", mutationsPerMinute, "costlyPerMinute", costly));
        return new RateLimits(checksPerMinute, mutationsPerMinute, costly);
    }
}
