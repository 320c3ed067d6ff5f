package org.custodia.identity.domain;

import java.time.Instant;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

import org.custodia.platform.context.ApiCaller;

/** What {@code app.resolve_api_key} tells about a presented key, read before any tenant is known. */
public record ResolvedApiKey(UUID keyId, UUID tenantId, String prefix, String role, Set<String> permissions, Instant expiresAt,
                             boolean revoked) {

    /** The caller the key authenticates at {@code now}: none once it is revoked or expired. */
    public Optional<ApiCaller> callerAt(Instant now) {
        ApiCaller caller = ApiCaller.apiKey(tenantId, keyId, prefix, role, permissions, expiresAt);
        if (revoked || caller.expiredAt(now)) {
            return Optional.empty();
        }
        return Optional.of(caller);
    }
}
