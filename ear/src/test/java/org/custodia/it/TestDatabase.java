package org.custodia.it;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Map;

import org.custodia.platform.schema.DatabaseSetup;
import org.junit.platform.launcher.LauncherSession;
import org.junit.platform.launcher.LauncherSessionListener;

/**
 * Before any integration test: starts the tests' own PostgreSQL (wildfly-config/bin/local-postgres.sh,
 * its own port and directory), creates a fresh database and migrates it exactly as the run command does.
 * Stops PostgreSQL afterwards only if it started it.
 */
public class TestDatabase implements LauncherSessionListener {

    public static final String SUPERUSER_PASSWORD = "postgres";
    private boolean startedHere;

    @Override
    public void launcherSessionOpened(LauncherSession session) {
        if (System.getProperty("custodia.it.pg.port") == null) {
            return; // not the integration-test run
        }
        try {
            startedHere = !script("status").equals("running");
            if (startedHere) {
                String out = script("start");
                if (!out.contains("started") && !out.contains("already running")) {
                    throw new IllegalStateException("PostgreSQL did not start: " + out);
                }
            }
            try (Connection c = superuser("postgres"); Statement s = c.createStatement()) {
                s.execute("drop database if exists " + ItEnvironment.DATABASE + " with (force)");
            }
            new DatabaseSetup(Map.of(
                    "CUSTODIA_DB_ADMIN_URL", "jdbc:postgresql://127.0.0.1:" + ItEnvironment.pgPort() + "/postgres",
                    "CUSTODIA_DB_ADMIN_PASSWORD", SUPERUSER_PASSWORD,
                    "CUSTODIA_DB_URL", ItEnvironment.jdbcUrl())::get).run();
        } catch (IOException | InterruptedException | SQLException e) {
            throw new IllegalStateException("could not prepare the test database", e);
        }
    }

    @Override
    public void launcherSessionClosed(LauncherSession session) {
        if (startedHere) {
            try {
                script("stop");
            } catch (IOException | InterruptedException e) {
                throw new IllegalStateException(e);
            }
        }
    }

    public static Connection superuser(String database) throws SQLException {
        return superuser(ItEnvironment.pgPort(), database);
    }

    /** On the tests' PostgreSQL or another one local-postgres.sh runs (a test of its own, on its own port). */
    public static Connection superuser(int port, String database) throws SQLException {
        return DriverManager.getConnection("jdbc:postgresql://127.0.0.1:" + port + "/" + database, "postgres", SUPERUSER_PASSWORD);
    }

    /**
     * A second, customer-like database for connector tests: dropped and created afresh with a login role of its own
     * (the connector's reader); the caller creates its tables and grants the role what it may read.
     */
    public static void recreateSampleDatabase(String database, String readerRole, String readerPassword) throws SQLException {
        try (Connection c = superuser("postgres"); Statement s = c.createStatement()) {
            s.execute("drop database if exists " + database + " with (force)");
            s.execute("drop role if exists " + readerRole);
            s.execute("create database " + database);
            s.execute("create role " + readerRole + " login password '" + readerPassword + "'");
        }
    }

    /** The application's role: no ownership, no BYPASSRLS. */
    public static Connection app() throws SQLException {
        return DriverManager.getConnection(ItEnvironment.jdbcUrl(), DatabaseSetup.APP_ROLE, DatabaseSetup.APP_ROLE);
    }

    public static Connection owner() throws SQLException {
        return DriverManager.getConnection(ItEnvironment.jdbcUrl(), DatabaseSetup.OWNER_ROLE, DatabaseSetup.OWNER_ROLE);
    }

    private static String script(String command) throws IOException, InterruptedException {
        return script(command, ItEnvironment.pgPort(), ItEnvironment.pgHome());
    }

    /** local-postgres.sh {@code command} for the PostgreSQL on {@code port} kept in {@code home}; its output. */
    static String script(String command, int port, String home) throws IOException, InterruptedException {
        File script = new File(ItEnvironment.projectRoot(), "wildfly-config/bin/local-postgres.sh");
        ProcessBuilder pb = new ProcessBuilder("bash", script.getPath(), command).redirectErrorStream(true);
        pb.environment().put("CUSTODIA_PG_PORT", String.valueOf(port));
        pb.environment().put("CUSTODIA_PG_HOME", home);
        pb.environment().put("CUSTODIA_PG_PASSWORD", SUPERUSER_PASSWORD);
        pb.environment().put("CUSTODIA_PG_FSYNC", "off");
        Process p = pb.start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
        p.waitFor();
        return out;
    }
}
