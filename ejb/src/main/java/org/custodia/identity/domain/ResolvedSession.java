package org.custodia.identity.domain;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

import org.custodia.platform.context.ApiCaller;

/**
 * What {@code app.resolve_session} tells about a session cookie, read before any tenant is known: the
 * session, its user's role and status, and the tenant's idle limit.
 */
public record ResolvedSession(UUID sessionId, UUID tenantId, UUID userId, String role, Set<String> permissions, Instant expiresAt,
                              boolean revoked, boolean mfaSatisfied, String userStatus, Instant createdAt, Instant lastSeenAt,
                              int idleMinutes) {

    /**
     * When the session ends, seen at {@code now}: its expiry, never past {@code absoluteLifetime} from sign-in.
     * Empty when it has ended: revoked, its user no longer active, expired, or idle for longer than the tenant allows.
     */
    public Optional<Instant> liveUntil(Instant now, Duration absoluteLifetime) {
        Instant absoluteEnd = createdAt.plus(absoluteLifetime);
        Instant idleEnd = lastSeenAt.plusSeconds(60L * idleMinutes);
        Instant end = expiresAt.isBefore(absoluteEnd) ? expiresAt : absoluteEnd;
        if (revoked || !"ACTIVE".equals(userStatus) || !end.isAfter(now) || !idleEnd.isAfter(now)) {
            return Optional.empty();
        }
        return Optional.of(end);
    }

    /** The caller behind the session while it lasts ({@code until}); {@code mfaRequired}: the tenant enforces MFA. */
    public ApiCaller caller(Instant until, boolean mfaRequired) {
        return ApiCaller.session(tenantId, userId, sessionId, role, permissions, until, !mfaSatisfied && mfaRequired);
    }
}
