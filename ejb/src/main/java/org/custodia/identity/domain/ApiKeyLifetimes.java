package org.custodia.identity.domain;

import java.time.Duration;
import java.time.Instant;

import org.custodia.platform.problem.ProblemException;

/** How long API keys live: an optional expiry at most {@link #MAX_LIFETIME} away, and a rotation's overlap. */
public final class ApiKeyLifetimes {

    public static final Duration MAX_LIFETIME = Duration.ofDays(730);
    public static final Duration MAX_OVERLAP = Duration.ofDays(7);

    private ApiKeyLifetimes() {
    }

    /** A requested expiry (null: none) must be in the future and at most {@link #MAX_LIFETIME} away. */
    public static void requireValidExpiry(Instant expiresAt, Instant now) {
        if (expiresAt != null && (!expiresAt.isAfter(now) || expiresAt.isAfter(now.plus(MAX_LIFETIME)))) {
            throw ProblemException.invalid("expiresAt", "must be in the future and at most " + MAX_LIFETIME.toDays() + " days away");
        }
    }

    public static void requireValidOverlap(Duration overlap) {
        if (overlap.isNegative() || overlap.compareTo(MAX_OVERLAP) > 0) {
            throw ProblemException.invalid("overlapSeconds", "must be 0 to " + MAX_OVERLAP.toSeconds());
        }
    }

    /**
     * The successor of a key that expires ({@code oldExpiresAt}, null: never) keeps that expiry, but outlives
     * the overlap window; a successor of a key without expiry has none (null).
     */
    public static Instant successorExpiry(Instant oldExpiresAt, Instant now, Duration overlap) {
        if (oldExpiresAt == null) {
            return null;
        }
        return oldExpiresAt.isAfter(now.plus(overlap)) ? oldExpiresAt : now.plus(overlap).plusSeconds(1);
    }
}
