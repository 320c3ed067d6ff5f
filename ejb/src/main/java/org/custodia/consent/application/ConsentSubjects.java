package org.custodia.consent.application;

import java.util.List;
import java.util.UUID;

import jakarta.ejb.Stateless;
import jakarta.inject.Inject;

import org.custodia.consent.infrastructure.ConsentSubjectRepository;
import org.custodia.crypto.application.SealedSecrets;
import org.custodia.kernel.EmailAddress;
import org.custodia.crypto.application.TenantSecrets;
import org.custodia.platform.persistence.StoredTime;
import org.custodia.platform.persistence.TenantId;
import org.custodia.platform.persistence.TenantScoped;

/**
 * Subjects are the tenant's own ids; an email address, when given (for receipts and DSAR lookups), is
 * stored sealed, and found again through an HMAC of the normalised address under the tenant's key.
 */
@Stateless
@TenantScoped
public class ConsentSubjects {

    static final String EMAIL_SEAL = "consent-subject-email";
    static final String INDEX_KEY = "email-index";

    @Inject
    ConsentSubjectRepository subjects;

    @Inject
    SealedSecrets sealed;

    @Inject
    TenantSecrets secrets;

    public void remember(@TenantId UUID tenantId, String subjectId, String email) {
        String address = EmailAddress.normalised(email);
        subjects.remember(tenantId, subjectId, sealed.sealText(tenantId, EMAIL_SEAL + ":" + subjectId, address),
                secrets.hmac(tenantId, INDEX_KEY, address), StoredTime.now());
    }

    /** The subject's address, or null. */
    public String emailOf(@TenantId UUID tenantId, String subjectId) {
        return subjects.sealedEmail(subjectId).map(s -> sealed.sealedText(s, tenantId, EMAIL_SEAL + ":" + subjectId)).orElse(null);
    }

    /** Subjects whose address is {@code email} (exact, case-insensitive), for DSAR discovery. */
    public List<String> byEmail(@TenantId UUID tenantId, String email) {
        return byIndex(tenantId, indexOf(tenantId, email));
    }

    /** The blind index of an address: what is stored to find its subjects again, never the address. */
    public String indexOf(@TenantId UUID tenantId, String email) {
        return secrets.hmac(tenantId, INDEX_KEY, EmailAddress.normalised(email));
    }

    public List<String> byIndex(@TenantId UUID tenantId, String emailIndex) {
        return subjects.byEmailIndex(emailIndex);
    }
}
