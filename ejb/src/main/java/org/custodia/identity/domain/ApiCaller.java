package org.custodia.identity.domain;

import java.util.Set;
import java.util.UUID;

/** The tenant, key and permissions behind an authenticated API request. */
public record ApiCaller(UUID tenantId, UUID keyId, String keyPrefix, String role, Set<String> permissions,
                        java.time.Instant expiresAt) {

    public ApiCaller {
        permissions = Set.copyOf(permissions);
    }

    public String principal() {
        return "api_key:" + keyPrefix;
    }

    public boolean expiredAt(java.time.Instant now) {
        return expiresAt != null && !expiresAt.isAfter(now);
    }

    public boolean may(String permission) {
        return permissions.contains(permission);
    }
}
