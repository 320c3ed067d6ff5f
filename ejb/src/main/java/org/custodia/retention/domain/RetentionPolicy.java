package org.custodia.retention.domain;

import java.time.Instant;
import java.time.Period;
import java.util.Objects;
import java.util.UUID;

/**
 * How long one kind of record is kept (GDPR Art. 5(1)(e) storage limitation), as the record of processing names it
 * per data category (Art. 30(1)(f) "the envisaged time limits for erasure"): a period counted from an event, and what
 * happens when it has run. Register entries refer to it by its {@code key}, which never changes.
 *
 * @param period an ISO-8601 period of years, months and days ({@code P6Y}, {@code P18M}, {@code P30D})
 * @param legalReference the law or decision that sets the period (e.g. "HGB § 257(4)"), or null
 */
public record RetentionPolicy(UUID id, String key, String name, Period period, RetentionTrigger startsAt, RetentionAction action,
                              String legalReference, String description, Instant createdAt, Instant updatedAt) {

    /** Whether both say the same (everything but ids and times). */
    public boolean sameTermsAs(RetentionPolicy other) {
        return key.equals(other.key) && name.equals(other.name) && period.equals(other.period) && startsAt == other.startsAt
                && action == other.action && Objects.equals(legalReference, other.legalReference)
                && Objects.equals(description, other.description);
    }

    /** "6 years after the end of the calendar year the record belongs to, then erase". */
    public String summary() {
        return RetentionPeriods.words(period) + " " + startsAt.phrase() + ", " + action.phrase();
    }
}
