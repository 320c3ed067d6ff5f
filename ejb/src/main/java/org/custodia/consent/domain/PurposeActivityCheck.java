package org.custodia.consent.domain;

import java.time.Period;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Set;
import java.util.stream.Collectors;

import org.custodia.ropa.domain.ProcessingRecord;

/**
 * Whether a consent purpose says what the processing activity it serves says: its legal basis must be one of the
 * activity's purposes' lawful bases (GDPR Art. 6(1)), and each of its data categories must be in the activity's record
 * (Art. 30(1)(c)) with the same retention (Art. 30(1)(f); equal text, or equal ISO-8601 periods). Each difference is a
 * disagreement naming both sides.
 */
public final class PurposeActivityCheck {

    /** One difference: which field, what the purpose says, what the activity says, and why they do not agree. */
    public record Disagreement(String field, String purposeValue, String activityValue, String reason) {
    }

    private PurposeActivityCheck() {
    }

    public static List<Disagreement> check(PurposeDetails purpose, ProcessingRecord activity) {
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
            } else if (!sameRetention(purpose.retention(), match.retention())) {
                out.add(new Disagreement("retention", purpose.retention(), match.retention(), "the activity keeps '" + match.name() + "' for "
                        + (match.retention() == null ? "no stated time" : "'" + match.retention() + "'") + ", the purpose "
                        + (purpose.retention() == null ? "states none" : "for " + purpose.retention())));
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
