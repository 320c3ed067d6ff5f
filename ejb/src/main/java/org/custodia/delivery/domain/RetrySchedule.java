package org.custodia.delivery.domain;

import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.function.DoubleSupplier;

/**
 * When a failed delivery is tried again: after each failed attempt the next delay of the schedule (by default 5 s,
 * 5 min, 30 min, 2 h, 5 h, 10 h, 10 h: eight attempts over about a day, as Standard Webhooks suggests), each varied
 * by up to a fifth either way so that receivers coming back are not hit by every sender at once. After the last
 * delay's attempt fails, the delivery has failed.
 */
public record RetrySchedule(List<Duration> delays) {

    public static final RetrySchedule DEFAULT = new RetrySchedule(List.of(Duration.ofSeconds(5), Duration.ofMinutes(5),
            Duration.ofMinutes(30), Duration.ofHours(2), Duration.ofHours(5), Duration.ofHours(10), Duration.ofHours(10)));
    static final double JITTER = 0.2;

    public RetrySchedule {
        delays = List.copyOf(delays);
        if (delays.isEmpty() || delays.stream().anyMatch(d -> d.isNegative() || d.isZero())) {
            throw new IllegalArgumentException("a retry schedule is one or more positive delays");
        }
    }

    /** From a setting's text: seconds separated by commas ("5,300,1800"). */
    public static RetrySchedule ofSeconds(String text) {
        try {
            return new RetrySchedule(java.util.Arrays.stream(text.split(",")).map(String::strip)
                    .map(s -> Duration.ofSeconds(Long.parseLong(s))).toList());
        } catch (RuntimeException e) {
            throw new IllegalArgumentException("a retry schedule is positive seconds separated by commas, such as 5,300,1800");
        }
    }

    /** How long to wait after the {@code failedAttempts}-th failed attempt, or empty: give up. */
    public Optional<Duration> delayAfter(int failedAttempts, DoubleSupplier random) {
        if (failedAttempts < 1 || failedAttempts > delays.size()) {
            return Optional.empty();
        }
        Duration base = delays.get(failedAttempts - 1);
        double factor = 1 + JITTER * (2 * random.getAsDouble() - 1);
        return Optional.of(Duration.ofMillis(Math.max(1, Math.round(base.toMillis() * factor))));
    }

    /** Attempts in all: the first and one after each delay. */
    public int attempts() {
        return delays.size() + 1;
    }
}
