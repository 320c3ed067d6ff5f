package org.custodia.identity.application;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Predicate;

import jakarta.ejb.Stateless;
import jakarta.inject.Inject;

import org.custodia.identity.infrastructure.SessionRepository;
import org.custodia.kernel.OpaqueToken;
import org.custodia.platform.context.ApiCaller;
import org.custodia.platform.persistence.AfterCommit;
import org.custodia.platform.persistence.StoredTime;
import org.custodia.platform.persistence.TenantId;
import org.custodia.platform.persistence.TenantScoped;
import org.custodia.tenancy.application.SecuritySettings;

/**
 * Console sessions: a random token in an HttpOnly cookie, its SHA-256 in the database. A session lasts
 * {@link #LIFETIME} from sign-in or its last refresh, never beyond {@link #ABSOLUTE_LIFETIME} from sign-in,
 * and ends after the tenant's idle time without a request (ASVS 3.3; last use is recorded at most once a
 * {@link #TOUCH_EVERY} per session and node). Cookies are resolved by {@link SessionAuthenticator}, from
 * memory for at most {@link #CACHE_TTL}; sign-out, disabling a user and role changes drop entries on commit,
 * on this node at once and on the others through the change feed.
 */
@Stateless
@TenantScoped
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

    @Inject
    SessionRepository repository;

    @Inject
    AfterCommit afterCommit;

    @Inject
    SecuritySettings settings;

    @Inject
    org.custodia.platform.persistence.ChangeFeed feed;

    /** Opens a session in the caller's transaction. */
    public Opened open(@TenantId UUID tenantId, UUID userId, Method method, boolean mfaSatisfied, byte[] refreshSealed,
                       byte[] idTokenSealed) {
        String token = OpaqueToken.generate(PREFIX);
        UUID id = UUID.randomUUID();
        Instant now = StoredTime.now();
        Instant expiresAt = now.plus(LIFETIME);
        repository.add(id, tenantId, userId, OpaqueToken.hashOf(token), method.name(), mfaSatisfied, now, expiresAt, refreshSealed,
                idTokenSealed);
        boolean pending = !mfaSatisfied && method == Method.PASSWORD && settings.of(tenantId).mfaRequired();
        return new Opened(token, id, expiresAt, pending);
    }

    /** Records the session's use (for the idle limit); {@link SessionAuthenticator} calls it at most once a TOUCH_EVERY. */
    public void touch(@TenantId UUID tenantId, UUID sessionId) {
        repository.touch(sessionId, StoredTime.now());
    }

    public void revoke(@TenantId UUID tenantId, UUID sessionId) {
        repository.revoke(sessionId, StoredTime.now());
        forgetAfterCommit(c -> sessionId.equals(c.sessionId()));
        feed.publish("session", sessionId.toString());
    }

    /** In the caller's transaction: every session of the user ends (disabled, password reset). */
    public void revokeAllOf(@TenantId UUID tenantId, UUID userId) {
        repository.revokeAllOf(userId, StoredTime.now());
        forgetAfterCommit(c -> userId.equals(c.callerId()));
        feed.publish("user", userId.toString());
    }

    /** In the caller's transaction: the session passed MFA (enrolment just completed). */
    public void markMfaSatisfied(@TenantId UUID tenantId, UUID sessionId) {
        repository.markMfaSatisfied(sessionId);
        forgetAfterCommit(c -> sessionId.equals(c.sessionId()));
        feed.publish("session", sessionId.toString());
    }

    /** Extends a live session by {@link #LIFETIME} from now, never past its absolute end; returns the new expiry. */
    public Instant extend(@TenantId UUID tenantId, UUID sessionId, byte[] refreshSealed) {
        Instant createdAt = repository.createdAt(sessionId)
                .orElseThrow(() -> new jakarta.persistence.NoResultException("no session " + sessionId));
        Instant expiresAt = SessionAuthenticator.earlier(StoredTime.now().plus(LIFETIME), createdAt.plus(ABSOLUTE_LIFETIME));
        repository.extend(sessionId, expiresAt);
        if (refreshSealed != null) {
            repository.replaceRefreshToken(sessionId, refreshSealed);
        }
        forgetAfterCommit(c -> sessionId.equals(c.sessionId()));
        return expiresAt;
    }

    /**
     * Whether the session's user signed in (a refresh does not count) within {@link #RECENT_SIGN_IN}: the proof
     * of identity that changing single sign-on or the account's address asks of a console session.
     */
    public boolean signedInRecently(@TenantId UUID tenantId, UUID sessionId) {
        if (sessionId == null) {
            return false;
        }
        return repository.createdAt(sessionId).map(at -> at.isAfter(Instant.now().minus(RECENT_SIGN_IN))).orElse(false);
    }

    /** Method and sealed provider tokens of a live session. */
    public Optional<SessionRepository.SealedTokens> tokens(@TenantId UUID tenantId, UUID sessionId) {
        return repository.tokens(sessionId);
    }

    private void forgetAfterCommit(Predicate<ApiCaller> which) {
        afterCommit.run(() -> SessionAuthenticator.forget(which));
    }
}
