package org.custodia.identity.domain;

import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * A tenant's OpenID Connect issuer: who signs tokens, which audience they must carry, and how a claim
 * (such as {@code groups} or {@code roles}) maps to Custodia roles. The first mapping entry, in the
 * order written, whose key the claim holds wins; otherwise the default role, if any.
 */
public record OidcSettings(String issuer, String clientId, boolean confidential, String audience, String roleClaim,
                           LinkedHashMap<String, String> roleMapping, String defaultRole, String scopes) {

    public OidcSettings {
        roleMapping = new LinkedHashMap<>(roleMapping);
    }

    /** The role for a token's claims, or empty when neither the mapping nor a default applies. */
    public Optional<String> roleFor(Map<String, Object> claims) {
        Object value = claimAt(claims, roleClaim);
        for (Map.Entry<String, String> m : roleMapping.entrySet()) {
            if (holds(value, m.getKey())) {
                return Optional.of(m.getValue());
            }
        }
        return Optional.ofNullable(defaultRole);
    }

    /** Claims may be nested ({@code realm_access.roles} in Keycloak): dots walk into objects. */
    static Object claimAt(Map<String, Object> claims, String path) {
        Object current = claims;
        for (String part : path.split("\\.")) {
            if (!(current instanceof Map<?, ?> map)) {
                return null;
            }
            current = map.get(part);
        }
        return current;
    }

    private static boolean holds(Object value, String wanted) {
        if (value instanceof Collection<?> values) {
            return values.stream().anyMatch(v -> wanted.equals(String.valueOf(v)));
        }
        return value != null && wanted.equals(String.valueOf(value));
    }
}
