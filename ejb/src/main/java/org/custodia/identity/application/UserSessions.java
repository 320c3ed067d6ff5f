package org.custodia.identity.application;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import jakarta.ejb.Stateless;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;

import org.custodia.platform.context.ApiCaller;
import org.custodia.kernel.OpaqueToken;
import org.custodia.platform.persistence.AfterCommit;
import org.custodia.platform.persistence.NativeValues;
import org.custodia.platform.persistence.StoredTime;
import org.custodia.platform.persistence.TenantSession;
import org.custodia.tenancy.application.SecuritySettings;

/**
 * Console sessions: a random token in an HttpOnly cookie, its SHA-256 in the database. A session lasts
 * {@link #LIFETIME} from sign-in or its last refresh, never beyond {@link #ABSOLUTE_LIFETIME} from sign-in,
 * and ends after the tenant's idle time without a request (ASVS 3.3; last use is recorded at most once a
 * {@link #TOUCH_EVERY} per session and node). Sessions resolve from memory for at most
 * {@link #CACHE_TTL}; sign-out, disabling a user and role changes drop entries on commit, on this node at
 * once and on the others through the change feed.
 */
@Stateless
public class UserSessions {

    public static final String PREFIX = "cus_s_";
    public static final Duration LIFETIME = Duration.ofHours(8);
    public static final Duration ABSOLUTE_LIFETIME = Duration.ofHours(24);
    /** How recent a sign-in must be to stand in for re-authentication. */
    public static final Duration RECENT_SIGN_IN = Duration.ofMinutes(10);
    static final Duration TOUCH_EVERY = Duration.ofMinutes(1);
    static final Duration CACHE_TTL = Duration.ofSeconds(10);

    public enum Method { PASSWORD, OIDC }

    public record Opened(String token, UUID sessionId, Instant expiresAt, boolean mfaPending) {
    }

    private static final Cache<String, ApiCaller> CACHE = Caffeine.newBuilder().expireAfterWrite(CACHE_TTL).maximumSize(100_000).build();
    /** sessions whose last use this node recorded within TOUCH_EVERY */
    private static final Cache<UUID, Boolean> TOUCHED = Caffeine.newBuilder().expireAfterWrite(TOUCH_EVERY).maximumSize(100_000).build();

    @PersistenceContext(unitName = "custodia")
    EntityManager em;

    @Inject
    TenantSession tenantSession;

    @Inject
    AfterCommit afterCommit;

    @Inject
    SecuritySettings settings;

    @Inject
    org.custodia.platform.persistence.ChangeFeed feed;

    /** Opens a session in the caller's transaction (tenant bound). */
    public Opened open(UUID tenantId, UUID userId, Method method, boolean mfaSatisfied, byte[] refreshSealed, byte[] idTokenSealed) {
        String token = OpaqueToken.generate(PREFIX);
        UUID id = UUID.randomUUID();
        Instant now = StoredTime.now();
        Instant expiresAt = now.plus(LIFETIME);
        em.createNativeQuery("insert into app.user_session (id, tenant_id, user_id, token_hash, method, mfa_satisfied, created_at,"
                        + " expires_at, oidc_refresh_sealed, oidc_id_token_sealed, last_seen_at)"
                        + " values (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?7)")
                .setParameter(1, id).setParameter(2, tenantId).setParameter(3, userId)
                .setParameter(4, OpaqueToken.hashOf(token)).setParameter(5, method.name()).setParameter(6, mfaSatisfied)
                .setParameter(7, NativeValues.at(now)).setParameter(8, NativeValues.at(expiresAt))
                .setParameter(9, refreshSealed == null ? new byte[0] : refreshSealed)
                .setParameter(10, idTokenSealed == null ? new byte[0] : idTokenSealed)
                .executeUpdate();
        boolean pending = !mfaSatisfied && method == Method.PASSWORD && settings.of(tenantId).mfaRequired();
        return new Opened(token, id, expiresAt, pending);
    }

    /** The caller behind a session cookie, before any tenant is bound. */
    public Optional<ApiCaller> authenticate(String token) {
        if (!OpaqueToken.wellFormed(token, PREFIX)) {
            return Optional.empty();
        }
        String hash = OpaqueToken.hashOf(token);
        ApiCaller cached = CACHE.getIfPresent(hash);
        Instant now = Instant.now();
        if (cached != null) {
            if (cached.expiredAt(now)) {
                return Optional.empty();
            }
            touch(cached);
            return Optional.of(cached);
        }
        @SuppressWarnings("unchecked")
        List<Object[]> rows = em.createNativeQuery("select session_id, tenant_id, user_id, role, permissions, expires_at, revoked_at,"
                + " mfa_satisfied, user_status, created_at, last_seen_at, idle_minutes from app.resolve_session(?1)")
                .setParameter(1, hash).getResultList();
        if (rows.isEmpty()) {
            return Optional.empty();
        }
        Object[] r = rows.get(0);
        Instant absoluteEnd = NativeValues.instant(r[9]).plus(ABSOLUTE_LIFETIME);
        Instant idleEnd = NativeValues.instant(r[10]).plusSeconds(60L * ((Number) r[11]).intValue());
        Instant expiresAt = min(NativeValues.instant(r[5]), absoluteEnd);
        if (r[6] != null || !"ACTIVE".equals(r[8]) || !expiresAt.isAfter(now) || !idleEnd.isAfter(now)) {
            CACHE.invalidate(hash);
            return Optional.empty();
        }
        UUID tenantId = (UUID) r[1];
        boolean mfaPending = !((Boolean) r[7]) && settings.of(tenantId).mfaRequired();
        ApiCaller caller = ApiCaller.session(tenantId, (UUID) r[2], (UUID) r[0], (String) r[3], NativeValues.textSet(r[4]),
                expiresAt, mfaPending);
        CACHE.put(hash, caller);
        touch(caller);
        return Optional.of(caller);
    }

