package org.custodia.risk.infrastructure;

import java.sql.Date;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import jakarta.ejb.Stateless;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.persistence.PersistenceException;

import org.custodia.platform.persistence.NativeValues;
import org.custodia.platform.persistence.UniqueViolation;
import org.custodia.risk.domain.Risk;
import org.custodia.risk.domain.RiskStatus;
import org.custodia.risk.domain.Treatment;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * The tenant's risks ({@code app.risk}), the activities each concerns ({@code app.risk_activity}) and their treatment
 * plans ({@code app.risk_treatment}), in the calling service's transaction bound to its tenant.
 */
@Stateless
public class RiskRepository {

    /** A treatment plan whose due date is near or past, with its risk's reference: what the reminder round mails about. */
    public record TreatmentDue(UUID id, UUID riskId, String riskReference, String description, UUID ownerId, LocalDate dueDate,
                               boolean overdue) {
    }

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String COLUMNS = "id, reference, title, description, category, owner_id, inherent_likelihood, inherent_impact,"
            + " residual_likelihood, residual_impact, status, source, incident_refs, created_at, updated_at, dpia_id";
    private static final String TREATMENT_COLUMNS = "id, risk_id, strategy, description, owner_id, due_date, status, created_at, updated_at";

    @PersistenceContext(unitName = "custodia")
    EntityManager em;

    /** False when the tenant already has a risk with this reference (the transaction can then only roll back). */
    public boolean add(UUID tenantId, Risk r) {
        try {
            em.createNativeQuery("insert into app.risk (" + COLUMNS + ", tenant_id) values (?1, ?2, ?3, ?4, ?5, cast(?6 as uuid), ?7, ?8,"
                            + " cast(?9 as integer), cast(?10 as integer), ?11, ?12, ?13, ?14, ?15, cast(?17 as uuid), ?16)")
                    .setParameter(1, r.id()).setParameter(2, r.reference()).setParameter(3, r.title()).setParameter(4, r.description())
                    .setParameter(5, r.category()).setParameter(6, r.ownerId()).setParameter(7, r.inherentLikelihood())
                    .setParameter(8, r.inherentImpact()).setParameter(9, r.residualLikelihood()).setParameter(10, r.residualImpact())
                    .setParameter(11, r.status().name()).setParameter(12, r.source()).setParameter(13, json(r.incidentRefs()))
                    .setParameter(14, NativeValues.at(r.createdAt())).setParameter(15, NativeValues.at(r.updatedAt()))
                    .setParameter(16, tenantId).setParameter(17, r.dpiaId()).executeUpdate();
        } catch (PersistenceException e) {
            if (!UniqueViolation.causedBy(e)) {
                throw e;
            }
            return false;
        }
        links(tenantId, r);
        return true;
    }

    public void update(UUID tenantId, Risk r) {
        em.createNativeQuery("update app.risk set title = ?2, description = ?3, category = ?4, owner_id = cast(?5 as uuid),"
                        + " inherent_likelihood = ?6, inherent_impact = ?7, residual_likelihood = cast(?8 as integer),"
                        + " residual_impact = cast(?9 as integer), status = ?10, incident_refs = ?11, updated_at = ?12 where id = ?1")
                .setParameter(1, r.id()).setParameter(2, r.title()).setParameter(3, r.description()).setParameter(4, r.category())
                .setParameter(5, r.ownerId()).setParameter(6, r.inherentLikelihood()).setParameter(7, r.inherentImpact())
                .setParameter(8, r.residualLikelihood()).setParameter(9, r.residualImpact()).setParameter(10, r.status().name())
                .setParameter(11, json(r.incidentRefs())).setParameter(12, NativeValues.at(r.updatedAt())).executeUpdate();
        em.createNativeQuery("delete from app.risk_activity where risk_id = ?1").setParameter(1, r.id()).executeUpdate();
        links(tenantId, r);
    }

