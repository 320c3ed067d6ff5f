package org.custodia.identity.domain;

import java.util.Set;
import java.util.UUID;

/** The tenant, key and permissions behind an authenticated API request. */
public record ApiCaller(UUID tenantId, UUID keyId, String keyPrefix, String role, Set<String> permissions) {

    public ApiCaller {
        permissions = Set.copyOf(permissions);
    }

    public String principal() {
        return "api_key:" + keyPrefix;
    }

    public boolean may(String permission) {
        return permissions.contains(permission);
    }
}
