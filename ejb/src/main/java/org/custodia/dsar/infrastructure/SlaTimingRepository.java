package org.custodia.dsar.infrastructure;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;

import org.custodia.dsar.domain.SlaTiming;
import org.custodia.platform.persistence.NativeValues;

/** The tenant's service-level timings ({@code app.sla_timing}), as the tenant gave them. */
@ApplicationScoped
public class SlaTimingRepository {

    @PersistenceContext(unitName = "custodia")
    EntityManager em;

    public List<SlaTiming> all() {
        @SuppressWarnings("unchecked")
        List<Object[]> rows = em.createNativeQuery("select process, request_type, warning_before, escalation_after"
                + " from app.sla_timing order by process, request_type").getResultList();
        return rows.stream().map(r -> SlaTiming.parse((String) r[0], (String) r[1], (String) r[2], (String) r[3])).toList();
    }

    /** The tenant's rows become exactly these. */
    public void replace(UUID tenantId, List<SlaTiming> rows, Instant updatedAt) {
        em.createNativeQuery("delete from app.sla_timing where tenant_id = ?1").setParameter(1, tenantId).executeUpdate();
        for (SlaTiming row : rows) {
            em.createNativeQuery("insert into app.sla_timing (tenant_id, process, request_type, warning_before, escalation_after,"
                            + " updated_at) values (?1, ?2, ?3, ?4, ?5, ?6)")
                    .setParameter(1, tenantId).setParameter(2, row.process()).setParameter(3, row.type())
                    .setParameter(4, row.warningBefore().toString()).setParameter(5, row.escalationAfter().toString())
                    .setParameter(6, NativeValues.at(updatedAt)).executeUpdate();
        }
    }
}