    /** Records the session's use (for the idle limit), at most once a TOUCH_EVERY per session on this node. */
    private void touch(ApiCaller caller) {
        if (TOUCHED.asMap().putIfAbsent(caller.sessionId(), Boolean.TRUE) != null) {
            return;
        }
        tenantSession.bind(caller.tenantId());
        em.createNativeQuery("update app.user_session set last_seen_at = ?1 where id = ?2")
                .setParameter(1, NativeValues.at(StoredTime.now())).setParameter(2, caller.sessionId()).executeUpdate();
    }

    private static Instant min(Instant a, Instant b) {
        return a.isBefore(b) ? a : b;
    }

    public void revoke(UUID tenantId, UUID sessionId) {
        tenantSession.bind(tenantId);
        em.createNativeQuery("update app.user_session set revoked_at = ?1 where id = ?2 and revoked_at is null")
                .setParameter(1, NativeValues.at(StoredTime.now())).setParameter(2, sessionId).executeUpdate();
        forgetAfterCommit(c -> sessionId.equals(c.sessionId()));
        feed.publish("session", sessionId.toString());
    }

    /** In the caller's transaction: every session of the user ends (disabled, password reset). */
    public void revokeAllOf(UUID userId) {
        em.createNativeQuery("update app.user_session set revoked_at = ?1 where user_id = ?2 and revoked_at is null")
                .setParameter(1, NativeValues.at(StoredTime.now())).setParameter(2, userId).executeUpdate();
        forgetAfterCommit(c -> userId.equals(c.callerId()));
        feed.publish("user", userId.toString());
    }

    /** In the caller's transaction: the session passed MFA (enrolment just completed). */
    public void markMfaSatisfied(UUID sessionId) {
        em.createNativeQuery("update app.user_session set mfa_satisfied = true where id = ?1").setParameter(1, sessionId).executeUpdate();
        forgetAfterCommit(c -> sessionId.equals(c.sessionId()));
        feed.publish("session", sessionId.toString());
    }

    /** Extends a live session by {@link #LIFETIME} from now, never past its absolute end; returns the new expiry. */
    public Instant extend(UUID sessionId, byte[] refreshSealed) {
        Instant createdAt = NativeValues.instant(em.createNativeQuery("select created_at from app.user_session where id = ?1")
                .setParameter(1, sessionId).getSingleResult());
        Instant expiresAt = min(StoredTime.now().plus(LIFETIME), createdAt.plus(ABSOLUTE_LIFETIME));
        em.createNativeQuery("update app.user_session set expires_at = ?1 where id = ?2 and revoked_at is null")
                .setParameter(1, NativeValues.at(expiresAt)).setParameter(2, sessionId).executeUpdate();
        if (refreshSealed != null) {
            em.createNativeQuery("update app.user_session set oidc_refresh_sealed = ?1 where id = ?2")
                    .setParameter(1, refreshSealed).setParameter(2, sessionId).executeUpdate();
        }
        forgetAfterCommit(c -> sessionId.equals(c.sessionId()));
        return expiresAt;
    }

    /**
     * Whether the session's user signed in (a refresh does not count) within {@link #RECENT_SIGN_IN}: the proof
     * of identity that changing single sign-on or the account's address asks of a console session. Binds the tenant.
     */
    public boolean signedInRecently(UUID tenantId, UUID sessionId) {
        if (sessionId == null) {
            return false;
        }
        tenantSession.bind(tenantId);
        List<?> rows = em.createNativeQuery("select created_at from app.user_session where id = ?1").setParameter(1, sessionId)
                .getResultList();
        return !rows.isEmpty() && NativeValues.instant(rows.get(0)).isAfter(Instant.now().minus(RECENT_SIGN_IN));
    }

    /** Method, sealed refresh token and sealed ID token of a session (tenant bound). */
    @SuppressWarnings("unchecked")
    public Object[] details(UUID sessionId) {
        List<Object[]> rows = em.createNativeQuery("select method, oidc_refresh_sealed, oidc_id_token_sealed from app.user_session "
                + "where id = ?1 and revoked_at is null").setParameter(1, sessionId).getResultList();
        return rows.isEmpty() ? null : rows.get(0);
    }

    static void onRolesChanged(@jakarta.enterprise.event.Observes RolePermissionCache.RolesChanged change) {
        CACHE.asMap().values().removeIf(c -> c.tenantId().equals(change.tenantId()));
    }

    static void onClusterChange(@jakarta.enterprise.event.Observes org.custodia.platform.persistence.ChangeFeed.ClusterChange change) {
        if (change.everything()) {
            CACHE.invalidateAll();
        } else if ("session".equals(change.kind())) {
            UUID id = UUID.fromString(change.parts().get(0));
            CACHE.asMap().values().removeIf(c -> id.equals(c.sessionId()));
        } else if ("user".equals(change.kind())) {
            UUID id = UUID.fromString(change.parts().get(0));
            CACHE.asMap().values().removeIf(c -> id.equals(c.callerId()));
        }
    }

    private void forgetAfterCommit(java.util.function.Predicate<ApiCaller> which) {
        afterCommit.run(() -> CACHE.asMap().values().removeIf(which));
    }
}
