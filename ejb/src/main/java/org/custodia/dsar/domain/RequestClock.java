package org.custodia.dsar.domain;

import java.time.Instant;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * The facts a request's due date follows from: when it was received, the times the clock stood still, and its
 * one extension. {@link DsarDeadlinePolicy} computes the due date from these alone, so the stored facts are the
 * evidence and the date can always be recomputed.
 *
 * @param extension null while the request has not been extended
 */
public record RequestClock(Instant receivedAt, List<Pause> pauses, Extension extension) {

    public RequestClock {
        Objects.requireNonNull(receivedAt, "receivedAt");
        pauses = List.copyOf(pauses);
    }

    public static RequestClock receivedAt(Instant receivedAt) {
        return new RequestClock(receivedAt, List.of(), null);
    }

    public boolean extended() {
        return extension != null;
    }

    public long pausedDays() {
        return pauses.stream().mapToLong(Pause::days).sum();
    }

    RequestClock with(Pause pause) {
        List<Pause> all = new ArrayList<>(pauses);
        all.add(pause);
        return new RequestClock(receivedAt, all, extension);
    }

    RequestClock with(Extension granted) {
        return new RequestClock(receivedAt, pauses, granted);
    }

    /**
     * The clock stood still while the controller waited for identity or clarification: from the day it asked
     * (the days before it count, that day does not) until the day the information arrived (the clock runs again
     * that day).
     */
    public record Pause(LocalDate askedOn, LocalDate arrivedOn) {

        public Pause {
            Objects.requireNonNull(askedOn, "askedOn");
            Objects.requireNonNull(arrivedOn, "arrivedOn");
            if (arrivedOn.isBefore(askedOn)) {
                throw new IllegalArgumentException("the information cannot arrive before it was asked for");
            }
        }

        /** The days that do not count: [askedOn, arrivedOn). */
        public long days() {
            return ChronoUnit.DAYS.between(askedOn, arrivedOn);
        }

        boolean overlaps(Pause other) {
            return askedOn.isBefore(other.arrivedOn) && other.askedOn.isBefore(arrivedOn);
        }
    }

    /** An extension as decided: why, when the subject was told, who decided. The new due date follows from the rule. */
    public record Extension(String reason, Instant noticeSentAt, String decidedBy) {

        public Extension {
            Objects.requireNonNull(noticeSentAt, "noticeSentAt");
        }
    }
}
