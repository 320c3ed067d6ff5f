package org.custodia.connector.domain;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * A system discovery searches for a tenant. The password (JDBC) or signing secret (HTTP) is not part of it: it
 * stays sealed in the repository and is opened only to connect; {@code secretSet} says whether there is one.
 */
public record Connector(UUID id, UUID tenantId, String name, ConnectorKind kind, boolean enabled, String jdbcUrl,
                        String jdbcUser, String endpointUrl, List<CategoryQuery> queries, boolean secretSet,
                        Instant createdAt, Instant updatedAt) {

    public Connector {
        queries = queries == null ? List.of() : List.copyOf(queries);
    }
}
