package org.custodia.operations.infrastructure;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.HashMap;
import java.util.Map;

import javax.sql.DataSource;

import jakarta.annotation.Resource;
import jakarta.enterprise.context.ApplicationScoped;

import org.custodia.platform.persistence.TenantSession;

/**
 * What health checks and metrics ask the database, outside any transaction and before any tenant is bound: whether
 * it answers, and the installation's counts ({@code app.operations_gauges()}, SECURITY DEFINER, counts and ages only).
 */
@ApplicationScoped
public class OperationsGaugeRepository {

    /** Seconds a statement may take before the driver cancels it. */
    static final int STATEMENT_SECONDS = 2;

    @Resource(lookup = TenantSession.DATASOURCE)
    DataSource dataSource;

    /** One round trip; throws when the database does not answer. */
    public void ping() throws SQLException {
        try (Connection c = dataSource.getConnection(); Statement s = c.createStatement()) {
            s.setQueryTimeout(STATEMENT_SECONDS);
            s.execute("select 1");
        }
    }

    /** Series name → label → value ("" when the series has no label). */
    public Map<String, Map<String, Double>> gauges() throws SQLException {
        Map<String, Map<String, Double>> values = new HashMap<>();
        try (Connection c = dataSource.getConnection(); Statement s = c.createStatement()) {
            s.setQueryTimeout(STATEMENT_SECONDS);
            try (ResultSet rs = s.executeQuery("select series, label, value from app.operations_gauges()")) {
                while (rs.next()) {
                    values.computeIfAbsent(rs.getString(1), k -> new HashMap<>()).put(rs.getString(2), rs.getDouble(3));
                }
            }
        }
        return values;
    }
}
