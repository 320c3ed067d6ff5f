package org.custodia.identity.domain;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.Set;
import java.util.UUID;

import org.custodia.platform.context.ApiCaller;
import org.junit.jupiter.api.Test;

class ResolvedApiKeyTest {

    static final Instant NOW = Instant.parse("2026-03-01T12:00:00Z");

    static ResolvedApiKey key(Instant expiresAt, boolean revoked) {
        return new ResolvedApiKey(UUID.randomUUID(), UUID.randomUUID(), "abcd1234", "ADMIN", Set.of("user:view"), expiresAt, revoked);
    }

    @Test
    void aUsableKeyAuthenticatesItsTenantWithItsRolesPermissions() {
        ResolvedApiKey key = key(null, false);
        ApiCaller caller = key.callerAt(NOW).orElseThrow();
        assertThat(caller.kind()).isEqualTo(ApiCaller.Kind.API_KEY);
        assertThat(caller.tenantId()).isEqualTo(key.tenantId());
        assertThat(caller.callerId()).isEqualTo(key.keyId());
        assertThat(caller.principal()).isEqualTo("api_key:abcd1234");
        assertThat(caller.permissions()).containsExactly("user:view");
        assertThat(key(NOW.plusSeconds(1), false).callerAt(NOW)).isPresent();
    }

    @Test
    void aRevokedOrExpiredKeyAuthenticatesNobody() {
        assertThat(key(null, true).callerAt(NOW)).isEmpty();
        assertThat(key(NOW, false).callerAt(NOW)).isEmpty();
        assertThat(key(NOW.minusSeconds(1), false).callerAt(NOW)).isEmpty();
    }
}
