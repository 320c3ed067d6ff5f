package org.custodia.dpia.infrastructure;

import java.sql.Date;
import java.time.LocalDate;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

import jakarta.ejb.Stateless;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.persistence.PersistenceException;

import org.custodia.dpia.domain.Dpia;
import org.custodia.dpia.domain.DpiaScreening;
import org.custodia.dpia.domain.DpiaStatus;
import org.custodia.dpia.domain.DpiaTemplate;
import org.custodia.platform.persistence.NativeRows;
import org.custodia.platform.persistence.NativeValues;
import org.custodia.platform.persistence.UniqueViolation;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * The tenant's assessments ({@code app.dpia}) and questionnaire templates ({@code app.dpia_template}), in the calling
 * service's transaction bound to its tenant.
 */
@Stateless
public class DpiaRepository {

    /** An assessment whose review date is near or past: what the reminder round mails about. */
    public record ReviewDue(UUID id, String reference, String title, UUID ownerId, LocalDate reviewDue, boolean overdue) {
    }

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String COLUMNS = "id, reference, activity_id, title, status, criteria, article35_cases, screening_reasoning,"
            + " screening_outcome, screening_because, template_key, template_version, answers, owner_id, review_due, review_process,"
            + " dpo_decision, dpo_opinion, decided_by, decided_at, created_at, updated_at, sign_off";

    @PersistenceContext(unitName = "custodia")
    EntityManager em;

    /** False when the tenant already has an assessment with this reference (the transaction can then only roll back). */
    public boolean add(UUID tenantId, Dpia d) {
        try {
            bind(em.createNativeQuery("insert into app.dpia (" + COLUMNS + ", tenant_id) values (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11,"
                    + " ?12, ?13, cast(?14 as uuid), cast(?15 as date), ?16, ?17, ?18, ?19, cast(?20 as timestamptz), ?21, ?22, ?24, ?23)"), d)
                    .setParameter(23, tenantId).executeUpdate();
            return true;
        } catch (PersistenceException e) {
            if (!UniqueViolation.causedBy(e)) {
                throw e;
            }
            return false;
        }
    }

    public void update(Dpia d) {
        bind(em.createNativeQuery("update app.dpia set reference = ?2, activity_id = ?3, title = ?4, status = ?5, criteria = ?6,"
                + " article35_cases = ?7, screening_reasoning = ?8, screening_outcome = ?9, screening_because = ?10, template_key = ?11,"
                + " template_version = ?12, answers = ?13, owner_id = cast(?14 as uuid), review_due = cast(?15 as date), review_process = ?16,"
                + " dpo_decision = ?17, dpo_opinion = ?18, decided_by = ?19, decided_at = cast(?20 as timestamptz), created_at = ?21,"
                + " updated_at = ?22, sign_off = ?24,"
                + " reminded_for = case when review_due is distinct from cast(?15 as date) then null else reminded_for end,"
                + " overdue_for = case when review_due is distinct from cast(?15 as date) then null else overdue_for end where id = ?1"), d)
                .executeUpdate();
    }

    private static jakarta.persistence.Query bind(jakarta.persistence.Query q, Dpia d) {
        Dpia.Screening s = d.screening();
        Dpia.DpoDecision dpo = d.dpo();
        return q.setParameter(1, d.id()).setParameter(2, d.reference()).setParameter(3, d.activityId()).setParameter(4, d.title())
                .setParameter(5, d.status().name()).setParameter(6, json(s.criteria().stream().map(Enum::name).sorted().toList()))
                .setParameter(7, json(s.cases().stream().map(Enum::name).sorted().toList())).setParameter(8, s.reasoning())
                .setParameter(9, s.result().outcome().name()).setParameter(10, s.result().because()).setParameter(11, d.templateKey())
                .setParameter(12, d.templateVersion()).setParameter(13, json(new java.util.TreeMap<>(d.answers())))
                .setParameter(14, d.ownerId()).setParameter(15, d.reviewDue() == null ? null : Date.valueOf(d.reviewDue()))
                .setParameter(16, d.reviewProcess()).setParameter(17, dpo == null ? null : dpo.decision())
                .setParameter(18, dpo == null ? null : dpo.opinion()).setParameter(19, dpo == null ? null : dpo.decidedBy())
                .setParameter(20, dpo == null ? null : NativeValues.at(dpo.decidedAt())).setParameter(21, NativeValues.at(d.createdAt()))
                .setParameter(22, NativeValues.at(d.updatedAt())).setParameter(24, d.signOff() == null ? null : json(d.signOff()));
    }

    public void delete(UUID id) {
        em.createNativeQuery("delete from app.dpia where id = ?1").setParameter(1, id).executeUpdate();
    }

    public Optional<Dpia> find(UUID id) {
        return rows("select " + COLUMNS + " from app.dpia where id = ?1", id).stream().findFirst();
    }

    public Optional<Dpia> lock(UUID id) {
        return rows("select " + COLUMNS + " from app.dpia where id = ?1 for update", id).stream().findFirst();
    }

