package org.custodia.connector.application;

import java.util.List;

import org.custodia.connector.domain.CategoryQuery;

/**
 * A connector as a caller writes it. JDBC: {@code jdbcUrl}, {@code user}, {@code password} (on update, null keeps
 * the stored one) and {@code queries}; HTTP: {@code endpointUrl} (its signing secret is made by the server).
 * {@code enabled} defaults to true.
 */
public record ConnectorDefinition(String name, String kind, Boolean enabled, String jdbcUrl, String user, String password,
                                  String endpointUrl, List<CategoryQuery> queries) {
}
