package org.custodia.consent.infrastructure;

import java.sql.Connection;

import jakarta.persistence.EntityManager;

/**
 * The JDBC connection of the current transaction, the one EclipseLink writes on and the calling service's
 * {@code @TenantScoped} already bound to its tenant: array-bound bulk statements run on it without binding
 * again. Owned by the persistence context: never closed here.
 */
final class TransactionConnection {

    private TransactionConnection() {
    }

    static Connection of(EntityManager em) {
        Connection c = em.unwrap(Connection.class);
        if (c == null) {
            throw new IllegalStateException("JDBC writes of the consent ledger need the service's transaction");
        }
        return c;
    }
}
