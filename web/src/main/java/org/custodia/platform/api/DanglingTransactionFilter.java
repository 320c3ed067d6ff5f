package org.custodia.platform.api;

import java.io.IOException;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpFilter;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.transaction.Status;
import jakarta.transaction.TransactionManager;

import org.jboss.logging.Logger;

/**
 * Around everything but the request id: a transaction a filter opened must never outlive its request on
 * this pooled thread, so one still open when the request ends is rolled back.
 */
public class DanglingTransactionFilter extends HttpFilter {

    private static final Logger LOG = Logger.getLogger("org.custodia.http");

    private static volatile TransactionManager transactionManager;

    @Override
    protected void doFilter(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws IOException, ServletException {
        try {
            chain.doFilter(request, response);
        } finally {
            rollbackDanglingTransaction();
        }
    }

    private static void rollbackDanglingTransaction() {
        try {
            TransactionManager tm = transactionManager;
            if (tm == null) {
                tm = javax.naming.InitialContext.doLookup("java:jboss/TransactionManager");
                transactionManager = tm;
            }
            if (tm.getStatus() != Status.STATUS_NO_TRANSACTION) {
                LOG.warn("rolling back a transaction left open by a request");
                tm.rollback();
            }
        } catch (Exception e) {
            LOG.warn("could not check for a dangling transaction", e);
        }
    }
}
