package org.custodia.dsar.infrastructure;

import org.custodia.dsar.domain.DsarPerformance;
import java.util.Map;
import java.util.HashMap;
import java.time.ZoneId;
import java.time.Instant;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import java.util.TreeMap;

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

    /** The statuses a request ends in: only the others count as open. */
    static final List<String> ENDED = Arrays.stream(DsarRequest.Status.values()).filter(DsarRequest.Status::ended)
            .map(Enum::name).toList();

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
        for (Object[] row : rows) {
            String status = (String) row[0];
            byStatus.put(status, number(row[1]));
            if (ENDED.contains(status)) {
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

    static final String DAYS_LEFT = """
            select case when due_at < cast(?1 as timestamptz) then 'overdue'
                        when due_at < cast(?1 as timestamptz) + interval '8 days' then '0-7'
                        when due_at < cast(?1 as timestamptz) + interval '15 days' then '8-14'
                        when due_at < cast(?1 as timestamptz) + interval '31 days' then '15-30'
                        else '31+' end as bucket,
                   count(*)
            from app.dsar_request
            where status <> all(string_to_array(?2, ','))
            group by 1
            """;

    static final String ON_TIME = """
            select to_char(answered_at at time zone ?2, 'YYYY-MM') as month,
                   count(*),
                   count(*) filter (where answered_at <= due_at)
            from app.dsar_request
            where answered_at >= ?1
            group by 1
            """;

    /**
     * @param since the first instant of the oldest month shown, in the tenant's zone
     * @param months the months shown, oldest first ("2026-01"), each present in the answer (zero when none)
     */
    public DsarPerformance performance(Instant now, Instant since, ZoneId zone, List<String> months) {
        String ended = String.join(",", ENDED);
        @SuppressWarnings("unchecked")
        List<Object[]> left = em.createNativeQuery(DAYS_LEFT).setParameter(1, NativeValues.at(now)).setParameter(2, ended).getResultList();
        Map<String, Long> byBucket = new HashMap<>();
        for (Object[] row : left) {
            byBucket.put((String) row[0], number(row[1]));
        }
        @SuppressWarnings("unchecked")
        List<Object[]> answered = em.createNativeQuery(ON_TIME).setParameter(1, NativeValues.at(since)).setParameter(2, zone.getId())
                .getResultList();
        Map<String, Object[]> byMonth = new HashMap<>();
        for (Object[] row : answered) {
            byMonth.put((String) row[0], row);
        }
        return new DsarPerformance(
                DsarPerformance.BUCKETS.stream().map(b -> new DsarPerformance.Bucket(b, byBucket.getOrDefault(b, 0L))).toList(),
                months.stream().map(m -> {
                    Object[] row = byMonth.get(m);
                    return new DsarPerformance.Month(m, row == null ? 0 : number(row[1]), row == null ? 0 : number(row[2]));
                }).toList());
    }

    private static long number(Object value) {
        return ((Number) value).longValue();
    }
}
