package org.custodia.dsar.domain;

import java.time.Duration;
import java.time.Period;
import java.util.Optional;

/**
 * The one reading of a tenant's ISO-8601 duration setting ({@code P7D}, {@code PT12H}, {@code PT2M}, {@code P2W}):
 * a fixed length of time, so months and years (no fixed length) are refused, as is anything not ISO-8601 or out of
 * {@link Duration}'s range. The callers check their own bounds and word their own messages.
 */
public final class IsoDuration {

    /** Longer text is no duration anyone means; refused before parsing. */
    static final int MAX_LENGTH = 64;

    private IsoDuration() {
    }

    /** The duration {@code text} names, or empty when it names none (null, blank, malformed, months, too large). */
    public static Optional<Duration> parse(String text) {
        if (text == null || text.isBlank() || text.length() > MAX_LENGTH) {
            return Optional.empty();
        }
        String t = text.strip();
        try {
            return Optional.of(Duration.parse(t));
        } catch (RuntimeException notADuration) {
            // a week count (P2W) is a period only
        }
        try {
            Period p = Period.parse(t);
            if (p.getYears() != 0 || p.getMonths() != 0) {
                return Optional.empty();
            }
            return Optional.of(Duration.ofDays(p.getDays()));
        } catch (RuntimeException neither) {
            return Optional.empty();
        }
    }

    /** "P7D" or "PT12H": whole days as a period, shorter durations as themselves (the form a tenant gives). */
    public static String text(Duration d) {
        return d.toSeconds() % 86_400 == 0 && d.getNano() == 0 ? Period.ofDays((int) d.toDays()).toString() : d.toString();
    }
}
