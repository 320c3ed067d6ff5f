package org.custodia.consent.domain;

import java.time.Period;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.stream.Collectors;

import org.custodia.ropa.domain.ProcessingRecord;

/**
 * Whether a consent purpose says what the processing activity it serves says: its legal basis must be one of the
 * activity's purposes' lawful bases (GDPR Art. 6(1)), and each of its data categories must be in the activity's record
 * (Art. 30(1)(c)) with the same retention (Art. 30(1)(f); equal text, or equal ISO-8601 periods; a category's retention
 * policy counts as its period). Each difference is a
 * disagreement naming both sides.
 */
public final class PurposeActivityCheck {

    /** One difference: which field, what the purpose says, what the activity says, and why they do not agree. */
    public record Disagreement(String field, String purposeValue, String activityValue, String reason) {
    }

    private PurposeActivityCheck() {
    }

    /**
     * @param policyPeriods the ISO-8601 period of each of the tenant's retention policies by key: a category linked to a
     *                      policy keeps its data for the policy's period (or its own words, when it gives both)
     */
    public static List<Disagreement> check(PurposeDetails purpose, ProcessingRecord activity, Map<String, String> policyPeriods) {
        List<Disagreement> out = new ArrayList<>();
        Set<String> bases = activity.purposes().stream().filter(p -> p != null && p.lawfulBasis() != null)
                .map(p -> p.lawfulBasis().name()).collect(Collectors.toCollection(java.util.TreeSet::new));
        if (!bases.contains(purpose.legalBasis().name())) {
            out.add(new Disagreement("legalBasis", purpose.legalBasis().name(), bases.isEmpty() ? null : String.join(", ", bases),
                    bases.isEmpty() ? "the activity gives its purposes no lawful basis"
                            : "the activity's purposes rest on " + String.join(", ", bases) + ", not " + purpose.legalBasis().name()));
        }
        for (String category : purpose.dataCategories()) {
            ProcessingRecord.DataCategory match = activity.dataCategories().stream()
                    .filter(c -> c != null && c.name() != null && c.name().strip().equalsIgnoreCase(category.strip())).findFirst().orElse(null);
            if (match == null) {
                out.add(new Disagreement("dataCategories", category, null, "'" + category + "' is not a data category of the activity's record"));
            } else {
                String policy = match.retentionPolicy() == null ? null : policyPeriods.get(match.retentionPolicy());
                String stated = match.retention() != null ? match.retention() : policy;
                boolean agrees = sameRetention(purpose.retention(), stated)
                        || (policy != null && match.retention() != null && sameRetention(purpose.retention(), policy));
                if (!agrees) {
                    String activityValue = policy != null && match.retention() != null ? stated + " / " + policy : stated;
                    out.add(new Disagreement("retention", purpose.retention(), activityValue, "the activity keeps '" + match.name()
                            + "' for " + (stated == null ? "no stated time" : "'" + activityValue + "'")
                            + (policy != null ? " (retention policy " + match.retentionPolicy() + ")" : "") + ", the purpose "
                            + (purpose.retention() == null ? "states none" : "for " + purpose.retention())));
                }
            }
        }
        return out;
    }

    static boolean sameRetention(String purpose, String activity) {
        if (purpose == null || activity == null) {
            return purpose == null && activity == null;
        }
        if (purpose.strip().equalsIgnoreCase(activity.strip())) {
            return true;
        }
        return Objects.equals(period(purpose), period(activity)) && period(purpose) != null;
    }

    private static Period period(String text) {
        try {
            return Period.parse(text.strip().toUpperCase(Locale.ROOT)).normalized();
        } catch (DateTimeParseException e) {
            return null;
        }
    }
}
