package org.custodia.identity.domain;

import java.util.UUID;

/** The tenant and key behind an authenticated API request. */
public record ApiCaller(UUID tenantId, UUID keyId, String keyPrefix) {
    public String principal() {
        return "api_key:" + keyPrefix;
    }
}
