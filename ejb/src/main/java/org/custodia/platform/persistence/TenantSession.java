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
import jakarta.transaction.TransactionSynchronizationRegistry;
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
    /** The tenant this transaction's connection is bound to, kept with the transaction. */
    private static final Object BOUND = TenantSession.class.getName() + ".bound";

    @PersistenceContext(unitName = "custodia")
    EntityManager em;

    @Resource(lookup = DATASOURCE)
    DataSource dataSource;

    @Resource
    TransactionSynchronizationRegistry transactions;

    /**
     * Binds the transaction's connection. Only {@link TenantBindingInterceptor} calls this (and tests):
     * services say which tenant they work for with {@link TenantScoped}. A transaction already bound to
     * the same tenant is not bound again (nested service calls cost no round trip); one bound to another
     * tenant is refused, since the caller would go on working as the wrong tenant after the call returns.
     */
    public void bind(UUID tenantId) {
        if (!em.isJoinedToTransaction()) {
            throw new TransactionRequiredException("tenant binding needs an active transaction");
        }
        if (alreadyBound(transactions.getResource(BOUND), tenantId)) {
            return;
        }
        em.createNativeQuery("select set_config('app.current_tenant_id', ?1, true)")
                .setParameter(1, tenantId.toString())
                .getSingleResult();
        transactions.putResource(BOUND, tenantId);
    }

    /**
     * A JDBC connection of the current transaction, bound to the tenant (for streaming reads and
     * hot paths where JPA adds nothing). WildFly hands out the transaction's own physical connection.
     */
    public Connection connection(UUID tenantId) throws SQLException {
        boolean inTransaction = transactions.getTransactionStatus() != jakarta.transaction.Status.STATUS_NO_TRANSACTION;
        if (inTransaction) {
            alreadyBound(transactions.getResource(BOUND), tenantId); // refuses a switch; the bind below is cheap
        }
        Connection c = dataSource.getConnection();
        try (PreparedStatement ps = c.prepareStatement(BIND)) {
            ps.setString(1, tenantId.toString());
            ps.execute();
        }
        if (inTransaction) {
            transactions.putResource(BOUND, tenantId);
        }
        return c;
    }

    /**
     * Whether a transaction bound to {@code bound} (null: none yet) is already bound to {@code requested}.
     * A transaction belongs to one tenant: asking for another throws.
     */
    static boolean alreadyBound(Object bound, UUID requested) {
        if (bound == null) {
            return false;
        }
        if (!bound.equals(requested)) {
            throw new TenantSwitchException("this transaction works for tenant " + bound + " and cannot switch to " + requested);
        }
        return true;
    }
}
