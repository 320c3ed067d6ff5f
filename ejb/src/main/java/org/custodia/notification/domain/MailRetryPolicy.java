package org.custodia.notification.domain;

import java.time.Instant;

/**
 * When a queued mail that failed is tried again: exponential back-off from 30 s, at most an hour apart; after
 * {@link #MAX_ATTEMPTS} it is parked (never due again, kept for inspection).
 */
public final class MailRetryPolicy {

    public static final int MAX_ATTEMPTS = 20;
    /** Far enough ahead that the mail is never due again. */
    public static final Instant PARKED = Instant.parse("9999-01-01T00:00:00Z");

    private MailRetryPolicy() {
    }

    /** The next try after the {@code attempts}-th failed attempt (1 for the first), failed at {@code now}. */
    public static Instant nextTry(int attempts, Instant now) {
        if (attempts >= MAX_ATTEMPTS) {
            return PARKED;
        }
        return now.plusSeconds(Math.min(3600, 30L << Math.min(attempts - 1, 7)));
    }
}
