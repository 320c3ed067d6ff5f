package org.custodia.connector.domain;

/** How a connector reaches the customer's data. */
public enum ConnectorKind {
    /** A PostgreSQL database, searched with the tenant's read-only queries per data category. */
    JDBC,
    /** A customer endpoint, called with a signed JSON request; it answers the data it holds per category. */
    HTTP
}