    private void links(UUID tenantId, Risk r) {
        for (UUID activity : r.activityIds()) {
            em.createNativeQuery("insert into app.risk_activity values (?1, ?2, ?3)").setParameter(1, tenantId).setParameter(2, r.id())
                    .setParameter(3, activity).executeUpdate();
        }
    }

    public void delete(UUID id) {
        em.createNativeQuery("delete from app.risk where id = ?1").setParameter(1, id).executeUpdate();
    }

    public Optional<Risk> find(UUID id) {
        return rows("select " + COLUMNS + " from app.risk where id = ?1", id).stream().findFirst();
    }

    public Optional<Risk> lock(UUID id) {
        return rows("select " + COLUMNS + " from app.risk where id = ?1 for update", id).stream().findFirst();
    }

    /** Every risk, by reference. */
    public List<Risk> all() {
        return rows("select " + COLUMNS + " from app.risk order by reference", null);
    }

    /** The status of the DPIA that found a risk (the dpia context's table, read under the bound tenant), or null. */
    @SuppressWarnings("unchecked")
    public String dpiaStatus(UUID dpiaId) {
        // shared lock: a submit of that DPIA waits for this change, or this change sees it submitted
        List<String> rows = em.createNativeQuery("select status from app.dpia where id = ?1 for share").setParameter(1, dpiaId).getResultList();
        return rows.isEmpty() ? null : rows.get(0);
    }

    /** Which of these ids are processing activities of the bound tenant. */
    @SuppressWarnings("unchecked")
    public List<UUID> existingActivities(List<UUID> ids) {
        if (ids.isEmpty()) {
            return List.of();
        }
        return em.createNativeQuery("select id from app.processing_activity where id = any(cast(?1 as uuid[]))")
                .setParameter(1, ids.stream().map(UUID::toString).toArray(String[]::new)).getResultList();
    }

    @SuppressWarnings("unchecked")
    private List<Risk> rows(String sql, Object parameter) {
        var query = em.createNativeQuery(sql);
        if (parameter != null) {
            query.setParameter(1, parameter);
        }
        List<Object[]> rows = query.getResultList();
        Map<UUID, List<UUID>> activities = new HashMap<>();
        if (!rows.isEmpty()) { // the links of these risks only
            String[] ids = rows.stream().map(r -> r[0].toString()).toArray(String[]::new);
            for (Object[] link : (List<Object[]>) em.createNativeQuery("select risk_id, activity_id from app.risk_activity"
                    + " where risk_id = any(cast(?1 as uuid[])) order by activity_id").setParameter(1, ids).getResultList()) {
                activities.computeIfAbsent((UUID) link[0], k -> new ArrayList<>()).add((UUID) link[1]);
            }
        }
        return rows.stream().map(r -> new Risk((UUID) r[0], (String) r[1], (String) r[2], (String) r[3], (String) r[4], (UUID) r[5],
                ((Number) r[6]).intValue(), ((Number) r[7]).intValue(), r[8] == null ? null : ((Number) r[8]).intValue(),
                r[9] == null ? null : ((Number) r[9]).intValue(), RiskStatus.valueOf((String) r[10]), (String) r[11], (UUID) r[15],
                activities.getOrDefault((UUID) r[0], List.of()), strings((String) r[12]), NativeValues.instant(r[13]),
                NativeValues.instant(r[14]))).toList();
    }

    // --- treatment plans ---

    public void addTreatment(UUID tenantId, Treatment t) {
        em.createNativeQuery("insert into app.risk_treatment (" + TREATMENT_COLUMNS + ", tenant_id) values (?1, ?2, ?3, ?4,"
                        + " cast(?5 as uuid), cast(?6 as date), ?7, ?8, ?9, ?10)")
                .setParameter(1, t.id()).setParameter(2, t.riskId()).setParameter(3, t.strategy().name()).setParameter(4, t.description())
                .setParameter(5, t.ownerId()).setParameter(6, date(t.dueDate())).setParameter(7, t.status().name())
                .setParameter(8, NativeValues.at(t.createdAt())).setParameter(9, NativeValues.at(t.updatedAt())).setParameter(10, tenantId)
                .executeUpdate();
    }

