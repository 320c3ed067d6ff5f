package org.custodia.platform.startup;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.Function;

/**
 * Outside development ({@code CUSTODIA_ENV} other than {@code development}; unset means development, so
 * run.sh and the tests work as they are), the built-in development secrets are refused: the server and
 * the migration tool will not start while one of them is in use. The decision is here; the callers say
 * where it applies ({@link ProductionSettingsCheck}, {@code DatabaseSetup}).
 */
public final class DevelopmentDefaults {

    public static final String ENV = "CUSTODIA_ENV";
    public static final String DEVELOPMENT = "development";
    /** The key store password used when none is set (LocalKeystoreKeyProvider). */
    public static final String KEYSTORE_PASSWORD = "custodia-development-only";
    /** What the datasource (wildfly-config custodia.cli) and DatabaseSetup fall back to. */
    static final String APP_PASSWORD = "custodia_app";
    static final String OWNER_PASSWORD = "custodia_owner";
    static final String ADMIN_PASSWORD = "postgres";
    /** An admin token shorter than this is no secret (run.sh generates 32 characters). */
    static final int MIN_ADMIN_TOKEN = 24;

    private DevelopmentDefaults() {
    }

    /** A setting by its environment name: the system property (lower case, dots) first, then the environment. */
    public static String fromSystem(String envName) {
        String value = System.getProperty(envName.toLowerCase(Locale.ROOT).replace('_', '.'));
        return value != null ? value : System.getenv(envName);
    }

    public static boolean development(Function<String, String> settings) {
        String env = settings.apply(ENV);
        return env == null || env.isBlank() || DEVELOPMENT.equalsIgnoreCase(env.trim());
    }

    /** The settings of the running server that still hold a development default (names, never values). */
    public static List<String> inServer(Function<String, String> settings) {
        List<String> found = new ArrayList<>();
        if (isDefault(settings.apply("CUSTODIA_KEYSTORE_PASSWORD"), KEYSTORE_PASSWORD)) {
            found.add("CUSTODIA_KEYSTORE_PASSWORD");
        }
        if (isDefault(settings.apply("CUSTODIA_DB_PASSWORD"), APP_PASSWORD)) {
            found.add("CUSTODIA_DB_PASSWORD");
        }
        String adminToken = settings.apply("CUSTODIA_ADMIN_TOKEN");
        if (adminToken != null && !adminToken.isBlank() && adminToken.length() < MIN_ADMIN_TOKEN) {
            found.add("CUSTODIA_ADMIN_TOKEN"); // unset is fine: tenant bootstrap over HTTP is then off
        }
        return found;
    }

    /** The settings of a migration run that still hold a development default. */
    public static List<String> inMigration(Function<String, String> settings) {
        List<String> found = new ArrayList<>();
        if (isDefault(settings.apply("CUSTODIA_DB_OWNER_PASSWORD"), OWNER_PASSWORD)) {
            found.add("CUSTODIA_DB_OWNER_PASSWORD");
        }
        String adminUrl = settings.apply("CUSTODIA_DB_ADMIN_URL");
        if (adminUrl != null && !adminUrl.isBlank()) { // it creates the roles and sets their passwords
            if (isDefault(settings.apply("CUSTODIA_DB_PASSWORD"), APP_PASSWORD)) {
                found.add("CUSTODIA_DB_PASSWORD");
            }
            if (isDefault(settings.apply("CUSTODIA_DB_ADMIN_PASSWORD"), ADMIN_PASSWORD)) {
                found.add("CUSTODIA_DB_ADMIN_PASSWORD");
            }
        }
        return found;
    }

    /** Throws (naming the settings) when outside development some of {@code found} hold defaults. */
    public static void refuseOutsideDevelopment(Function<String, String> settings, List<String> found) {
        if (!development(settings) && !found.isEmpty()) {
            throw new IllegalStateException(ENV + "=" + settings.apply(ENV).trim() + " refuses development defaults: set "
                    + String.join(", ", found) + " to secrets of your own (or CUSTODIA_ENV=development on a developer machine)");
        }
    }

    private static boolean isDefault(String value, String builtIn) {
        return value == null || value.isBlank() || value.equals(builtIn);
    }
}
