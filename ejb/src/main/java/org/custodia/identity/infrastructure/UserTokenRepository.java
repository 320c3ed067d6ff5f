package org.custodia.identity.infrastructure;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import jakarta.ejb.Stateless;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;

import org.custodia.identity.domain.SingleUseToken;
import org.custodia.platform.persistence.NativeValues;

/** Single-use tokens sent by mail (app.user_token), stored as the SHA-256 of the token. */
@Stateless
public class UserTokenRepository {

    /** A token's row, locked: whose it is, what for, the address it carries, and whether it may still be used. */
    public record LockedToken(UUID userId, String purpose, String newEmail, SingleUseToken state) {
    }

    @PersistenceContext(unitName = "custodia")
    EntityManager em;

    /** The tenant of a token, before any tenant is bound (SECURITY DEFINER {@code app.resolve_user_token}). */
    public Optional<UUID> tenantOf(String tokenHash) {
        return Optional.ofNullable((UUID) em.createNativeQuery("select app.resolve_user_token(?1)").setParameter(1, tokenHash)
                .getSingleResult());
    }

    public void add(String tokenHash, UUID tenantId, UUID userId, String purpose, String newEmail, Instant createdAt, Instant expiresAt) {
        em.createNativeQuery("insert into app.user_token (token_hash, tenant_id, user_id, purpose, new_email, created_at, expires_at)"
                        + " values (?1, ?2, ?3, ?4, ?5, ?6, ?7)")
                .setParameter(1, tokenHash).setParameter(2, tenantId).setParameter(3, userId)
                .setParameter(4, purpose).setParameter(5, newEmail).setParameter(6, NativeValues.at(createdAt))
                .setParameter(7, NativeValues.at(expiresAt))
                .executeUpdate();
    }

    /** The user's unused tokens of this purpose stop working. */
    public void voidUnused(UUID userId, String purpose, Instant at) {
        em.createNativeQuery("update app.user_token set used_at = ?1 where user_id = ?2 and purpose = ?3 and used_at is null")
                .setParameter(1, NativeValues.at(at)).setParameter(2, userId).setParameter(3, purpose).executeUpdate();
    }

    /** The user's unused password-reset and email-verification tokens stop working (an email change was undone). */
    public void voidUnusedResetsAndVerifications(UUID userId, Instant at) {
        em.createNativeQuery("update app.user_token set used_at = ?1 where user_id = ?2 and used_at is null"
                        + " and purpose in ('PASSWORD_RESET', 'EMAIL_VERIFICATION')")
                .setParameter(1, NativeValues.at(at)).setParameter(2, userId)
                .executeUpdate();
    }

    /** The token's row, locked until the transaction ends (so two redemptions cannot both succeed). */
    public Optional<LockedToken> lock(String tokenHash) {
        @SuppressWarnings("unchecked")
        List<Object[]> rows = em.createNativeQuery("select user_id, purpose, new_email, expires_at, used_at from app.user_token "
                + "where token_hash = ?1 for update").setParameter(1, tokenHash).getResultList();
        return rows.stream().findFirst().map(r -> new LockedToken((UUID) r[0], (String) r[1], (String) r[2],
                new SingleUseToken(NativeValues.instant(r[3]), NativeValues.instant(r[4]))));
    }

    public void markUsed(String tokenHash, Instant at) {
        em.createNativeQuery("update app.user_token set used_at = ?1 where token_hash = ?2")
                .setParameter(1, NativeValues.at(at)).setParameter(2, tokenHash).executeUpdate();
    }
}
