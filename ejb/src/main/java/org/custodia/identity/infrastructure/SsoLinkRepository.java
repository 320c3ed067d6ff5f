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

/** Requests to link a single sign-on identity to an existing account (app.sso_link), stored as the SHA-256 of the mailed token. */
@Stateless
public class SsoLinkRepository {

    /** A link's row, locked: the account, the identity, and whether it may still be used. */
    public record LockedLink(UUID userId, String issuer, String subject, SingleUseToken state) {
    }

    @PersistenceContext(unitName = "custodia")
    EntityManager em;

    /** The tenant of a link token, before any tenant is bound (SECURITY DEFINER {@code app.resolve_sso_link}). */
    public Optional<UUID> tenantOf(String tokenHash) {
        return Optional.ofNullable((UUID) em.createNativeQuery("select app.resolve_sso_link(?1)").setParameter(1, tokenHash)
                .getSingleResult());
    }

    /** Whether an unused, unexpired request links this identity to this user. */
    public boolean livePending(UUID userId, String issuer, String subject, Instant now) {
        Number live = (Number) em.createNativeQuery("select count(*) from app.sso_link where user_id = ?1 and oidc_issuer = ?2"
                        + " and oidc_subject = ?3 and used_at is null and expires_at > ?4")
                .setParameter(1, userId).setParameter(2, issuer).setParameter(3, subject).setParameter(4, NativeValues.at(now))
                .getSingleResult();
        return live.longValue() > 0;
    }

    public void add(String tokenHash, UUID tenantId, UUID userId, String issuer, String subject, Instant createdAt, Instant expiresAt) {
        em.createNativeQuery("insert into app.sso_link (token_hash, tenant_id, user_id, oidc_issuer, oidc_subject, created_at, expires_at)"
                        + " values (?1, ?2, ?3, ?4, ?5, ?6, ?7)")
                .setParameter(1, tokenHash).setParameter(2, tenantId).setParameter(3, userId)
                .setParameter(4, issuer).setParameter(5, subject).setParameter(6, NativeValues.at(createdAt))
                .setParameter(7, NativeValues.at(expiresAt))
                .executeUpdate();
    }

    /** The link's row, locked until the transaction ends. */
    public Optional<LockedLink> lock(String tokenHash) {
        @SuppressWarnings("unchecked")
        List<Object[]> rows = em.createNativeQuery("select user_id, oidc_issuer, oidc_subject, expires_at, used_at from app.sso_link"
                + " where token_hash = ?1 for update").setParameter(1, tokenHash).getResultList();
        return rows.stream().findFirst().map(r -> new LockedLink((UUID) r[0], (String) r[1], (String) r[2],
                new SingleUseToken(NativeValues.instant(r[3]), NativeValues.instant(r[4]))));
    }

    public void markUsed(String tokenHash, Instant at) {
        em.createNativeQuery("update app.sso_link set used_at = ?1 where token_hash = ?2")
                .setParameter(1, NativeValues.at(at)).setParameter(2, tokenHash).executeUpdate();
    }
}
