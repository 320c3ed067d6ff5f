package org.custodia.platform.context;

import java.util.Objects;
import java.util.UUID;

/**
 * Who acts, for which tenant, in which request. Recorded with every audit event.
 *
 * @param tenantId  the tenant every read and write of this unit of work is bound to
 * @param principal a stable, non-personal id of the caller ({@code api_key:<prefix>}, {@code system:timer})
 * @param requestId the request id of the HTTP call (or job id), for log correlation; may be null
 */
public record Actor(UUID tenantId, String principal, String requestId) {
    public Actor {
        Objects.requireNonNull(tenantId, "tenantId");
        Objects.requireNonNull(principal, "principal");
    }

    public static Actor system(UUID tenantId, String what, String correlationId) {
        return new Actor(tenantId, "system:" + what, correlationId);
    }
}
