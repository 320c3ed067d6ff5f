package org.custodia.ropa.infrastructure;

import java.sql.Date;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import jakarta.ejb.Stateless;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.persistence.PersistenceException;

import org.custodia.platform.persistence.NativeRows;
import org.custodia.platform.persistence.NativeValues;
import org.custodia.platform.persistence.UniqueViolation;
import org.custodia.ropa.domain.ActivityStatus;
import org.custodia.ropa.domain.ProcessingActivity;
import org.custodia.ropa.domain.ProcessingRecord;

/**
 * The register's entries ({@code app.processing_activity}) and every version of each
 * ({@code app.processing_activity_version}), in the calling service's transaction bound to its tenant.
 */
@Stateless
public class ProcessingActivityRepository {

    /** One stored version. */
    public record Version(int version, String contentJson, String changedBy, Instant changedAt) {
    }

    /** An entry whose review date is near or past, with its owner: what the reminder round mails about. */
    public record ReviewDue(UUID id, String reference, String name, UUID ownerId, LocalDate reviewDue, boolean overdue) {
    }

    private static final String COLUMNS = "id, reference, name, role, status, version, content, gaps, owner_id, review_due,"
            + " review_process, approved_version, approved_by, approved_at, created_at, updated_at";

    @PersistenceContext(unitName = "custodia")
    EntityManager em;

    /** False when the tenant already has an entry with this reference (the transaction can then only roll back). */
    public boolean add(UUID tenantId, ProcessingActivity a, String changedBy) {
        try {
            em.createNativeQuery("insert into app.processing_activity (id, tenant_id, reference, name, role, status, version, content,"
                            + " gaps, owner_id, review_due, created_at, updated_at) values (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, cast(?10 as uuid), cast(?11 as date), ?12, ?13)")
                    .setParameter(1, a.id()).setParameter(2, tenantId).setParameter(3, a.reference()).setParameter(4, a.name())
                    .setParameter(5, a.role().name()).setParameter(6, a.status().name()).setParameter(7, a.version())
                    .setParameter(8, a.contentJson()).setParameter(9, a.gaps()).setParameter(10, a.ownerId())
                    .setParameter(11, date(a.reviewDue())).setParameter(12, NativeValues.at(a.createdAt()))
                    .setParameter(13, NativeValues.at(a.updatedAt())).executeUpdate();
        } catch (PersistenceException e) {
            if (!UniqueViolation.causedBy(e)) {
                throw e;
            }
            return false;
        }
        addVersion(tenantId, a, changedBy);
        return true;
    }

    /** Writes the entry's state; with {@code newVersion}, its current content as a new version too. */
    public void update(UUID tenantId, ProcessingActivity a, boolean newVersion, String changedBy) {
        em.createNativeQuery("update app.processing_activity set name = ?2, role = ?3, status = ?4, version = ?5, content = ?6, gaps = ?7,"
                        + " owner_id = cast(?8 as uuid), review_due = cast(?9 as date), review_process = ?10,"
                        + " approved_version = cast(?11 as integer), approved_by = ?12, approved_at = cast(?13 as timestamptz), updated_at = ?14,"
                        // a new review date is a new reminder
                        + " reminded_for = case when review_due is distinct from cast(?9 as date) then null else reminded_for end,"
                        + " overdue_for = case when review_due is distinct from cast(?9 as date) then null else overdue_for end where id = ?1")
                .setParameter(1, a.id()).setParameter(2, a.name()).setParameter(3, a.role().name()).setParameter(4, a.status().name())
                .setParameter(5, a.version()).setParameter(6, a.contentJson()).setParameter(7, a.gaps()).setParameter(8, a.ownerId())
                .setParameter(9, date(a.reviewDue())).setParameter(10, a.reviewProcess()).setParameter(11, a.approvedVersion())
                .setParameter(12, a.approvedBy()).setParameter(13, NativeValues.at(a.approvedAt()))
                .setParameter(14, NativeValues.at(a.updatedAt())).executeUpdate();
        if (newVersion) {
            addVersion(tenantId, a, changedBy);
        }
    }

    private void addVersion(UUID tenantId, ProcessingActivity a, String changedBy) {
        em.createNativeQuery("insert into app.processing_activity_version (tenant_id, activity_id, version, content, changed_by, changed_at)"
                        + " values (?1, ?2, ?3, ?4, ?5, ?6)")
                .setParameter(1, tenantId).setParameter(2, a.id()).setParameter(3, a.version()).setParameter(4, a.contentJson())
                .setParameter(5, changedBy).setParameter(6, NativeValues.at(a.updatedAt())).executeUpdate();
    }

    /**
     * What refers to an entry and would lose its link if it went: the references of the DPIAs assessing it, of the risks
     * and of the consent purposes linked to it (read under the bound tenant; the tables are the other contexts').
     */
    @SuppressWarnings("unchecked")
    public List<String> referrers(UUID id) {
        return em.createNativeQuery("select 'DPIA ' || reference from app.dpia where activity_id = ?1"
                        + " union all select 'risk ' || r.reference from app.risk r join app.risk_activity l on l.risk_id = r.id"
                        + " where l.activity_id = ?1"
                        + " union all select 'consent purpose ' || purpose_key from app.consent_purpose where activity_id = ?1 order by 1")
                .setParameter(1, id).getResultList();
    }

    public void delete(UUID id) {
        em.createNativeQuery("delete from app.processing_activity where id = ?1").setParameter(1, id).executeUpdate();
    }

