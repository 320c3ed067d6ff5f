package org.custodia.identity.application;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

import org.custodia.platform.context.ApiCaller;
import org.custodia.identity.domain.ApiKeySecret;
import org.junit.jupiter.api.Test;

/** Made-up keys cost one database lookup per key and short period; real keys are found as soon as they exist. */
class ApiKeyAuthenticatorTest {

    /** Stands in for the database: counts lookups. */
    static final class CountingKeys extends ApiKeyService {
        final Map<String, ApiCaller> stored = new HashMap<>();
        int lookups;

        @Override
        public Optional<ApiCaller> authenticate(String presented) {
            lookups++;
            return Optional.ofNullable(stored.get(presented));
        }
    }

    @Test
    void anUnknownWellFormedKeyIsLookedUpOnceWhileItIsRemembered() {
        CountingKeys keys = new CountingKeys();
        ApiKeyAuthenticator authenticator = new ApiKeyAuthenticator();
        authenticator.apiKeys = keys;
        String madeUp = ApiKeySecret.generate().value();
        for (int i = 0; i < 5; i++) {
            assertThat(authenticator.authenticate(madeUp)).isEmpty();
        }
        assertThat(keys.lookups).isEqualTo(1);
        assertThat(authenticator.authenticate("not-a-key")).isEmpty();
        assertThat(keys.lookups).isEqualTo(1);
        assertThat(ApiKeyAuthenticator.UNKNOWN_TTL).isLessThanOrEqualTo(java.time.Duration.ofSeconds(10));
    }

    @Test
    void aNewKeyIsFoundAtOnce() {
        CountingKeys keys = new CountingKeys();
        ApiKeyAuthenticator authenticator = new ApiKeyAuthenticator();
        authenticator.apiKeys = keys;
        assertThat(authenticator.authenticate(ApiKeySecret.generate().value())).isEmpty();
        String created = ApiKeySecret.generate().value();
        keys.stored.put(created, ApiCaller.apiKey(UUID.randomUUID(), UUID.randomUUID(), "abcd1234", "ADMIN", Set.of(), null));
        assertThat(authenticator.authenticate(created)).isPresent();
    }
}
