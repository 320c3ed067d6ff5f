package org.custodia.tenancy.infrastructure;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;

/** Tenants' stored rate limits ({@code app.tenant_rate_limit}), in the caller's transaction with the tenant bound. */
@ApplicationScoped
public class RateLimitRepository {

    /** A tenant's row; {@code costlyPerMinute} null means the installation's default. */
    public record StoredLimits(int checksPerMinute, int mutationsPerMinute, Integer costlyPerMinute) {
    }

    @PersistenceContext(unitName = "custodia")
    EntityManager em;

    public Optional<StoredLimits> find(UUID tenantId) {
        @SuppressWarnings("unchecked")
        List<Object[]> rows = em.createNativeQuery(
                        "select checks_per_minute, mutations_per_minute, costly_per_minute from app.tenant_rate_limit"
                                + " where tenant_id = ?1")
                .setParameter(1, tenantId).getResultList();
        if (rows.isEmpty()) {
            return Optional.empty();
        }
        Object[] row = rows.get(0);
        return Optional.of(new StoredLimits(((Number) row[0]).intValue(), ((Number) row[1]).intValue(),
                row[2] == null ? null : ((Number) row[2]).intValue()));
    }

    public void save(UUID tenantId, StoredLimits limits, Instant updatedAt) {
        em.createNativeQuery("insert into app.tenant_rate_limit (tenant_id, checks_per_minute, mutations_per_minute,"
                        + " updated_at, costly_per_minute) values (?1, ?2, ?3, ?4, nullif(?5, 0)) on conflict (tenant_id) do update"
                        + " set checks_per_minute = excluded.checks_per_minute,"
                        + " mutations_per_minute = excluded.mutations_per_minute, updated_at = excluded.updated_at,"
                        + " costly_per_minute = excluded.costly_per_minute")
                .setParameter(1, tenantId)
                .setParameter(2, limits.checksPerMinute())
                .setParameter(3, limits.mutationsPerMinute())
                .setParameter(4, Timestamp.from(updatedAt))
                .setParameter(5, limits.costlyPerMinute() == null ? 0 : limits.costlyPerMinute()) // 0: the default
                .executeUpdate();
    }
}
