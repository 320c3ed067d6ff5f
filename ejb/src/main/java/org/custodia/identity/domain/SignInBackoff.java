package org.custodia.identity.domain;

import org.custodia.kernel.OpaqueToken;

import java.time.Duration;
import java.util.UUID;

import org.custodia.kernel.EmailAddress;

/**
 * The sign-in back-off, per (tenant, address) whether or not an account has that address: after
 * {@link #FREE_FAILURES} consecutive failures each further one doubles the wait, never beyond
 * {@link #LONGEST} (so an attacker can keep the owner waiting at most that long after each counted
 * failure; attempts during a wait are refused without counting). A browser with a device cookie of the
 * account has a counter of its own ({@link #deviceKey}), so the address's back-off never keeps it out.
 */
public final class SignInBackoff {

    public static final int FREE_FAILURES = 5;
    static final Duration FIRST = Duration.ofSeconds(30);
    public static final Duration LONGEST = Duration.ofMinutes(15);

    private SignInBackoff() {
    }

    /** How long to refuse sign-ins after {@code failures} consecutive failures; zero when it may try. */
    public static Duration after(int failures) {
        if (failures < FREE_FAILURES) {
            return Duration.ZERO;
        }
        Duration wait = FIRST.multipliedBy(1L << Math.min(failures - FREE_FAILURES, 10));
        return wait.compareTo(LONGEST) > 0 ? LONGEST : wait;
    }

    /** The key of an address's failures: SHA-256 of the tenant and the normalised address, in hex. */
    public static String addressKey(UUID tenantId, String email) {
        return OpaqueToken.hashOf(tenantId + "\n" + EmailAddress.normalised(email));
    }

    /**
     * The key of a trusted device's failures (a device cookie's own counter): SHA-256 of the tenant and the
     * device's id, in hex. Its input starts with "device", an address key's with the tenant id, so whatever
     * is typed as an address never hits a device's counter.
     */
    public static String deviceKey(UUID tenantId, UUID deviceId) {
        return OpaqueToken.hashOf("device\n" + tenantId + "\n" + deviceId);
    }
}
