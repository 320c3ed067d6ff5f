package org.custodia.identity.infrastructure;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import jakarta.ejb.Stateless;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;

import org.custodia.identity.domain.ResolvedSession;
import org.custodia.platform.persistence.NativeValues;

/** Console sessions (app.user_session), stored by the SHA-256 of their token. */
@Stateless
public class SessionRepository {

    /** A session's sign-in method and its sealed provider tokens (empty arrays when it has none). */
    public record SealedTokens(String method, byte[] refreshSealed, byte[] idTokenSealed) {
    }

    @PersistenceContext(unitName = "custodia")
    EntityManager em;

    public void add(UUID id, UUID tenantId, UUID userId, String tokenHash, String method, boolean mfaSatisfied, Instant createdAt,
                    Instant expiresAt, byte[] refreshSealed, byte[] idTokenSealed) {
        em.createNativeQuery("insert into app.user_session (id, tenant_id, user_id, token_hash, method, mfa_satisfied, created_at,"
                        + " expires_at, oidc_refresh_sealed, oidc_id_token_sealed, last_seen_at)"
                        + " values (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?7)")
                .setParameter(1, id).setParameter(2, tenantId).setParameter(3, userId)
                .setParameter(4, tokenHash).setParameter(5, method).setParameter(6, mfaSatisfied)
                .setParameter(7, NativeValues.at(createdAt)).setParameter(8, NativeValues.at(expiresAt))
                .setParameter(9, refreshSealed == null ? new byte[0] : refreshSealed)
                .setParameter(10, idTokenSealed == null ? new byte[0] : idTokenSealed)
                .executeUpdate();
    }

    /** A session by its token's hash, before any tenant is bound (SECURITY DEFINER {@code app.resolve_session}). */
    public Optional<ResolvedSession> resolve(String tokenHash) {
        @SuppressWarnings("unchecked")
        List<Object[]> rows = em.createNativeQuery("select session_id, tenant_id, user_id, role, permissions, expires_at, revoked_at,"
                + " mfa_satisfied, user_status, created_at, last_seen_at, idle_minutes from app.resolve_session(?1)")
                .setParameter(1, tokenHash).getResultList();
        return rows.stream().findFirst().map(r -> new ResolvedSession((UUID) r[0], (UUID) r[1], (UUID) r[2], (String) r[3],
                NativeValues.textSet(r[4]), NativeValues.instant(r[5]), r[6] != null, (Boolean) r[7], (String) r[8],
                NativeValues.instant(r[9]), NativeValues.instant(r[10]), ((Number) r[11]).intValue()));
    }

    public void touch(UUID sessionId, Instant at) {
        em.createNativeQuery("update app.user_session set last_seen_at = ?1 where id = ?2")
                .setParameter(1, NativeValues.at(at)).setParameter(2, sessionId).executeUpdate();
    }

    public void revoke(UUID sessionId, Instant at) {
        em.createNativeQuery("update app.user_session set revoked_at = ?1 where id = ?2 and revoked_at is null")
                .setParameter(1, NativeValues.at(at)).setParameter(2, sessionId).executeUpdate();
    }

    public void revokeAllOf(UUID userId, Instant at) {
        em.createNativeQuery("update app.user_session set revoked_at = ?1 where user_id = ?2 and revoked_at is null")
                .setParameter(1, NativeValues.at(at)).setParameter(2, userId).executeUpdate();
    }

    public void markMfaSatisfied(UUID sessionId) {
        em.createNativeQuery("update app.user_session set mfa_satisfied = true where id = ?1").setParameter(1, sessionId).executeUpdate();
    }

    /** When the session was opened (its user's sign-in); empty when there is no such session. */
    public Optional<Instant> createdAt(UUID sessionId) {
        List<?> rows = em.createNativeQuery("select created_at from app.user_session where id = ?1").setParameter(1, sessionId)
                .getResultList();
        return rows.stream().findFirst().map(NativeValues::instant);
    }

    public void extend(UUID sessionId, Instant expiresAt) {
        em.createNativeQuery("update app.user_session set expires_at = ?1 where id = ?2 and revoked_at is null")
                .setParameter(1, NativeValues.at(expiresAt)).setParameter(2, sessionId).executeUpdate();
    }

    public void replaceRefreshToken(UUID sessionId, byte[] refreshSealed) {
        em.createNativeQuery("update app.user_session set oidc_refresh_sealed = ?1 where id = ?2")
                .setParameter(1, refreshSealed).setParameter(2, sessionId).executeUpdate();
    }

    /** The live (not revoked) session's method and sealed provider tokens. */
    public Optional<SealedTokens> tokens(UUID sessionId) {
        @SuppressWarnings("unchecked")
        List<Object[]> rows = em.createNativeQuery("select method, oidc_refresh_sealed, oidc_id_token_sealed from app.user_session "
                + "where id = ?1 and revoked_at is null").setParameter(1, sessionId).getResultList();
        return rows.stream().findFirst().map(r -> new SealedTokens((String) r[0], (byte[]) r[1], (byte[]) r[2]));
    }
}
