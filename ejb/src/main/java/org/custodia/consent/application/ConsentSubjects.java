package org.custodia.consent.application;

import java.util.List;
import java.util.UUID;

import jakarta.ejb.Stateless;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;

import org.custodia.crypto.application.SealedSecrets;
import org.custodia.kernel.EmailAddress;
import org.custodia.crypto.application.TenantSecrets;
import org.custodia.platform.persistence.NativeValues;
import org.custodia.platform.persistence.StoredTime;
import org.custodia.platform.persistence.TenantSession;

/**
 * Subjects are the tenant's own ids; an email address, when given (for receipts and DSAR lookups), is
 * stored sealed, and found again through an HMAC of the normalised address under the tenant's key.
 */
@Stateless
public class ConsentSubjects {

    static final String EMAIL_SEAL = "consent-subject-email";
    static final String INDEX_KEY = "email-index";

    @PersistenceContext(unitName = "custodia")
    EntityManager em;

    @Inject
    TenantSession tenantSession;

    @Inject
    SealedSecrets sealed;

    @Inject
    TenantSecrets secrets;

    /** In the caller's transaction, tenant bound. */
    public void remember(UUID tenantId, String subjectId, String email) {
        String address = EmailAddress.normalised(email);
        em.createNativeQuery("insert into app.consent_subject (tenant_id, subject_id, email_sealed, email_index, updated_at)"
                        + " values (?1, ?2, ?3, ?4, ?5) on conflict (tenant_id, subject_id) do update set"
                        + " email_sealed = excluded.email_sealed, email_index = excluded.email_index, updated_at = excluded.updated_at")
                .setParameter(1, tenantId).setParameter(2, subjectId)
                .setParameter(3, sealed.sealText(tenantId, EMAIL_SEAL + ":" + subjectId, address))
                .setParameter(4, secrets.hmac(tenantId, INDEX_KEY, address))
                .setParameter(5, NativeValues.at(StoredTime.now())).executeUpdate();
    }

    /** The subject's address, or null (tenant bound). */
    public String emailOf(UUID tenantId, String subjectId) {
        @SuppressWarnings("unchecked")
        List<byte[]> rows = em.createNativeQuery("select email_sealed from app.consent_subject where subject_id = ?1")
                .setParameter(1, subjectId).getResultList();
        return rows.isEmpty() ? null : sealed.sealedText(rows.get(0), tenantId, EMAIL_SEAL + ":" + subjectId);
    }

    /** Subjects whose address is {@code email} (exact, case-insensitive), for DSAR discovery. */
    @SuppressWarnings("unchecked")
    public List<String> byEmail(UUID tenantId, String email) {
        tenantSession.bind(tenantId);
        return em.createNativeQuery("select subject_id from app.consent_subject where email_index = ?1 order by subject_id")
                .setParameter(1, secrets.hmac(tenantId, INDEX_KEY, EmailAddress.normalised(email))).getResultList();
    }
}