    public Optional<ProcessingActivity> find(UUID id) {
        return rows("select " + COLUMNS + " from app.processing_activity where id = ?1", id).stream().findFirst();
    }

    /** Locked until the transaction ends: changes to one entry take turns. */
    public Optional<ProcessingActivity> lock(UUID id) {
        return rows("select " + COLUMNS + " from app.processing_activity where id = ?1 for update", id).stream().findFirst();
    }

    public Optional<ProcessingActivity> lockByReference(String reference) {
        return rows("select " + COLUMNS + " from app.processing_activity where reference = ?1 for update", reference).stream().findFirst();
    }

    /** The whole register, by reference. */
    public List<ProcessingActivity> all() {
        return rows("select " + COLUMNS + " from app.processing_activity order by reference", null);
    }

    /** Makes imports and creations of the tenant take turns (references are checked, then written). */
    public void lockTenant(UUID tenantId) {
        em.createNativeQuery("select pg_advisory_xact_lock(hashtext('ropa:' || ?1))").setParameter(1, tenantId.toString())
                .getSingleResult();
    }

    @SuppressWarnings("unchecked")
    public List<Version> versions(UUID activityId) {
        return ((List<Object[]>) em.createNativeQuery("select version, content, changed_by, changed_at from app.processing_activity_version"
                        + " where activity_id = ?1 order by version").setParameter(1, activityId).getResultList()).stream()
                .map(r -> new Version(((Number) r[0]).intValue(), (String) r[1], (String) r[2], NativeValues.instant(r[3])))
                .toList();
    }

    /**
     * Retention policy key → the references of the entries with a data category linking it, by key and reference;
     * {@code onlyKey}: that policy's alone (null: every policy's).
     */
    @SuppressWarnings("unchecked")
    public Map<String, List<String>> referencesByRetentionPolicy(String onlyKey) {
        List<Object[]> rows = em.createNativeQuery("select distinct c ->> 'retentionPolicy', a.reference from app.processing_activity a,"
                + " jsonb_array_elements(case jsonb_typeof(a.content::jsonb -> 'record' -> 'dataCategories') when 'array'"
                + " then a.content::jsonb -> 'record' -> 'dataCategories' else '[]'::jsonb end) c"
                + " where c ->> 'retentionPolicy' = coalesce(cast(?1 as text), c ->> 'retentionPolicy') order by 1, 2")
                .setParameter(1, onlyKey).getResultList();
        Map<String, List<String>> byKey = new java.util.TreeMap<>();
        for (Object[] r : rows) {
            byKey.computeIfAbsent((String) r[0], k -> new java.util.ArrayList<>()).add((String) r[1]);
        }
        return byKey;
    }

    /** The references of the entries listing this system: what its removal would break. */
    @SuppressWarnings("unchecked")
    public List<String> referencesUsingSystem(String systemName) {
        return em.createNativeQuery("select reference from app.processing_activity where jsonb_exists(content::jsonb -> 'systems', ?1)"
                + " order by reference").setParameter(1, systemName).getResultList();
    }

    /**
     * Entries whose review date is within {@code ahead} of {@code today} and whose owner was not yet reminded of it, or
     * past and not yet told; marks them, so each date gets one reminder and one overdue notice.
     */
    @SuppressWarnings("unchecked")
    public List<ReviewDue> claimReviewsDue(LocalDate today, LocalDate remindFrom, int limit) {
        List<Object[]> rows = em.createNativeQuery("update app.processing_activity a set"
                        + " reminded_for = case when a.review_due <= ?2 then a.review_due else a.reminded_for end,"
                        + " overdue_for = case when a.review_due < ?1 then a.review_due else a.overdue_for end"
                        + " where a.id in (select id from app.processing_activity where review_due is not null and ("
                        + "   (review_due < ?1 and overdue_for is distinct from review_due)"
                        + "   or (review_due >= ?1 and review_due <= ?2 and reminded_for is distinct from review_due))"
                        + "   order by review_due limit ?3 for update skip locked)"
                        + " returning a.id, a.reference, a.name, a.owner_id, a.review_due, a.review_due < ?1")
                .setParameter(1, date(today)).setParameter(2, date(remindFrom)).setParameter(3, limit).getResultList();
        return rows.stream().map(r -> new ReviewDue((UUID) r[0], (String) r[1], (String) r[2], (UUID) r[3],
                ((Date) r[4]).toLocalDate(), (Boolean) r[5])).toList();
    }

    private List<ProcessingActivity> rows(String sql, Object parameter) {
        return NativeRows.of(em, sql, parameter, ProcessingActivityRepository::activity);
    }

    private static ProcessingActivity activity(Object[] r) {
        return new ProcessingActivity((UUID) r[0], (String) r[1], (String) r[2], ProcessingRecord.Role.valueOf((String) r[3]),
                ActivityStatus.valueOf((String) r[4]), ((Number) r[5]).intValue(), (String) r[6], ((Number) r[7]).intValue(),
                (UUID) r[8], r[9] == null ? null : ((Date) r[9]).toLocalDate(), (String) r[10],
                r[11] == null ? null : ((Number) r[11]).intValue(), (String) r[12], NativeValues.instant(r[13]),
                NativeValues.instant(r[14]), NativeValues.instant(r[15]));
    }

    private static Date date(LocalDate d) {
        return d == null ? null : Date.valueOf(d);
    }
}
