package org.custodia.consent.infrastructure;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import jakarta.ejb.Stateless;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.persistence.PersistenceException;

import org.custodia.consent.domain.ConsentPurpose;
import org.custodia.consent.domain.ImportPurpose;
import org.custodia.platform.persistence.UniqueViolation;

/** The tenant's purposes ({@code app.consent_purpose}), in the calling service's transaction bound to its tenant. */
@Stateless
public class PurposeRepository {

    @PersistenceContext(unitName = "custodia")
    EntityManager em;

    /**
     * Adds a purpose and flushes, so a duplicate key shows here rather than at commit; false when the tenant already
     * has a purpose with its key (the transaction can then only roll back).
     */
    public boolean add(ConsentPurpose purpose) {
        em.persist(purpose);
        try {
            em.flush();
            return true;
        } catch (PersistenceException e) {
            if (!UniqueViolation.causedBy(e)) {
                throw e;
            }
            return false;
        }
    }

    /**
     * Links the purpose to the processing activity it serves (null: none). Kept out of the entity: EclipseLink's UUID
     * conversion neither reads nor writes a null.
     */
    public void serve(UUID purposeId, UUID activityId) {
        em.createNativeQuery("update app.consent_purpose set activity_id = cast(?2 as uuid) where id = ?1")
                .setParameter(1, purposeId).setParameter(2, activityId).executeUpdate();
    }

    /** Purpose key → the processing activity it serves, for the purposes linked to one. */
    @SuppressWarnings("unchecked")
    public Map<String, UUID> activities() {
        Map<String, UUID> links = new HashMap<>();
        for (Object[] r : (List<Object[]>) em.createNativeQuery("select purpose_key, activity_id from app.consent_purpose"
                + " where activity_id is not null").getResultList()) {
            links.put((String) r[0], (UUID) r[1]);
        }
        return links;
    }

    public ConsentPurpose find(UUID purposeId) {
        return em.find(ConsentPurpose.class, purposeId);
    }

    public List<ConsentPurpose> all(UUID tenantId) {
        return em.createQuery("select p from ConsentPurpose p where p.tenantId = :t order by p.key", ConsentPurpose.class)
                .setParameter("t", tenantId)
                .getResultList();
    }

    /** The purpose with this key, or null. */
    public ConsentPurpose byKey(UUID tenantId, String key) {
        List<ConsentPurpose> found = em.createQuery(
                        "select p from ConsentPurpose p where p.tenantId = :t and p.key = :k", ConsentPurpose.class)
                .setParameter("t", tenantId)
                .setParameter("k", key)
                .getResultList();
        return found.isEmpty() ? null : found.get(0);
    }

    /** Every purpose by key with its notices' hashes: what an import validates its lines against (two reads). */
    @SuppressWarnings("unchecked")
    public Map<String, ImportPurpose> importCatalogue() {
        Map<String, ImportPurpose> purposes = new HashMap<>();
        for (Object[] r : (List<Object[]>) em.createNativeQuery("select id, purpose_key, version, notice_version from app.consent_purpose")
                .getResultList()) {
            purposes.put((String) r[1], new ImportPurpose((UUID) r[0], ((Number) r[2]).intValue(), (Integer) r[3], new HashMap<>()));
        }
        for (Object[] r : (List<Object[]>) em.createNativeQuery("select p.purpose_key, n.version, n.content_hash from app.consent_notice n"
                + " join app.consent_purpose p on p.id = n.purpose_id").getResultList()) {
            purposes.get((String) r[0]).noticeHashes().put(((Number) r[1]).intValue(), (String) r[2]);
        }
        return purposes;
    }
}
