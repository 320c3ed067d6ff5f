package org.custodia.dsar.infrastructure;

import java.util.Optional;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.LockModeType;
import jakarta.persistence.PersistenceContext;

import org.custodia.dsar.domain.DsarRequest;

/** Data subject requests ({@code app.dsar_request}), in the caller's tenant-bound transaction. */
@ApplicationScoped
public class DsarRepository {

    @PersistenceContext(unitName = "custodia")
    EntityManager em;

    public void add(DsarRequest request) {
        em.persist(request);
    }

    /** The request if the bound tenant may see it: row-level security alone decides (the shared cache is off). */
    public Optional<DsarRequest> find(UUID id) {
        return Optional.ofNullable(em.find(DsarRequest.class, id));
    }

    /** The request, its row locked until the transaction ends: one deadline change at a time. */
    public Optional<DsarRequest> findForUpdate(UUID id) {
        return Optional.ofNullable(em.find(DsarRequest.class, id, LockModeType.PESSIMISTIC_WRITE));
    }
}
