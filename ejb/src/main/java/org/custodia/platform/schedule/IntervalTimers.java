package org.custodia.platform.schedule;

import java.time.Duration;
import java.util.Optional;

import jakarta.ejb.TimerConfig;
import jakarta.ejb.TimerService;

import org.custodia.platform.config.Setting;
import org.jboss.logging.Logger;

/**
 * The one way a periodic job reads its interval and starts its timer: a {@link Setting} holding either an
 * ISO-8601 duration ("PT15M") or whole seconds, at least one second, or "off". A bad value stops the deployment with the setting's name, never silently.
 */
public final class IntervalTimers {

    private static final Logger LOG = Logger.getLogger(IntervalTimers.class);

    private IntervalTimers() {
    }

    /** Starts a non-persistent interval timer named {@code name} unless the setting says "off". */
    public static Optional<Duration> start(TimerService timers, String name, Setting setting) {
        Optional<Duration> interval = setting.interval();
        if (interval.isEmpty()) {
            LOG.infof("%s is off (%s)", name, setting.environmentName());
            return interval;
        }
        long millis = interval.get().toMillis();
        timers.createIntervalTimer(millis, millis, new TimerConfig(name, false));
        return interval;
    }
}
