package org.custodia.dsar.infrastructure;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;

import org.custodia.dsar.domain.DiscoveryStep;
import org.custodia.platform.persistence.NativeValues;

/** {@code app.dsar_discovery_step} and {@code app.dsar_discovery_result} (sealed JSON per category). */
@ApplicationScoped
public class DiscoveryRepository {

    /** One category's sealed rows. */
    public record SealedResult(String category, int rowCount, byte[] sealedData) {
    }

    @PersistenceContext(unitName = "custodia")
    EntityManager em;

    public void plan(UUID tenantId, UUID dsarId, List<UUID> connectorIds, Instant now) {
        for (UUID connectorId : connectorIds) {
            em.createNativeQuery("insert into app.dsar_discovery_step (tenant_id, dsar_id, connector_id, status, updated_at)"
                            + " values (?1, ?2, ?3, 'PENDING', ?4) on conflict (dsar_id, connector_id) do nothing")
                    .setParameter(1, tenantId).setParameter(2, dsarId).setParameter(3, connectorId)
                    .setParameter(4, NativeValues.at(now)).executeUpdate();
        }
    }

    public List<DiscoveryStep> steps(UUID dsarId) {
        @SuppressWarnings("unchecked")
        List<Object[]> rows = em.createNativeQuery("select dsar_id, connector_id, status, attempts, cause, skip_reason, decided_by,"
                + " updated_at from app.dsar_discovery_step where dsar_id = ?1 order by connector_id").setParameter(1, dsarId).getResultList();
        return rows.stream().map(DiscoveryRepository::step).toList();
    }

    public Optional<DiscoveryStep> step(UUID dsarId, UUID connectorId) {
        @SuppressWarnings("unchecked")
        List<Object[]> rows = em.createNativeQuery("select dsar_id, connector_id, status, attempts, cause, skip_reason, decided_by,"
                        + " updated_at from app.dsar_discovery_step where dsar_id = ?1 and connector_id = ?2")
                .setParameter(1, dsarId).setParameter(2, connectorId).getResultList();
        return rows.stream().findFirst().map(DiscoveryRepository::step);
    }

    /** Records an attempt's outcome (the row is created if the plan did not make it). */
    public void record(UUID tenantId, UUID dsarId, UUID connectorId, DiscoveryStep.Status status, String cause, Instant now) {
        em.createNativeQuery("insert into app.dsar_discovery_step as s (tenant_id, dsar_id, connector_id, status, attempts, cause, updated_at)"
                        + " values (?1, ?2, ?3, ?4, 1, ?5, ?6) on conflict (dsar_id, connector_id) do update"
                        + " set status = excluded.status, attempts = s.attempts + 1, cause = excluded.cause, updated_at = excluded.updated_at")
                .setParameter(1, tenantId).setParameter(2, dsarId).setParameter(3, connectorId).setParameter(4, status.name())
                .setParameter(5, cause).setParameter(6, NativeValues.at(now)).executeUpdate();
    }

    /** A step AWAITING its callback is DONE: the same attempt's outcome, so no attempt is counted. */
    public void calledBack(UUID dsarId, UUID connectorId, Instant now) {
        em.createNativeQuery("update app.dsar_discovery_step set status = 'DONE', cause = null, updated_at = ?3"
                        + " where dsar_id = ?1 and connector_id = ?2")
                .setParameter(1, dsarId).setParameter(2, connectorId).setParameter(3, NativeValues.at(now)).executeUpdate();
    }

    /** A reviewer's decision on a failed step: PENDING again (retry) or SKIPPED with the reason; the cause stays. */
    public void decide(UUID dsarId, UUID connectorId, DiscoveryStep.Status status, String skipReason, String decidedBy, Instant now) {
        em.createNativeQuery("update app.dsar_discovery_step set status = ?3, skip_reason = ?4, decided_by = ?5, updated_at = ?6"
                        + " where dsar_id = ?1 and connector_id = ?2")
                .setParameter(1, dsarId).setParameter(2, connectorId).setParameter(3, status.name()).setParameter(4, skipReason)
                .setParameter(5, decidedBy).setParameter(6, NativeValues.at(now)).executeUpdate();
    }

    /** Replaces what the connector found for the request (a retry after a success writes the same keys again). */
    public void replaceResults(UUID tenantId, UUID dsarId, UUID connectorId, List<SealedResult> results, Instant now) {
        em.createNativeQuery("delete from app.dsar_discovery_result where dsar_id = ?1 and connector_id = ?2")
                .setParameter(1, dsarId).setParameter(2, connectorId).executeUpdate();
        for (SealedResult r : results) {
            em.createNativeQuery("insert into app.dsar_discovery_result (tenant_id, dsar_id, connector_id, category, row_count,"
                            + " sealed_data, found_at) values (?1, ?2, ?3, ?4, ?5, ?6, ?7)")
                    .setParameter(1, tenantId).setParameter(2, dsarId).setParameter(3, connectorId).setParameter(4, r.category())
                    .setParameter(5, r.rowCount()).setParameter(6, r.sealedData()).setParameter(7, NativeValues.at(now))
                    .executeUpdate();
        }
    }

    /** Forgets the rows discovery found for the request (retention); categories and row counts stay. Returns how many. */
    public int forgetData(UUID dsarId) {
        return em.createNativeQuery("update app.dsar_discovery_result set sealed_data = null where dsar_id = ?1"
                        + " and sealed_data is not null")
                .setParameter(1, dsarId).executeUpdate();
    }

    /** What the connector found, sealed; read when the package is compiled (never after the retention's purge). */
    public List<SealedResult> results(UUID dsarId, UUID connectorId) {
        @SuppressWarnings("unchecked")
        List<Object[]> rows = em.createNativeQuery("select category, row_count, sealed_data from app.dsar_discovery_result"
                + " where dsar_id = ?1 and connector_id = ?2 order by category").setParameter(1, dsarId).setParameter(2, connectorId)
                .getResultList();
        return rows.stream().map(r -> new SealedResult((String) r[0], ((Number) r[1]).intValue(), (byte[]) r[2])).toList();
    }

    private static DiscoveryStep step(Object[] r) {
        return new DiscoveryStep((UUID) r[0], (UUID) r[1], DiscoveryStep.Status.valueOf((String) r[2]), ((Number) r[3]).intValue(),
                (String) r[4], (String) r[5], (String) r[6], NativeValues.instant(r[7]));
    }
}
