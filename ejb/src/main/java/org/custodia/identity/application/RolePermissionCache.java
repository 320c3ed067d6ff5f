package org.custodia.identity.application;

import java.time.Duration;
import java.util.Set;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;

import org.custodia.platform.persistence.AfterCommit;

/**
 * (tenant, role) → permissions, for bearer tokens whose role comes from a claim on every request.
 * A change to a tenant's roles fires {@link RolesChanged} after commit; every cache of callers on
 * this node drops that tenant's entries, and the change feed has the other nodes do the same.
 */
@ApplicationScoped
public class RolePermissionCache {

    /** Fired after a tenant's custom roles (or a user's role) changed and committed. */
    public record RolesChanged(UUID tenantId) {
    }

    static final Duration TTL = Duration.ofSeconds(30);

    private record Key(UUID tenantId, String role) {
    }

    private final Cache<Key, Set<String>> entries = Caffeine.newBuilder().expireAfterWrite(TTL).build();

    @Inject
    TenantRoles roles;

    @Inject
    AfterCommit afterCommit;

    @Inject
    Event<RolesChanged> changes;

    @Inject
    org.custodia.platform.persistence.ChangeFeed feed;

    public Set<String> permissionsOf(UUID tenantId, String role) {
        Key key = new Key(tenantId, role);
        Set<String> permissions = entries.getIfPresent(key);
        if (permissions == null) {
            permissions = roles.permissionsOf(tenantId, role);
            entries.put(key, permissions);
        }
        return permissions;
    }

    /** Tells every caller cache on this node, once the current transaction commits. */
    public void forgetAfterCommit(UUID tenantId) {
        afterCommit.run(() -> changes.fire(new RolesChanged(tenantId)));
        feed.publish("roles", tenantId.toString());
    }

    /** Another node changed a tenant's roles or a user's role: this node's caller caches drop that tenant. */
    void onClusterChange(@Observes org.custodia.platform.persistence.ChangeFeed.ClusterChange change) {
        if (change.everything()) {
            entries.invalidateAll();
        } else if ("roles".equals(change.kind())) {
            changes.fire(new RolesChanged(UUID.fromString(change.parts().get(0))));
        }
    }

    void onChange(@Observes RolesChanged change) {
        entries.asMap().keySet().removeIf(k -> k.tenantId().equals(change.tenantId()));
    }
}
