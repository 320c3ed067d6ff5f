package org.custodia.retention.domain;

import java.time.Instant;
import java.time.Period;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;
import java.util.regex.Pattern;

import org.custodia.platform.problem.FieldError;

/**
 * A retention policy as a request states it, every part still text: {@link #problems()} names each part that is not
 * acceptable, {@link #toPolicy} makes the policy of one that is.
 */
public record RetentionPolicyDraft(String key, String name, String period, String startsAt, String action, String legalReference,
                                   String description) {

    public static final Pattern KEY = Pattern.compile("[a-z0-9][a-z0-9._-]{0,63}");

    public List<FieldError> problems() {
        List<FieldError> errors = new ArrayList<>();
        if (key == null || !KEY.matcher(key).matches()) {
            errors.add(new FieldError("key", "must be 1 to 64 lower-case letters, digits, '.', '_' or '-', starting with a letter or digit"));
        }
        if (name == null || name.isBlank() || name.strip().length() > 200) {
            errors.add(new FieldError("name", "must be 1 to 200 characters"));
        }
        if (RetentionPeriods.parse(period) == null) {
            errors.add(new FieldError("period", "must be an ISO-8601 period of years, months and days (P6Y, P18M, P30D),"
                    + " more than nothing and at most " + RetentionPeriods.MAX_YEARS + " years"));
        }
        choice(RetentionTrigger.class, startsAt, "startsAt", "the event the period counts from", errors);
        choice(RetentionAction.class, action, "action", "what happens when the period has run", errors);
        if (legalReference != null && legalReference.length() > 500) {
            errors.add(new FieldError("legalReference", "must be at most 500 characters"));
        }
        if (description != null && description.length() > 4000) {
            errors.add(new FieldError("description", "must be at most 4000 characters"));
        }
        return errors;
    }

    /** The policy this draft states (call only when {@link #problems()} is empty); blank optional texts become null. */
    public RetentionPolicy toPolicy(UUID id, Instant createdAt, Instant updatedAt) {
        Period p = RetentionPeriods.parse(period);
        return new RetentionPolicy(id, key, name.strip(), p, constant(RetentionTrigger.class, startsAt),
                constant(RetentionAction.class, action), optional(legalReference), optional(description), createdAt, updatedAt);
    }

    private static <E extends Enum<E>> void choice(Class<E> type, String value, String field, String what, List<FieldError> errors) {
        if (value == null || value.isBlank()) {
            errors.add(new FieldError(field, "is required: " + what + ", one of " + Arrays.toString(type.getEnumConstants())));
        } else if (constant(type, value) == null) {
            errors.add(new FieldError(field, "must be one of " + Arrays.toString(type.getEnumConstants())));
        }
    }

    private static String optional(String text) {
        return text == null || text.isBlank() ? null : text.strip();
    }

    private static <E extends Enum<E>> E constant(Class<E> type, String name) {
        for (E e : type.getEnumConstants()) {
            if (e.name().equals(name)) {
                return e;
            }
        }
        return null;
    }
}
