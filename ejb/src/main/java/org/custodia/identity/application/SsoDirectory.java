package org.custodia.identity.application;

import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;

import org.custodia.identity.domain.OidcSettings;
import org.custodia.identity.infrastructure.SsoSettingsRepository;
import org.custodia.platform.persistence.AfterCommit;
import org.custodia.platform.persistence.ChangeFeed;

/**
 * Single sign-on settings as sign-in and every bearer-token request read them: from memory for {@link #TTL},
 * so a cached answer costs no database round trip (nor a tenant binding). Which tenant trusts an issuer is
 * resolved before any tenant is known; a tenant's settings are read by {@link SsoConfiguration#of} for that
 * tenant. A change drops the entries on commit, on the other nodes through the change feed.
 */
@ApplicationScoped
public class SsoDirectory {

    static final Duration TTL = Duration.ofSeconds(30);

    private final Cache<UUID, Optional<OidcSettings>> settings = Caffeine.newBuilder().expireAfterWrite(TTL).maximumSize(10_000).build();
    private final Cache<String, Optional<UUID>> tenants = Caffeine.newBuilder().expireAfterWrite(TTL).maximumSize(10_000).build();

    @Inject
    SsoConfiguration configuration;

    @Inject
    SsoSettingsRepository repository;

    @Inject
    AfterCommit afterCommit;

    @Inject
    ChangeFeed feed;

    public Optional<OidcSettings> settingsOf(UUID tenantId) {
        Optional<OidcSettings> cached = settings.getIfPresent(tenantId);
        if (cached != null) {
            return cached;
        }
        Optional<OidcSettings> s = configuration.of(tenantId);
        settings.put(tenantId, s);
        return s;
    }

    /** The tenant that trusts tokens of this issuer for one of these audiences. */
    public Optional<UUID> tenantFor(String issuer, List<String> audiences) {
        String key = issuer + "\n" + String.join("\n", audiences);
        Optional<UUID> cached = tenants.getIfPresent(key);
        if (cached != null) {
            return cached;
        }
        List<UUID> trusting = repository.tenantsTrusting(issuer, audiences);
        Optional<UUID> tenant = trusting.size() == 1 ? Optional.of(trusting.get(0)) : Optional.empty();
        tenants.put(key, tenant);
        return tenant;
    }

    /** The tenant's settings changed: every node forgets them once the current transaction commits. */
    public void forgetAfterCommit(UUID tenantId) {
        afterCommit.run(() -> forget(tenantId));
        feed.publish("sso-settings", tenantId.toString());
    }

    private void forget(UUID tenantId) {
        settings.invalidate(tenantId);
        tenants.invalidateAll();
    }

    void onClusterChange(@Observes ChangeFeed.ClusterChange change) {
        if (change.everything()) {
            settings.invalidateAll();
            tenants.invalidateAll();
        } else if ("sso-settings".equals(change.kind())) {
            forget(UUID.fromString(change.parts().get(0)));
        }
    }
}
