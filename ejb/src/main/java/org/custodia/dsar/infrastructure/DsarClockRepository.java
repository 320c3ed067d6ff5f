package org.custodia.dsar.infrastructure;

import java.sql.Date;
import java.time.LocalDate;
import java.util.List;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;

import org.custodia.dsar.domain.ClockHistory;
import org.custodia.platform.persistence.NativeValues;

/** The facts that moved a request's deadline: {@code app.dsar_extension} and {@code app.dsar_pause}. */
@ApplicationScoped
public class DsarClockRepository {

    @PersistenceContext(unitName = "custodia")
    EntityManager em;

    public ClockHistory history(UUID dsarId) {
        @SuppressWarnings("unchecked")
        List<Object[]> extensions = em.createNativeQuery("select reason, notice_sent_at, decided_by, decided_at, due_before, due_after"
                + " from app.dsar_extension where dsar_id = ?1").setParameter(1, dsarId).getResultList();
        @SuppressWarnings("unchecked")
        List<Object[]> pauses = em.createNativeQuery("select asked_on, arrived_on, recorded_by, recorded_at, due_before, due_after"
                + " from app.dsar_pause where dsar_id = ?1 order by asked_on").setParameter(1, dsarId).getResultList();
        return new ClockHistory(
                extensions.stream().findFirst().map(r -> new ClockHistory.RecordedExtension((String) r[0],
                        NativeValues.instant(r[1]), (String) r[2], NativeValues.instant(r[3]), NativeValues.instant(r[4]),
                        NativeValues.instant(r[5]))).orElse(null),
                pauses.stream().map(r -> new ClockHistory.RecordedPause(day(r[0]), day(r[1]), (String) r[2],
                        NativeValues.instant(r[3]), NativeValues.instant(r[4]), NativeValues.instant(r[5]))).toList());
    }

    public void addExtension(UUID tenantId, UUID dsarId, ClockHistory.RecordedExtension e) {
        em.createNativeQuery("insert into app.dsar_extension (dsar_id, tenant_id, reason, notice_sent_at, decided_by, decided_at,"
                        + " due_before, due_after) values (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)")
                .setParameter(1, dsarId).setParameter(2, tenantId).setParameter(3, e.reason())
                .setParameter(4, NativeValues.at(e.noticeSentAt())).setParameter(5, e.decidedBy())
                .setParameter(6, NativeValues.at(e.decidedAt())).setParameter(7, NativeValues.at(e.dueBefore()))
                .setParameter(8, NativeValues.at(e.dueAfter())).executeUpdate();
    }

    public void addPause(UUID tenantId, UUID dsarId, ClockHistory.RecordedPause p) {
        em.createNativeQuery("insert into app.dsar_pause (id, tenant_id, dsar_id, asked_on, arrived_on, recorded_by, recorded_at,"
                        + " due_before, due_after) values (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)")
                .setParameter(1, UUID.randomUUID()).setParameter(2, tenantId).setParameter(3, dsarId)
                .setParameter(4, Date.valueOf(p.askedOn())).setParameter(5, Date.valueOf(p.arrivedOn()))
                .setParameter(6, p.recordedBy()).setParameter(7, NativeValues.at(p.recordedAt()))
                .setParameter(8, NativeValues.at(p.dueBefore())).setParameter(9, NativeValues.at(p.dueAfter())).executeUpdate();
    }

    private static LocalDate day(Object value) {
        return value instanceof Date d ? d.toLocalDate() : (LocalDate) value;
    }
}
