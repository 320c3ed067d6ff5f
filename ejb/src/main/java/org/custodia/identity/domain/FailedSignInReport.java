package org.custodia.identity.domain;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;

/**
 * The payload of one {@code auth.failed_signins_summary} audit event: totals over the claimed counters,
 * how many were addresses and how many trusted devices, and the failures per known account (at most
 * {@link #MAX_LISTED_USERS}, by user id; never an address).
 */
public final class FailedSignInReport {

    public static final int MAX_LISTED_USERS = 100;

    private FailedSignInReport() {
    }

    public static Map<String, Object> of(List<PendingSignInFailures> claimed) {
        long failures = 0;
        long refusals = 0;
        long devices = 0;
        Map<String, Long> byUser = new TreeMap<>();
        for (PendingSignInFailures c : claimed) {
            if (c.deviceId() != null) {
                devices++; // a trusted device's own counter (device cookie), not an address
            }
            failures += c.failures();
            refusals += c.refusals();
            UUID user = c.userId();
            if (user != null) {
                byUser.merge(user.toString(), c.failures(), Long::sum);
            }
        }
        Map<String, Object> payload = new LinkedHashMap<>();
        payload.put("failures", failures);
        payload.put("refusedWhileBackingOff", refusals);
        payload.put("addresses", claimed.size() - devices);
        payload.put("trustedDevices", devices);
        payload.put("knownAccounts", byUser.size());
        List<String> listed = new ArrayList<>();
        byUser.entrySet().stream().limit(MAX_LISTED_USERS).forEach(e -> listed.add(e.getKey() + ":" + e.getValue()));
        payload.put("failuresByUser", String.join(",", listed));
        return payload;
    }
}
