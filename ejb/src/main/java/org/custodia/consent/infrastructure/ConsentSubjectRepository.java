package org.custodia.consent.infrastructure;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import jakarta.ejb.Stateless;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;

import org.custodia.platform.persistence.NativeValues;

/**
 * Subjects' sealed email addresses and their blind index ({@code app.consent_subject}), in the calling service's
 * transaction bound to its tenant. Sealing and indexing are the caller's: this stores and finds bytes and hashes.
 */
@Stateless
public class ConsentSubjectRepository {

    @PersistenceContext(unitName = "custodia")
    EntityManager em;

    /** Stores (or replaces) the subject's sealed address and its index. */
    public void remember(UUID tenantId, String subjectId, byte[] emailSealed, String emailIndex, Instant updatedAt) {
        em.createNativeQuery("insert into app.consent_subject (tenant_id, subject_id, email_sealed, email_index, updated_at)"
                        + " values (?1, ?2, ?3, ?4, ?5) on conflict (tenant_id, subject_id) do update set"
                        + " email_sealed = excluded.email_sealed, email_index = excluded.email_index, updated_at = excluded.updated_at")
                .setParameter(1, tenantId).setParameter(2, subjectId).setParameter(3, emailSealed).setParameter(4, emailIndex)
                .setParameter(5, NativeValues.at(updatedAt)).executeUpdate();
    }

    @SuppressWarnings("unchecked")
    public Optional<byte[]> sealedEmail(String subjectId) {
        List<byte[]> rows = em.createNativeQuery("select email_sealed from app.consent_subject where subject_id = ?1")
                .setParameter(1, subjectId).getResultList();
        return rows.stream().findFirst();
    }

    @SuppressWarnings("unchecked")
    public List<String> byEmailIndex(String emailIndex) {
        return em.createNativeQuery("select subject_id from app.consent_subject where email_index = ?1 order by subject_id")
                .setParameter(1, emailIndex).getResultList();
    }
}
