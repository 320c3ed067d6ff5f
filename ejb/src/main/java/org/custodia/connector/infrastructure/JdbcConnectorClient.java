package org.custodia.connector.infrastructure;

import java.net.Inet6Address;
import java.net.InetAddress;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Types;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;

import jakarta.enterprise.context.ApplicationScoped;

import org.custodia.connector.domain.CategoryQuery;
import org.custodia.connector.domain.Connector;
import org.custodia.connector.domain.ConnectorFailure;
import org.custodia.connector.domain.DiscoveryCall;
import org.custodia.connector.domain.FoundData;
import org.custodia.connector.domain.PostgresJdbcUrl;
import org.custodia.connector.domain.SubjectIdentifiers;
import org.custodia.connector.domain.SubjectQuery;
import org.custodia.platform.outbound.OutboundUrlGuard;
import org.custodia.platform.outbound.RefusedUrl;

/**
 * Searches a customer's PostgreSQL database with the connector's queries. The host passes the outbound guard's
 * address rules and the driver connects to the address that was checked (no second lookup). The connection is
 * the driver's own, outside the server's pools and transactions: read-only (session default and connection),
 * a statement timeout, rows fetched in batches, at most {@link #MAX_ROWS} rows per category and
 * {@link #MAX_BYTES} in all; the driver's own result buffer is capped too, so one huge value cannot fill memory.
 * Identifiers are bound as parameters, untyped so the database compares them with uuid or integer columns.
 */
@ApplicationScoped
public class JdbcConnectorClient {

    static final int STATEMENT_TIMEOUT_SECONDS = 30;
    static final int MAX_ROWS = 10_000;
    static final long MAX_BYTES = 4L * 1024 * 1024;

    public FoundData search(Connector connector, String password, DiscoveryCall call) {
        PostgresJdbcUrl url = PostgresJdbcUrl.parse(connector.jdbcUrl());
        List<String> hidden = java.util.Arrays.asList(password, call.identifiers().subjectId(), call.identifiers().email());
        InetAddress address;
        try {
            address = OutboundUrlGuard.fromSettings().checkAddress(url.host(), url.port());
        } catch (RefusedUrl e) {
            throw new ConnectorFailure("the database host is not allowed: " + ConnectorFailure.scrub(e.getMessage(), hidden));
        }
        String host = address instanceof Inet6Address ? "[" + address.getHostAddress() + "]" : address.getHostAddress();
        Properties p = new Properties();
        p.setProperty("user", connector.jdbcUser());
        p.setProperty("password", password == null ? "" : password);
        p.setProperty("sslmode", url.sslMode());
        p.setProperty("connectTimeout", "10");
        p.setProperty("loginTimeout", "10");
        p.setProperty("socketTimeout", String.valueOf(STATEMENT_TIMEOUT_SECONDS + 10));
        p.setProperty("readOnly", "true");
        p.setProperty("readOnlyMode", "always");
        p.setProperty("options", "-c default_transaction_read_only=on -c statement_timeout=" + STATEMENT_TIMEOUT_SECONDS * 1000);
        p.setProperty("maxResultBuffer", String.valueOf(MAX_BYTES * 2));
        p.setProperty("stringtype", "unspecified");
        p.setProperty("ApplicationName", "custodia-discovery");
        FoundData found = new FoundData(MAX_ROWS, MAX_BYTES);
        String target = "jdbc:postgresql://" + host + ":" + url.port() + "/" + url.database();
        try (Connection c = new org.postgresql.Driver().connect(target, p)) {
            c.setAutoCommit(false); // the driver streams in batches only inside a transaction
            c.setReadOnly(true);
            try {
                for (CategoryQuery q : connector.queries()) {
                    run(c, q, call.identifiers(), found);
                }
            } finally {
                c.rollback();
            }
        } catch (SQLException e) {
            String state = e.getSQLState() == null ? "" : " (SQL state " + e.getSQLState() + ")";
            throw new ConnectorFailure(ConnectorFailure.scrub(e.getMessage(), hidden) + state);
        } catch (FoundData.TooLarge e) {
            throw new ConnectorFailure(e.getMessage());
        }
        return found;
    }

    private static void run(Connection c, CategoryQuery q, SubjectIdentifiers ids, FoundData found) throws SQLException {
        SubjectQuery query = q.subjectQuery();
        found.category(q.category());
        try (PreparedStatement s = c.prepareStatement(query.jdbcSql())) {
            s.setQueryTimeout(STATEMENT_TIMEOUT_SECONDS);
            s.setMaxRows(MAX_ROWS + 1);
            s.setFetchSize(200);
            for (int i = 0; i < query.parameters().size(); i++) {
                String value = ids.value(query.parameters().get(i));
                if (value == null) {
                    s.setNull(i + 1, Types.VARCHAR);
                } else {
                    s.setString(i + 1, value);
                }
            }
            try (ResultSet rs = s.executeQuery()) {
                ResultSetMetaData meta = rs.getMetaData();
                while (rs.next()) {
                    Map<String, Object> row = new LinkedHashMap<>();
                    for (int col = 1; col <= meta.getColumnCount(); col++) {
                        row.put(meta.getColumnLabel(col), value(rs.getObject(col)));
                    }
                    found.add(q.category(), row);
                }
            }
        }
    }

    /** JSON-friendly: numbers and booleans as they are, everything else (dates, uuids, arrays) as its text. */
    private static Object value(Object v) {
        if (v == null || v instanceof Number || v instanceof Boolean || v instanceof String) {
            return v;
        }
        return v.toString();
    }
}
