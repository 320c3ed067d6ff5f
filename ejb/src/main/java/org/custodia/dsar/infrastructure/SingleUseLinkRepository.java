package org.custodia.dsar.infrastructure;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;

import org.custodia.identity.domain.SingleUseToken;
import org.custodia.kernel.OpaqueToken;
import org.custodia.platform.persistence.NativeValues;

/**
 * A table of a request's single-use mailed links (email confirmation, package download), stored as the SHA-256 of
 * the token, with the SECURITY DEFINER function that finds a token's tenant before any tenant is bound. Both tables
 * have the same shape; a subclass names its table and function (constants, never input).
 */
public abstract class SingleUseLinkRepository {

    /** A token's row: the request it belongs to and whether it may still be used. */
    public record StoredToken(UUID dsarId, SingleUseToken state) {
    }

    /** A presented token that is well-formed and known: its tenant and its hash. */
    public record Resolved(UUID tenantId, String tokenHash) {
    }

    @PersistenceContext(unitName = "custodia")
    EntityManager em;

    /** e.g. {@code app.dsar_identity_token} */
    protected abstract String table();

    /** e.g. {@code app.resolve_dsar_identity_token} */
    protected abstract String resolver();

    /**
     * A token as presented by someone without credentials: empty when it is malformed (checked before any lookup, so
     * junk never reaches the database) or unknown; else its tenant, found before any tenant is bound.
     */
    public Optional<Resolved> resolve(String token, String prefix) {
        if (!OpaqueToken.wellFormed(token, prefix)) {
            return Optional.empty();
        }
        String hash = OpaqueToken.hashOf(token);
        return tenantOf(hash).map(tenantId -> new Resolved(tenantId, hash));
    }

    /** The tenant of a token, before any tenant is bound. */
    public Optional<UUID> tenantOf(String tokenHash) {
        return Optional.ofNullable((UUID) em.createNativeQuery("select " + resolver() + "(?1)")
                .setParameter(1, tokenHash).getSingleResult());
    }

    public void add(String tokenHash, UUID tenantId, UUID dsarId, Instant createdAt, Instant expiresAt) {
        em.createNativeQuery("insert into " + table() + " (token_hash, tenant_id, dsar_id, created_at, expires_at)"
                        + " values (?1, ?2, ?3, ?4, ?5)")
                .setParameter(1, tokenHash).setParameter(2, tenantId).setParameter(3, dsarId)
                .setParameter(4, NativeValues.at(createdAt)).setParameter(5, NativeValues.at(expiresAt))
                .executeUpdate();
    }

    /** The row as it is now, unlocked (looking at a link changes nothing). */
    public Optional<StoredToken> find(String tokenHash) {
        return one("select dsar_id, expires_at, used_at from " + table() + " where token_hash = ?1", tokenHash);
    }

    /** The row, locked until the transaction ends, so two redemptions cannot both succeed. */
    public Optional<StoredToken> lock(String tokenHash) {
        return one("select dsar_id, expires_at, used_at from " + table() + " where token_hash = ?1 for update", tokenHash);
    }

    public void markUsed(String tokenHash, Instant at) {
        em.createNativeQuery("update " + table() + " set used_at = ?1 where token_hash = ?2")
                .setParameter(1, NativeValues.at(at)).setParameter(2, tokenHash).executeUpdate();
    }

    /** Ends every unused link of a request (as used: it no longer opens); how many there were. */
    public int endOpenLinks(UUID dsarId, Instant at) {
        return em.createNativeQuery("update " + table() + " set used_at = ?1 where dsar_id = ?2 and used_at is null")
                .setParameter(1, NativeValues.at(at)).setParameter(2, dsarId).executeUpdate();
    }

    private Optional<StoredToken> one(String sql, String tokenHash) {
        @SuppressWarnings("unchecked")
        List<Object[]> rows = em.createNativeQuery(sql).setParameter(1, tokenHash).getResultList();
        return rows.stream().findFirst().map(r -> new StoredToken((UUID) r[0],
                new SingleUseToken(NativeValues.instant(r[1]), NativeValues.instant(r[2]))));
    }
}
