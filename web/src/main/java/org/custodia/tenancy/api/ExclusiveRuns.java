package org.custodia.tenancy.api;

import java.time.Duration;
import java.util.UUID;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;

/**
 * At most one run at a time per (tenant, operation) on this node. A run is released when its response
 * has been written; a run that never releases (a lost connection in the middle of nothing) expires.
 */
final class ExclusiveRuns {

    static final long RETRY_AFTER_SECONDS = 5;

    private final Cache<String, Object> running;

    ExclusiveRuns(Duration longest) {
        running = Caffeine.newBuilder().expireAfterWrite(longest).maximumSize(100_000).build();
    }

    /** A token to release, or null when this tenant already runs this operation. */
    Object tryStart(UUID tenantId, String operation) {
        Object token = new Object();
        return running.asMap().putIfAbsent(tenantId + ":" + operation, token) == null ? new Run(tenantId + ":" + operation, token) : null;
    }

    void finish(Object run) {
        if (run instanceof Run r) {
            running.asMap().remove(r.key(), r.token());
        }
    }

    private record Run(String key, Object token) {
    }
}
