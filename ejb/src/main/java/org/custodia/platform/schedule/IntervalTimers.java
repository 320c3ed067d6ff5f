package org.custodia.platform.schedule;

import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.Optional;
import java.util.function.Function;

import jakarta.ejb.TimerConfig;
import jakarta.ejb.TimerService;

import org.jboss.logging.Logger;

/**
 * The one way a periodic job reads its interval and starts its timer: a setting read as system property
 * first, then environment variable, then default; either an ISO-8601 duration ("PT15M") or whole seconds,
 * at least one second, or "off". A bad value stops the deployment with the setting's name, never silently.
 */
public final class IntervalTimers {

    private static final Logger LOG = Logger.getLogger(IntervalTimers.class);
    private static final Duration SHORTEST = Duration.ofSeconds(1);

    private IntervalTimers() {
    }

    /** An interval setting: its system property, environment variable and default ("off" allowed). */
    public record Setting(String property, String environment, String defaultValue) {

        String read(Function<String, String> properties, Function<String, String> environment) {
            String value = properties.apply(property);
            if (value == null) {
                value = environment.apply(this.environment);
            }
            return value == null ? defaultValue : value;
        }
    }

    /** The interval the value names, or empty for "off". */
    public static Optional<Duration> parse(Setting setting, String value) {
        String v = value.trim();
        if (v.equalsIgnoreCase("off")) {
            return Optional.empty();
        }
        Duration interval;
        try {
            interval = v.matches("\\d{1,9}") ? Duration.ofSeconds(Long.parseLong(v)) : Duration.parse(v);
        } catch (DateTimeParseException e) {
            throw new IllegalStateException(setting.environment() + " must be an ISO-8601 duration, whole seconds or 'off': " + v, e);
        }
        if (interval.compareTo(SHORTEST) < 0) {
            throw new IllegalStateException(setting.environment() + " must be at least one second: " + v);
        }
        return Optional.of(interval);
    }

    /** Starts a non-persistent interval timer named {@code name} unless the setting says "off". */
    public static Optional<Duration> start(TimerService timers, String name, Setting setting) {
        Optional<Duration> interval = parse(setting, setting.read(System::getProperty, System::getenv));
        if (interval.isEmpty()) {
            LOG.infof("%s is off (%s)", name, setting.environment());
            return interval;
        }
        long millis = interval.get().toMillis();
        timers.createIntervalTimer(millis, millis, new TimerConfig(name, false));
        return interval;
    }
}
