package org.custodia.identity.infrastructure;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

import jakarta.ejb.Stateless;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;

import org.custodia.platform.persistence.NativeValues;

/** One-time recovery codes of TOTP accounts (app.user_recovery_code), stored as hashes. */
@Stateless
public class RecoveryCodeRepository {

    @PersistenceContext(unitName = "custodia")
    EntityManager em;

    /** The user's codes become exactly these. */
    public void replaceAll(UUID tenantId, UUID userId, List<String> codeHashes) {
        em.createNativeQuery("delete from app.user_recovery_code where user_id = ?1").setParameter(1, userId).executeUpdate();
        for (String hash : codeHashes) {
            em.createNativeQuery("insert into app.user_recovery_code (tenant_id, user_id, code_hash) values (?1, ?2, ?3)")
                    .setParameter(1, tenantId).setParameter(2, userId).setParameter(3, hash).executeUpdate();
        }
    }

    /** Uses an unused code of the user (atomically); false when there is none with this hash. */
    public boolean use(UUID userId, String codeHash, Instant at) {
        return em.createNativeQuery("update app.user_recovery_code set used_at = ?1 where user_id = ?2 and code_hash = ?3 and used_at is null")
                .setParameter(1, NativeValues.at(at)).setParameter(2, userId).setParameter(3, codeHash)
                .executeUpdate() == 1;
    }
}
