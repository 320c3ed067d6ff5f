package org.custodia.platform.startup;

import java.util.ArrayList;
import java.util.List;

import org.custodia.platform.config.Setting;
import org.custodia.platform.config.Settings;

/**
 * Outside development ({@code CUSTODIA_ENV} other than {@code development}; unset means development, so
 * run.sh and the tests work as they are), the built-in development secrets are refused: the server and
 * the migration tool will not start while one of them is in use. The decision is here; the callers say
 * where it applies ({@link ProductionSettingsCheck}, {@code DatabaseSetup}).
 */
public final class DevelopmentDefaults {

    public static final String DEVELOPMENT = Setting.ENV.defaultValue();
    /** The key store password used when none is set (LocalKeystoreKeyProvider). */
    public static final String KEYSTORE_PASSWORD = "custodia-development-only";
    /** What the datasource (wildfly-config custodia.cli) and DatabaseSetup fall back to. */
    static final String APP_PASSWORD = Setting.DB_PASSWORD.defaultValue();
    static final String OWNER_PASSWORD = Setting.DB_OWNER_PASSWORD.defaultValue();
    static final String ADMIN_PASSWORD = Setting.DB_ADMIN_PASSWORD.defaultValue();
    /** An admin token shorter than this is no secret (run.sh generates 32 characters). */
    static final int MIN_ADMIN_TOKEN = 24;

    private DevelopmentDefaults() {
    }

    public static boolean development(Settings settings) {
        return DEVELOPMENT.equalsIgnoreCase(settings.text(Setting.ENV));
    }

    /** The settings of the running server that still hold a development default (names, never values). */
    public static List<String> inServer(Settings settings) {
        List<String> found = new ArrayList<>();
        if (isDefault(settings.configured(Setting.KEYSTORE_PASSWORD).orElse(null), KEYSTORE_PASSWORD)) {
            found.add(Setting.KEYSTORE_PASSWORD.environmentName());
        }
        if (isDefault(settings.configured(Setting.DB_PASSWORD).orElse(null), APP_PASSWORD)) {
            found.add(Setting.DB_PASSWORD.environmentName());
        }
        String adminToken = settings.configured(Setting.ADMIN_TOKEN).orElse(null);
        if (adminToken != null && !adminToken.isBlank() && adminToken.length() < MIN_ADMIN_TOKEN) {
            found.add(Setting.ADMIN_TOKEN.environmentName()); // unset is fine: tenant bootstrap over HTTP is then off
        }
        return found;
    }

    /** The settings of a migration run that still hold a development default. */
    public static List<String> inMigration(Settings settings) {
        List<String> found = new ArrayList<>();
        if (isDefault(settings.configured(Setting.DB_OWNER_PASSWORD).orElse(null), OWNER_PASSWORD)) {
            found.add(Setting.DB_OWNER_PASSWORD.environmentName());
        }
        String adminUrl = settings.configured(Setting.DB_ADMIN_URL).orElse(null);
        if (adminUrl != null && !adminUrl.isBlank()) { // it creates the roles and sets their passwords
            if (isDefault(settings.configured(Setting.DB_PASSWORD).orElse(null), APP_PASSWORD)) {
                found.add(Setting.DB_PASSWORD.environmentName());
            }
            if (isDefault(settings.configured(Setting.DB_ADMIN_PASSWORD).orElse(null), ADMIN_PASSWORD)) {
                found.add(Setting.DB_ADMIN_PASSWORD.environmentName());
            }
        }
        return found;
    }

    /** Throws (naming the settings) when outside development some of {@code found} hold defaults. */
    public static void refuseOutsideDevelopment(Settings settings, List<String> found) {
        if (!development(settings) && !found.isEmpty()) {
            throw new IllegalStateException(Setting.ENV.environmentName() + "=" + settings.text(Setting.ENV) + " refuses development defaults: set "
                    + String.join(", ", found) + " to secrets of your own (or CUSTODIA_ENV=development on a developer machine)");
        }
    }

    private static boolean isDefault(String value, String builtIn) {
        return value == null || value.isBlank() || value.equals(builtIn);
    }
}
