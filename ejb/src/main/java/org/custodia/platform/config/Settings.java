package org.custodia.platform.config;

import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

/**
 * Reads {@link Setting}s from one source: the running installation's (system property, then environment
 * variable) or, in tests and tools, any lookup by environment name. A value that does not parse stops the
 * caller with the setting's name, never silently falling back.
 */
public final class Settings {

    private static final Settings SYSTEM = new Settings(Settings::fromSystem);

    private final Function<String, String> byEnvironmentName;

    private Settings(Function<String, String> byEnvironmentName) {
        this.byEnvironmentName = byEnvironmentName;
    }

    public static Settings system() {
        return SYSTEM;
    }

    /** Settings from a lookup by environment name ({@code CUSTODIA_DB_URL}), for tests and tools. */
    public static Settings from(Function<String, String> byEnvironmentName) {
        return new Settings(byEnvironmentName);
    }

    public static Settings of(Map<String, String> byEnvironmentName) {
        return new Settings(byEnvironmentName::get);
    }

    private static String fromSystem(String environmentName) {
        String value = System.getProperty(environmentName.toLowerCase(Locale.ROOT).replace('_', '.'));
        return value != null ? value : System.getenv(environmentName);
    }

    /** What is set, without the default; blank counts as unset. */
    public Optional<String> configured(Setting setting) {
        String value = byEnvironmentName.apply(setting.environmentName());
        return value == null || value.isBlank() ? Optional.empty() : Optional.of(value.strip());
    }

    /** What is set, else the default; empty when neither. */
    public Optional<String> value(Setting setting) {
        return configured(setting).or(() -> Optional.ofNullable(setting.defaultValue()));
    }

    /** What is set, else the default; null when neither. */
    public String text(Setting setting) {
        return value(setting).orElse(null);
    }

    public int integer(Setting setting) {
        return (int) bounded(setting, Integer.MIN_VALUE, Integer.MAX_VALUE);
    }

    public long longValue(Setting setting) {
        return bounded(setting, Long.MIN_VALUE, Long.MAX_VALUE);
    }

    public boolean flag(Setting setting) {
        String v = text(setting);
        if (v == null || v.equalsIgnoreCase("false")) {
            return false;
        }
        if (v.equalsIgnoreCase("true")) {
            return true;
        }
        throw new IllegalStateException(setting.environmentName() + " must be true or false: " + v);
    }

    private long bounded(Setting setting, long min, long max) {
        String v = text(setting);
        try {
            long value = Long.parseLong(v);
            if (value < min || value > max) {
                throw new NumberFormatException();
            }
            return value;
        } catch (NumberFormatException e) {
            throw new IllegalStateException(setting.environmentName() + " must be a whole number: " + v, e);
        }
    }
}
