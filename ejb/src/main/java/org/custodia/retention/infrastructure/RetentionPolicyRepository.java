package org.custodia.retention.infrastructure;

import java.time.Instant;
import java.time.Period;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import jakarta.ejb.Stateless;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;

import org.custodia.platform.persistence.NativeRows;
import org.custodia.platform.persistence.NativeValues;
import org.custodia.platform.persistence.UniqueViolation;
import org.custodia.retention.domain.RetentionAction;
import org.custodia.retention.domain.RetentionPeriods;
import org.custodia.retention.domain.RetentionPolicy;
import org.custodia.retention.domain.RetentionTrigger;

/** The tenant's retention policies ({@code app.retention_policy}), in the calling service's transaction bound to its tenant. */
@Stateless
public class RetentionPolicyRepository {

    private static final String COLUMNS = "id, key, name, period, starts_at, action, legal_reference, description, created_at, updated_at";

    @PersistenceContext(unitName = "custodia")
    EntityManager em;

    /** False when the tenant has or had a policy with this key (the transaction can then only roll back). */
    public boolean add(UUID tenantId, RetentionPolicy p) {
        String sql = "insert into app.retention_policy (id, tenant_id, key, name, period, starts_at, action, legal_reference,"
                + " description, created_at, updated_at) values (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?10)";
        return UniqueViolation.inserted(() -> em.createNativeQuery(sql)
                .setParameter(1, p.id()).setParameter(2, tenantId).setParameter(3, p.key()).setParameter(4, p.name())
                .setParameter(5, RetentionPeriods.iso(p.period())).setParameter(6, p.startsAt().name())
                .setParameter(7, p.action().name()).setParameter(8, p.legalReference()).setParameter(9, p.description())
                .setParameter(10, NativeValues.at(p.createdAt())).executeUpdate());
    }

    /** Everything but the key and the creation time. */
    public void update(RetentionPolicy p) {
        em.createNativeQuery("update app.retention_policy set name = ?2, period = ?3, starts_at = ?4, action = ?5, legal_reference = ?6,"
                        + " description = ?7, updated_at = ?8 where id = ?1")
                .setParameter(1, p.id()).setParameter(2, p.name()).setParameter(3, RetentionPeriods.iso(p.period()))
                .setParameter(4, p.startsAt().name()).setParameter(5, p.action().name()).setParameter(6, p.legalReference())
                .setParameter(7, p.description()).setParameter(8, NativeValues.at(p.updatedAt())).executeUpdate();
    }

    /** Gone from lists and links; the row and its key stay, so the key is never given other terms. */
    public void remove(UUID id, Instant at) {
        em.createNativeQuery("update app.retention_policy set removed_at = ?2 where id = ?1").setParameter(1, id)
                .setParameter(2, NativeValues.at(at)).executeUpdate();
    }

    /** The policies in force (not removed), by key. */
    public List<RetentionPolicy> all() {
        return rows("select " + COLUMNS + " from app.retention_policy where removed_at is null order by key", null);
    }

    /** The policy in force with this key, locked against a concurrent change or removal. */
    public Optional<RetentionPolicy> lock(String key) {
        return rows("select " + COLUMNS + " from app.retention_policy where key = ?1 and removed_at is null for update", key)
                .stream().findFirst();
    }

    public Optional<RetentionPolicy> find(String key) {
        return rows("select " + COLUMNS + " from app.retention_policy where key = ?1 and removed_at is null", key).stream().findFirst();
    }

    private List<RetentionPolicy> rows(String sql, Object parameter) {
        return NativeRows.of(em, sql, parameter, r -> new RetentionPolicy((UUID) r[0], (String) r[1], (String) r[2],
                Period.parse((String) r[3]), RetentionTrigger.valueOf((String) r[4]), RetentionAction.valueOf((String) r[5]), (String) r[6],
                (String) r[7], NativeValues.instant(r[8]), NativeValues.instant(r[9])));
    }
}