    public void updateTreatment(Treatment t) {
        em.createNativeQuery("update app.risk_treatment set strategy = ?2, description = ?3, owner_id = cast(?4 as uuid),"
                        + " due_date = cast(?5 as date), status = ?6, updated_at = ?7,"
                        + " reminded_for = case when due_date is distinct from cast(?5 as date) then null else reminded_for end,"
                        + " overdue_for = case when due_date is distinct from cast(?5 as date) then null else overdue_for end where id = ?1")
                .setParameter(1, t.id()).setParameter(2, t.strategy().name()).setParameter(3, t.description()).setParameter(4, t.ownerId())
                .setParameter(5, date(t.dueDate())).setParameter(6, t.status().name()).setParameter(7, NativeValues.at(t.updatedAt()))
                .executeUpdate();
    }

    public void deleteTreatment(UUID id) {
        em.createNativeQuery("delete from app.risk_treatment where id = ?1").setParameter(1, id).executeUpdate();
    }

    /** The plans of one risk, or of every risk ({@code riskId} null), by due date. */
    @SuppressWarnings("unchecked")
    public List<Treatment> treatments(UUID riskId) {
        var query = em.createNativeQuery("select " + TREATMENT_COLUMNS + " from app.risk_treatment"
                + (riskId == null ? "" : " where risk_id = ?1") + " order by due_date nulls last, created_at");
        if (riskId != null) {
            query.setParameter(1, riskId);
        }
        return ((List<Object[]>) query.getResultList()).stream().map(r -> new Treatment((UUID) r[0], (UUID) r[1],
                Treatment.Strategy.valueOf((String) r[2]), (String) r[3], (UUID) r[4], r[5] == null ? null : ((Date) r[5]).toLocalDate(),
                Treatment.Status.valueOf((String) r[6]), NativeValues.instant(r[7]), NativeValues.instant(r[8]))).toList();
    }

    /** Open plans due within [today, remindFrom] not yet reminded of that date, or past it and not yet told; marks them. */
    @SuppressWarnings("unchecked")
    public List<TreatmentDue> claimTreatmentsDue(LocalDate today, LocalDate remindFrom, int limit) {
        List<Object[]> rows = em.createNativeQuery("update app.risk_treatment t set"
                        + " reminded_for = case when t.due_date <= ?2 then t.due_date else t.reminded_for end,"
                        + " overdue_for = case when t.due_date < ?1 then t.due_date else t.overdue_for end"
                        + " from app.risk r where r.id = t.risk_id and t.id in (select id from app.risk_treatment where due_date is not null"
                        + "   and status in ('PLANNED', 'IN_PROGRESS') and ("
                        + "   (due_date < ?1 and overdue_for is distinct from due_date)"
                        + "   or (due_date >= ?1 and due_date <= ?2 and reminded_for is distinct from due_date))"
                        + "   order by due_date limit ?3 for update skip locked)"
                        + " returning t.id, t.risk_id, r.reference, t.description, t.owner_id, t.due_date, t.due_date < ?1")
                .setParameter(1, date(today)).setParameter(2, date(remindFrom)).setParameter(3, limit).getResultList();
        return rows.stream().map(r -> new TreatmentDue((UUID) r[0], (UUID) r[1], (String) r[2], (String) r[3], (UUID) r[4],
                ((Date) r[5]).toLocalDate(), (Boolean) r[6])).toList();
    }

    private static Date date(LocalDate d) {
        return d == null ? null : Date.valueOf(d);
    }

    private static String json(List<String> values) {
        try {
            return JSON.writeValueAsString(values);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private static List<String> strings(String json) {
        try {
            return JSON.readValue(json, new TypeReference<List<String>>() { });
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("stored incident references are not JSON", e);
        }
    }
}
