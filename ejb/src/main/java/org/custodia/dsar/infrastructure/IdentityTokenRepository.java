package org.custodia.dsar.infrastructure;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;

import org.custodia.identity.domain.SingleUseToken;
import org.custodia.platform.persistence.NativeValues;

/** Email confirmation links of requests ({@code app.dsar_identity_token}), stored as the SHA-256 of the token. */
@ApplicationScoped
public class IdentityTokenRepository {

    /** A token's row: the request it confirms and whether it may still be used. */
    public record StoredToken(UUID dsarId, SingleUseToken state) {
    }

    @PersistenceContext(unitName = "custodia")
    EntityManager em;

    /** The tenant of a token, before any tenant is bound (SECURITY DEFINER {@code app.resolve_dsar_identity_token}). */
    public Optional<UUID> tenantOf(String tokenHash) {
        return Optional.ofNullable((UUID) em.createNativeQuery("select app.resolve_dsar_identity_token(?1)")
                .setParameter(1, tokenHash).getSingleResult());
    }

    public void add(String tokenHash, UUID tenantId, UUID dsarId, Instant createdAt, Instant expiresAt) {
        em.createNativeQuery("insert into app.dsar_identity_token (token_hash, tenant_id, dsar_id, created_at, expires_at)"
                        + " values (?1, ?2, ?3, ?4, ?5)")
                .setParameter(1, tokenHash).setParameter(2, tenantId).setParameter(3, dsarId)
                .setParameter(4, NativeValues.at(createdAt)).setParameter(5, NativeValues.at(expiresAt))
                .executeUpdate();
    }

    /** The row as it is now, unlocked (the confirmation page only looks). */
    public Optional<StoredToken> find(String tokenHash) {
        return one("select dsar_id, expires_at, used_at from app.dsar_identity_token where token_hash = ?1", tokenHash);
    }

    /** The row, locked until the transaction ends, so two redemptions cannot both succeed. */
    public Optional<StoredToken> lock(String tokenHash) {
        return one("select dsar_id, expires_at, used_at from app.dsar_identity_token where token_hash = ?1 for update", tokenHash);
    }

    public void markUsed(String tokenHash, Instant at) {
        em.createNativeQuery("update app.dsar_identity_token set used_at = ?1 where token_hash = ?2")
                .setParameter(1, NativeValues.at(at)).setParameter(2, tokenHash).executeUpdate();
    }

    private Optional<StoredToken> one(String sql, String tokenHash) {
        @SuppressWarnings("unchecked")
        List<Object[]> rows = em.createNativeQuery(sql).setParameter(1, tokenHash).getResultList();
        return rows.stream().findFirst().map(r -> new StoredToken((UUID) r[0],
                new SingleUseToken(NativeValues.instant(r[1]), NativeValues.instant(r[2]))));
    }
}
