package org.custodia.delivery.domain;

import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The events a tenant's systems can subscribe to, and how a subscription names them: an exact type, a family
 * ({@code dsar.*}) or everything ({@code *}).
 */
public final class WebhookEventTypes {

    /** Consent decisions, as the ledger records them. */
    public static final List<String> CONSENT = List.of("consent.granted", "consent.withdrawn", "consent.expired");

    /** A data subject request's steps and deadlines. */
    public static final List<String> DSAR = List.of("dsar.received", "dsar.identity.awaited", "dsar.identity.confirmed",
            "dsar.identity.not_confirmed", "dsar.acknowledged",
            "dsar.package.compiled", "dsar.delivered", "dsar.closed", "dsar.refused", "dsar.handed_over", "dsar.extended",
            "dsar.paused", "dsar.deadline.warning", "dsar.deadline.breached", "dsar.escalated");

    /** Sent by the test endpoint of a subscription. */
    public static final String PING = "webhook.ping";

    public static final Set<String> ALL = Set.copyOf(concat(CONSENT, DSAR, List.of(PING)));

    private static final Pattern FILTER = Pattern.compile("\\*|[a-z_]+(\\.[a-z_]+)*(\\.\\*)?");

    private WebhookEventTypes() {
    }

    /** Whether a filter is well-formed and names something that exists. */
    public static boolean validFilter(String filter) {
        if (filter == null || !FILTER.matcher(filter).matches()) {
            return false;
        }
        return ALL.stream().anyMatch(type -> matches(filter, type));
    }

    public static boolean matches(String filter, String type) {
        if (filter.equals("*") || filter.equals(type)) {
            return true;
        }
        return filter.endsWith(".*") && type.startsWith(filter.substring(0, filter.length() - 1));
    }

    public static boolean matchesAny(List<String> filters, String type) {
        return type.equals(PING) || filters.stream().anyMatch(f -> matches(f, type));
    }

    @SafeVarargs
    private static List<String> concat(List<String>... lists) {
        return java.util.Arrays.stream(lists).flatMap(List::stream).toList();
    }
}
