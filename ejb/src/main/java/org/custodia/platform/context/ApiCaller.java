package org.custodia.platform.context;

import java.time.Instant;
import java.util.Set;
import java.util.UUID;

/**
 * The tenant, credential and permissions behind an authenticated request: an API key, a console
 * session of a user, or a user's bearer token from the tenant's identity provider.
 *
 * @param callerId   the API key's id or the user's id (rate limits and idempotency keys are per caller)
 * @param sessionId  the console session, when the caller came with a session cookie
 * @param mfaPending the tenant enforces MFA and this session has not passed it: only enrolment is open
 */
public record ApiCaller(Kind kind, UUID tenantId, UUID callerId, String principal, String role, Set<String> permissions,
                        Instant expiresAt, UUID sessionId, boolean mfaPending) {

    public enum Kind { API_KEY, SESSION, BEARER_TOKEN }

    public ApiCaller {
        permissions = Set.copyOf(permissions);
    }

    public static ApiCaller apiKey(UUID tenantId, UUID keyId, String prefix, String role, Set<String> permissions,
                                   Instant expiresAt) {
        return new ApiCaller(Kind.API_KEY, tenantId, keyId, "api_key:" + prefix, role, permissions, expiresAt, null, false);
    }

    public static ApiCaller session(UUID tenantId, UUID userId, UUID sessionId, String role, Set<String> permissions,
                                    Instant expiresAt, boolean mfaPending) {
        return new ApiCaller(Kind.SESSION, tenantId, userId, "user:" + userId, role, permissions, expiresAt, sessionId,
                mfaPending);
    }

    public static ApiCaller bearer(UUID tenantId, UUID userId, String role, Set<String> permissions, Instant expiresAt) {
        return new ApiCaller(Kind.BEARER_TOKEN, tenantId, userId, "user:" + userId, role, permissions, expiresAt, null, false);
    }

    public boolean isUser() {
        return kind != Kind.API_KEY;
    }

    public boolean expiredAt(Instant now) {
        return expiresAt != null && !expiresAt.isAfter(now);
    }

    public boolean may(String permission) {
        return !mfaPending && permissions.contains(permission);
    }
}
