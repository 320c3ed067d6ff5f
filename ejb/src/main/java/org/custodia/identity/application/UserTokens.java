package org.custodia.identity.application;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

import jakarta.ejb.Stateless;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;

import org.custodia.kernel.OpaqueToken;
import org.custodia.platform.persistence.NativeValues;
import org.custodia.platform.persistence.StoredTime;
import org.custodia.platform.persistence.TenantSession;
import org.custodia.platform.problem.ProblemException;

/** Single-use, expiring tokens sent by mail: invitations, password resets, email verification, undoing an email change. */
@Stateless
public class UserTokens {

    public enum Purpose {
        INVITATION(Duration.ofDays(7)), PASSWORD_RESET(Duration.ofHours(1)), EMAIL_VERIFICATION(Duration.ofHours(24)),
        /** sent to the old address after a change; {@code new_email} holds the address it restores */
        EMAIL_CHANGE_UNDO(Duration.ofDays(7));

        final Duration lifetime;

        Purpose(Duration lifetime) {
            this.lifetime = lifetime;
        }

        public Duration lifetime() {
            return lifetime;
        }
    }

    public static final String PREFIX = "cus_t_";

    /** A redeemed token: whose it was and, for email verification, the address it proves. */
    public record Redeemed(UUID tenantId, UUID userId, String newEmail) {
    }

    public record Issued(String token, Instant expiresAt) {
    }

    @PersistenceContext(unitName = "custodia")
    EntityManager em;

    @Inject
    TenantSession tenantSession;

    /** In the caller's transaction, tenant bound. Earlier unused tokens of the same purpose stop working. */
    public Issued issue(UUID tenantId, UUID userId, Purpose purpose, String newEmail) {
        Instant now = StoredTime.now();
        em.createNativeQuery("update app.user_token set used_at = ?1 where user_id = ?2 and purpose = ?3 and used_at is null")
                .setParameter(1, NativeValues.at(now)).setParameter(2, userId).setParameter(3, purpose.name()).executeUpdate();
        String token = OpaqueToken.generate(PREFIX);
        Instant expiresAt = now.plus(purpose.lifetime);
        em.createNativeQuery("insert into app.user_token (token_hash, tenant_id, user_id, purpose, new_email, created_at, expires_at)"
                        + " values (?1, ?2, ?3, ?4, ?5, ?6, ?7)")
                .setParameter(1, OpaqueToken.hashOf(token)).setParameter(2, tenantId).setParameter(3, userId)
                .setParameter(4, purpose.name()).setParameter(5, newEmail).setParameter(6, NativeValues.at(now)).setParameter(7, NativeValues.at(expiresAt))
                .executeUpdate();
        return new Issued(token, expiresAt);
    }

    /** Marks the token used and binds its tenant; refuses unknown, used, expired or other-purpose tokens. */
    public Redeemed redeem(String token, Purpose purpose) {
        if (!OpaqueToken.wellFormed(token, PREFIX)) {
            throw ProblemException.invalid("token", "is not a valid link token");
        }
        String hash = OpaqueToken.hashOf(token);
        Object tenant = em.createNativeQuery("select app.resolve_user_token(?1)").setParameter(1, hash).getSingleResult();
        if (tenant == null) {
            throw ProblemException.invalid("token", "is not a valid link token");
        }
        UUID tenantId = (UUID) tenant;
        tenantSession.bind(tenantId);
        @SuppressWarnings("unchecked")
        List<Object[]> rows = em.createNativeQuery("select user_id, purpose, new_email, expires_at, used_at from app.user_token "
                + "where token_hash = ?1 for update").setParameter(1, hash).getResultList();
        Object[] row = rows.get(0);
        if (!purpose.name().equals(row[1])) {
            throw ProblemException.invalid("token", "is not a valid link token");
        }
        if (row[4] != null) {
            throw ProblemException.invalid("token", "was already used or replaced by a newer link");
        }
        if (!NativeValues.instant(row[3]).isAfter(Instant.now())) {
            throw ProblemException.invalid("token", "has expired; ask for a new link");
        }
        em.createNativeQuery("update app.user_token set used_at = ?1 where token_hash = ?2")
                .setParameter(1, NativeValues.at(StoredTime.now())).setParameter(2, hash).executeUpdate();
        return new Redeemed(tenantId, (UUID) row[0], (String) row[2]);
    }
}
