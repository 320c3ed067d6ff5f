package org.custodia.ropa.infrastructure;

import java.util.List;
import java.util.Optional;
import java.util.UUID;

import jakarta.ejb.Stateless;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;

import org.custodia.platform.persistence.NativeRows;
import org.custodia.platform.persistence.NativeValues;
import org.custodia.platform.persistence.UniqueViolation;
import org.custodia.ropa.domain.ProcessingSystem;

/** The tenant's systems ({@code app.processing_system}), in the calling service's transaction bound to its tenant. */
@Stateless
public class ProcessingSystemRepository {

    private static final String COLUMNS = "id, name, description, hosting_country, created_at, updated_at";

    @PersistenceContext(unitName = "custodia")
    EntityManager em;

    /** False when the tenant already has a system of this name (the transaction can then only roll back). */
    public boolean add(UUID tenantId, ProcessingSystem s) {
        String sql = "insert into app.processing_system (id, tenant_id, name, description, hosting_country, created_at, updated_at)"
                + " values (?1, ?2, ?3, ?4, ?5, ?6, ?6)";
        return UniqueViolation.inserted(() -> em.createNativeQuery(sql)
                .setParameter(1, s.id()).setParameter(2, tenantId).setParameter(3, s.name()).setParameter(4, s.description())
                .setParameter(5, s.hostingCountry()).setParameter(6, NativeValues.at(s.createdAt())).executeUpdate());
    }

    /** Description and hosting country; the name stays (activities refer to it). */
    public void update(ProcessingSystem s) {
        em.createNativeQuery("update app.processing_system set description = ?2, hosting_country = ?3, updated_at = ?4 where id = ?1")
                .setParameter(1, s.id()).setParameter(2, s.description()).setParameter(3, s.hostingCountry())
                .setParameter(4, NativeValues.at(s.updatedAt())).executeUpdate();
    }

    public void delete(UUID id) {
        em.createNativeQuery("delete from app.processing_system where id = ?1").setParameter(1, id).executeUpdate();
    }

    public List<ProcessingSystem> all() {
        return rows("select " + COLUMNS + " from app.processing_system order by name", null);
    }

    public Optional<ProcessingSystem> find(UUID id) {
        return rows("select " + COLUMNS + " from app.processing_system where id = ?1", id).stream().findFirst();
    }

    private List<ProcessingSystem> rows(String sql, Object parameter) {
        return NativeRows.of(em, sql, parameter, r -> new ProcessingSystem((UUID) r[0], (String) r[1], (String) r[2], (String) r[3],
                NativeValues.instant(r[4]), NativeValues.instant(r[5])));
    }
}
