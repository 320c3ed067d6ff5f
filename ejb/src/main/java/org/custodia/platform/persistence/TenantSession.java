package org.custodia.platform.persistence;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.UUID;

import jakarta.annotation.Resource;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.persistence.TransactionRequiredException;
import javax.sql.DataSource;

/**
 * Binds the current JTA transaction to one tenant, so PostgreSQL's row-level security shows and
 * accepts that tenant's rows only. The setting is transaction-local ({@code set_config(..., true)}):
 * when the transaction ends the pooled connection forgets it.
 */
@ApplicationScoped
public class TenantSession {

    public static final String DATASOURCE = "java:jboss/datasources/CustodiaDS";
    private static final String BIND = "select set_config('app.current_tenant_id', ?, true)";

    @PersistenceContext(unitName = "custodia")
    EntityManager em;

    @Resource(lookup = DATASOURCE)
    DataSource dataSource;

    /** Binds the transaction's connection. Call first in every transactional unit of tenant work. */
    public void bind(UUID tenantId) {
        if (!em.isJoinedToTransaction()) {
            throw new TransactionRequiredException("tenant binding needs an active transaction");
        }
        em.createNativeQuery("select set_config('app.current_tenant_id', ?1, true)")
                .setParameter(1, tenantId.toString())
                .getSingleResult();
    }

    /**
     * A JDBC connection of the current transaction, bound to the tenant (for streaming reads and
     * hot paths where JPA adds nothing). WildFly hands out the transaction's own physical connection.
     */
    public Connection connection(UUID tenantId) throws SQLException {
        Connection c = dataSource.getConnection();
        try (PreparedStatement ps = c.prepareStatement(BIND)) {
            ps.setString(1, tenantId.toString());
            ps.execute();
        }
        return c;
    }
}
