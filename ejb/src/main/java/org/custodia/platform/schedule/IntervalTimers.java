package org.custodia.platform.schedule;

import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.Optional;

import jakarta.ejb.TimerConfig;
import jakarta.ejb.TimerService;

import org.jboss.logging.Logger;
import org.custodia.platform.config.Setting;

/**
 * The one way a periodic job reads its interval and starts its timer: a {@link Setting} holding either an
 * ISO-8601 duration ("PT15M") or whole seconds, at least one second, or "off". A bad value stops the deployment with the setting's name, never silently.
 */
public final class IntervalTimers {

    private static final Logger LOG = Logger.getLogger(IntervalTimers.class);
    private static final Duration SHORTEST = Duration.ofSeconds(1);

    private IntervalTimers() {
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
            throw new IllegalStateException(setting.environmentName() + " must be an ISO-8601 duration, whole seconds or 'off': " + v, e);
        }
        if (interval.compareTo(SHORTEST) < 0) {
            throw new IllegalStateException(setting.environmentName() + " must be at least one second: " + v);
        }
        return Optional.of(interval);
    }

    /** Starts a non-persistent interval timer named {@code name} unless the setting says "off". */
    public static Optional<Duration> start(TimerService timers, String name, Setting setting) {
        Optional<Duration> interval = parse(setting, setting.text());
        if (interval.isEmpty()) {
            LOG.infof("%s is off (%s)", name, setting.environmentName());
            return interval;
        }
        long millis = interval.get().toMillis();
        timers.createIntervalTimer(millis, millis, new TimerConfig(name, false));
        return interval;
    }
}
