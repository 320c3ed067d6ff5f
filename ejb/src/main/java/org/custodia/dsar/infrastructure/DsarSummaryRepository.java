package org.custodia.dsar.infrastructure;

import java.time.Instant;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import java.util.TreeMap;
import java.util.stream.Collectors;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;

import org.custodia.dsar.domain.DsarRequest;
import org.custodia.dsar.domain.DsarSummary;
import org.custodia.platform.persistence.NativeValues;

/** The counts of {@link DsarSummary} in one query over the bound tenant's requests (row-level security scopes it). */
@ApplicationScoped
public class DsarSummaryRepository {

    static final String SQL = """
            select status,
                   count(*) as total,
                   count(*) filter (where due_at >= ?1 and due_at < ?2) as due_this_week,
                   count(*) filter (where due_at < ?1) as overdue,
                   count(*) filter (where breached) as breached,
                   count(*) filter (where process_instance_id = any(string_to_array(?3, ','))) as stalled
            from app.dsar_request
            group by status
            """;

    @PersistenceContext(unitName = "custodia")
    EntityManager em;

    /**
     * @param instancesWithIncidents the tenant's process instances with an open incident (from the engine)
     */
    public DsarSummary summary(Instant now, Instant weekEnd, Collection<String> instancesWithIncidents) {
        @SuppressWarnings("unchecked")
        List<Object[]> rows = em.createNativeQuery(SQL)
                .setParameter(1, NativeValues.at(now))
                .setParameter(2, NativeValues.at(weekEnd))
                .setParameter(3, String.join(",", instancesWithIncidents))
                .getResultList();
        TreeMap<String, Long> byStatus = new TreeMap<>();
        long open = 0, dueThisWeek = 0, overdue = 0, breached = 0, stalled = 0;
        List<String> ended = Arrays.stream(DsarRequest.Status.values()).filter(DsarRequest.Status::ended).map(Enum::name)
                .collect(Collectors.toList());
        for (Object[] row : rows) {
            String status = (String) row[0];
            byStatus.put(status, number(row[1]));
            if (ended.contains(status)) {
                continue; // only open requests count as due, overdue, breached or stalled
            }
            open += number(row[1]);
            dueThisWeek += number(row[2]);
            overdue += number(row[3]);
            breached += number(row[4]);
            stalled += number(row[5]);
        }
        return new DsarSummary(now, open, dueThisWeek, overdue, breached, stalled, byStatus);
    }

    private static long number(Object value) {
        return ((Number) value).longValue();
    }
}
