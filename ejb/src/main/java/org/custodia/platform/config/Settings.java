package org.custodia.platform.config;

import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
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
    private static final Duration SHORTEST_INTERVAL = Duration.ofSeconds(1);

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

    /** What is set, as given, without the default; blank counts as unset. */
    public Optional<String> configured(Setting setting) {
        String value = byEnvironmentName.apply(setting.environmentName());
        return value == null || value.isBlank() ? Optional.empty() : Optional.of(value);
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
        String v = trimmed(setting);
        if (v == null || v.equalsIgnoreCase("false")) {
            return false;
        }
        if (v.equalsIgnoreCase("true")) {
            return true;
        }
        throw new IllegalStateException(setting.environmentName() + " must be true or false: " + v);
    }

    /** An interval setting's interval ({@link Setting.Kind#INTERVAL}), or empty for "off". */
    public Optional<Duration> interval(Setting setting) {
        String v = trimmed(setting);
        if (v == null || v.equalsIgnoreCase("off")) {
            return Optional.empty();
        }
        Duration interval;
        try {
            interval = v.matches("\\d{1,9}") ? Duration.ofSeconds(Long.parseLong(v)) : Duration.parse(v);
        } catch (DateTimeParseException e) {
            throw new IllegalStateException(setting.environmentName() + " must be an ISO-8601 duration, whole seconds or 'off': " + v, e);
        }
        if (interval.compareTo(SHORTEST_INTERVAL) < 0) {
            throw new IllegalStateException(setting.environmentName() + " must be at least one second: " + v);
        }
        return Optional.of(interval);
    }

    /**
     * What is wrong with the settings the server reads (numbers, flags and intervals that do not parse), so the
     * server can refuse to start instead of failing at the first request that reads one. Names, never values.
     */
    public List<String> problems() {
        List<String> problems = new ArrayList<>();
        for (Setting s : Setting.values()) {
            if (s.readBy() != Setting.ReadBy.SERVER && s.readBy() != Setting.ReadBy.SERVER_AND_MIGRATION) {
                continue;
            }
            try {
                switch (s.kind()) {
                    case NUMBER -> longValue(s);
                    case FLAG -> flag(s);
                    case INTERVAL -> interval(s);
                    case TEXT -> { }
                }
            } catch (IllegalStateException e) {
                problems.add(s.environmentName() + " (" + s.kind().name().toLowerCase(Locale.ROOT) + ")");
            }
        }
        return problems;
    }

    private String trimmed(Setting setting) {
        String v = text(setting);
        return v == null ? null : v.strip();
    }

    private long bounded(Setting setting, long min, long max) {
        String v = trimmed(setting);
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
