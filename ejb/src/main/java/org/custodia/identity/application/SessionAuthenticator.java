package org.custodia.identity.application;

import java.time.Instant;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Predicate;

import jakarta.ejb.Stateless;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;

import org.custodia.platform.context.ApiCaller;
import org.custodia.identity.domain.ResolvedSession;
import org.custodia.identity.infrastructure.SessionRepository;
import org.custodia.kernel.OpaqueToken;
import org.custodia.platform.persistence.ChangeFeed;
import org.custodia.tenancy.application.SecuritySettings;

/**
 * The caller behind a session cookie, resolved before any tenant is known (through the SECURITY DEFINER
 * {@code app.resolve_session}) and kept in memory for {@link UserSessions#CACHE_TTL}. Not tenant work itself:
 * the session's tenant is bound only when its use is recorded ({@link UserSessions#touch}), at most once a
 * {@link UserSessions#TOUCH_EVERY} per session and node, in the same transaction.
 */
@Stateless
public class SessionAuthenticator {

    private static final Cache<String, ApiCaller> CACHE = Caffeine.newBuilder().expireAfterWrite(UserSessions.CACHE_TTL)
            .maximumSize(100_000).build();
    /** sessions whose last use this node recorded within TOUCH_EVERY */
    private static final Cache<UUID, Boolean> TOUCHED = Caffeine.newBuilder().expireAfterWrite(UserSessions.TOUCH_EVERY)
            .maximumSize(100_000).build();

    @Inject
    SessionRepository repository;

    @Inject
    UserSessions sessions;

    @Inject
    SecuritySettings settings;

    public Optional<ApiCaller> authenticate(String token) {
        if (!OpaqueToken.wellFormed(token, UserSessions.PREFIX)) {
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
        Optional<ResolvedSession> resolved = repository.resolve(hash);
        if (resolved.isEmpty()) {
            return Optional.empty();
        }
        ResolvedSession session = resolved.get();
        Optional<Instant> until = session.liveUntil(now, UserSessions.ABSOLUTE_LIFETIME);
        if (until.isEmpty()) {
            CACHE.invalidate(hash);
            return Optional.empty();
        }
        // the tenant's MFA rule matters only to a session that has not passed MFA
        ApiCaller caller = session.caller(until.get(), !session.mfaSatisfied() && settings.of(session.tenantId()).mfaRequired());
        CACHE.put(hash, caller);
        touch(caller);
        return Optional.of(caller);
    }

    private void touch(ApiCaller caller) {
        if (TOUCHED.asMap().putIfAbsent(caller.sessionId(), Boolean.TRUE) != null) {
            return;
        }
        sessions.touch(caller.tenantId(), caller.sessionId());
    }

    static Instant earlier(Instant a, Instant b) {
        return a.isBefore(b) ? a : b;
    }

    /** Drops the matching callers from this node's memory (after a commit that ended or changed them). */
    static void forget(Predicate<ApiCaller> which) {
        CACHE.asMap().values().removeIf(which);
    }

    static void onRolesChanged(@Observes RolePermissionCache.RolesChanged change) {
        CACHE.asMap().values().removeIf(c -> c.tenantId().equals(change.tenantId()));
    }

    static void onClusterChange(@Observes ChangeFeed.ClusterChange change) {
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
}