    public List<Dpia> all() {
        return rows("select " + COLUMNS + " from app.dpia order by reference", null);
    }

    private List<Dpia> rows(String sql, Object parameter) {
        return NativeRows.of(em, sql, parameter, DpiaRepository::dpia);
    }

    private static Dpia dpia(Object[] r) {
        Set<DpiaScreening.Criterion> criteria = EnumSet.noneOf(DpiaScreening.Criterion.class);
        read((String) r[5], new TypeReference<List<String>>() { }).forEach(c -> criteria.add(DpiaScreening.Criterion.valueOf(c)));
        Set<DpiaScreening.Article35Case> cases = EnumSet.noneOf(DpiaScreening.Article35Case.class);
        read((String) r[6], new TypeReference<List<String>>() { }).forEach(c -> cases.add(DpiaScreening.Article35Case.valueOf(c)));
        Dpia.Screening screening = new Dpia.Screening(criteria, cases, (String) r[7],
                new DpiaScreening.Result(DpiaScreening.Outcome.valueOf((String) r[8]), (String) r[9]));
        Map<String, String> answers = read((String) r[12], new TypeReference<LinkedHashMap<String, String>>() { });
        Dpia.DpoDecision dpo = r[16] == null ? null : new Dpia.DpoDecision((String) r[16], (String) r[17], (String) r[18],
                NativeValues.instant(r[19]));
        return new Dpia((UUID) r[0], (String) r[1], (UUID) r[2], (String) r[3], DpiaStatus.valueOf((String) r[4]), screening, (String) r[10],
                ((Number) r[11]).intValue(), answers, (UUID) r[13], r[14] == null ? null : ((Date) r[14]).toLocalDate(), (String) r[15], dpo,
                r[22] == null ? null : read((String) r[22], new TypeReference<Dpia.SignOff>() { }), NativeValues.instant(r[20]),
                NativeValues.instant(r[21]));
    }

    /** Assessments whose review date is within [today, remindFrom] not yet reminded of, or past and not yet told; marks them. */
    @SuppressWarnings("unchecked")
    public List<ReviewDue> claimReviewsDue(LocalDate today, LocalDate remindFrom, int limit) {
        List<Object[]> rows = em.createNativeQuery("update app.dpia d set"
                        + " reminded_for = case when d.review_due <= ?2 then d.review_due else d.reminded_for end,"
                        + " overdue_for = case when d.review_due < ?1 then d.review_due else d.overdue_for end"
                        + " where d.id in (select id from app.dpia where review_due is not null and status <> 'NOT_REQUIRED' and ("
                        + "   (review_due < ?1 and overdue_for is distinct from review_due)"
                        + "   or (review_due >= ?1 and review_due <= ?2 and reminded_for is distinct from review_due))"
                        + "   order by review_due limit ?3 for update skip locked)"
                        + " returning d.id, d.reference, d.title, d.owner_id, d.review_due, d.review_due < ?1")
                .setParameter(1, Date.valueOf(today)).setParameter(2, Date.valueOf(remindFrom)).setParameter(3, limit).getResultList();
        return rows.stream().map(r -> new ReviewDue((UUID) r[0], (String) r[1], (String) r[2], (UUID) r[3], ((Date) r[4]).toLocalDate(),
                (Boolean) r[5])).toList();
    }

    // --- templates ---

    /** The next version of a template key, written; its number. */
    public int addTemplate(UUID tenantId, DpiaTemplate t, String by, java.time.Instant now) {
        int version = ((Number) em.createNativeQuery("select coalesce(max(version), 0) + 1 from app.dpia_template where template_key = ?1")
                .setParameter(1, t.key()).getSingleResult()).intValue();
        em.createNativeQuery("insert into app.dpia_template values (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)").setParameter(1, UUID.randomUUID())
                .setParameter(2, tenantId).setParameter(3, t.key()).setParameter(4, version).setParameter(5, t.title())
                .setParameter(6, json(t.questions())).setParameter(7, NativeValues.at(now)).setParameter(8, by).executeUpdate();
        return version;
    }

    /** The tenant's templates, every version, by key and version. */
    @SuppressWarnings("unchecked")
    public List<DpiaTemplate> templates() {
        return ((List<Object[]>) em.createNativeQuery("select template_key, version, title, questions from app.dpia_template"
                + " order by template_key, version").getResultList()).stream()
                .map(r -> new DpiaTemplate((String) r[0], ((Number) r[1]).intValue(), (String) r[2],
                        read((String) r[3], new TypeReference<List<DpiaTemplate.Question>>() { }))).toList();
    }

    /** Makes template versions of the tenant take turns (the next number is read, then written). */
    public void lockTemplates(UUID tenantId) {
        em.createNativeQuery("select pg_advisory_xact_lock(hashtext('dpia-template:' || ?1))").setParameter(1, tenantId.toString())
                .getSingleResult();
    }

    private static String json(Object value) {
        try {
            return JSON.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private static <T> T read(String json, TypeReference<T> type) {
        try {
            return JSON.readValue(json, type);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a stored DPIA column is not the JSON it should be", e);
        }
    }
}
