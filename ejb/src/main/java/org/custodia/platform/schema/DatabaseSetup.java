package org.custodia.platform.schema;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Map;
import java.util.function.Function;

import org.custodia.platform.config.Setting;
import org.custodia.platform.config.Settings;
import org.flywaydb.core.Flyway;

/**
 * Prepares a PostgreSQL database for Custodia, outside the application server.
 *
 * <ol>
 *   <li>Optionally, with a superuser URL ({@code CUSTODIA_DB_ADMIN_URL}): creates the roles
 *       {@code custodia_owner} (owns the schemas, runs migrations) and {@code custodia_app} (the
 *       server's datasource user: no ownership, no BYPASSRLS) and the database. Used when Custodia
 *       starts its own local PostgreSQL.</li>
 *   <li>Runs the Flyway migrations as {@code custodia_owner}.</li>
 * </ol>
 * Every setting reads a system property, then the environment variable, then a local default.
 */
public final class DatabaseSetup {

    public static final String OWNER_ROLE = "custodia_owner";
    public static final String APP_ROLE = "custodia_app";

    private final Settings settings;

    public DatabaseSetup(Settings settings) {
        this.settings = settings;
    }

    /** Settings from a lookup by environment name (tests). */
    public DatabaseSetup(Function<String, String> byEnvironmentName) {
        this(Settings.from(byEnvironmentName));
    }

    public static void main(String[] args) throws SQLException {
        new DatabaseSetup(Settings.system()).run();
    }

    public void run() throws SQLException {
        org.custodia.platform.startup.DevelopmentDefaults.refuseOutsideDevelopment(settings,
                org.custodia.platform.startup.DevelopmentDefaults.inMigration(settings));
        String adminUrl = setting(Setting.DB_ADMIN_URL);
        if (adminUrl != null) {
            createRolesAndDatabase(adminUrl);
        }
        migrate();
    }

    private String setting(Setting setting) {
        return settings.text(setting);
    }

    private String appUrl() {
        return setting(Setting.DB_URL);
    }

    private void createRolesAndDatabase(String adminUrl) throws SQLException {
        String adminUser = setting(Setting.DB_ADMIN_USER);
        String adminPassword = setting(Setting.DB_ADMIN_PASSWORD);
        String database = databaseName(appUrl());
        Map<String, String> passwords = Map.of(
                OWNER_ROLE, setting(Setting.DB_OWNER_PASSWORD),
                APP_ROLE, setting(Setting.DB_PASSWORD));
        try (Connection c = DriverManager.getConnection(adminUrl, adminUser, adminPassword)) {
            for (var role : passwords.entrySet()) {
                if (!exists(c, "select 1 from pg_roles where rolname = ?", role.getKey())) {
                    try (Statement s = c.createStatement()) {
                        s.execute("create role " + role.getKey() + " login nosuperuser nobypassrls nocreaterole");
                    }
                }
                try (Statement s = c.createStatement()) {
                    // a role name and password cannot be bind parameters in DDL; quote as a literal
                    s.execute("alter role " + role.getKey() + " password " + literal(role.getValue()));
                }
            }
            if (!exists(c, "select 1 from pg_database where datname = ?", database)) {
                try (Statement s = c.createStatement()) {
                    s.execute("create database " + identifier(database) + " owner " + OWNER_ROLE + " encoding 'UTF8'");
                    s.execute("revoke all on database " + identifier(database) + " from public");
                    s.execute("grant connect on database " + identifier(database) + " to " + APP_ROLE);
                }
            }
        }
    }

    private void migrate() {
        Flyway.configure()
                .dataSource(appUrl(), OWNER_ROLE, setting(Setting.DB_OWNER_PASSWORD))
                .schemas("app", "engine")
                .defaultSchema("app")
                .locations("classpath:db/migration")
                .javaMigrations(new V2__CamundaEngineSchema())
                .load()
                .migrate();
    }

    static String databaseName(String jdbcUrl) {
        String path = jdbcUrl.replaceFirst("^jdbc:postgresql://[^/]*/", "");
        int query = path.indexOf('?');
        return query >= 0 ? path.substring(0, query) : path;
    }

    private static boolean exists(Connection c, String sql, String value) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setString(1, value);
            try (var rs = ps.executeQuery()) {
                return rs.next();
            }
        }
    }

    private static String literal(String value) {
        return "'" + value.replace("'", "''") + "'";
    }

    private static String identifier(String name) {
        if (!name.matches("[a-z_][a-z0-9_]{0,62}")) {
            throw new IllegalArgumentException("unsupported database name: " + name);
        }
        return name;
    }
}
