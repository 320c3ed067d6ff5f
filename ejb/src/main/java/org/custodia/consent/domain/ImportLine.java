package org.custodia.consent.domain;

import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * One line of a bulk consent import, validated: {@code subject, purpose, action (grant|withdraw),
 * recordedAt?, noticeVersion?, expiresAt?}. Lines that fail name their line number and field.
 */
public record ImportLine(long line, String subject, String purpose, ConsentDecision decision, Instant recordedAt,
                         Integer noticeVersion, Instant expiresAt) implements ParsedLine {

    public record Problem(long line, String field, String reason) implements ParsedLine {
    }

    public static final List<String> COLUMNS = List.of("subject", "purpose", "action", "recordedAt", "noticeVersion", "expiresAt");

    /** Validates one record's fields; returns the line or the first problem. */
    public static ParsedLine parse(long line, Function<String, String> field, Map<String, ?> purposes, Instant now) {
        for (String column : COLUMNS) {
            String value = field.apply(column);
            if (value != null && !storable(value)) {
                return new Problem(line, column, "must not contain NUL or unpaired surrogate characters");
            }
        }
        String subject = field.apply("subject");
        if (subject == null || subject.isBlank() || subject.length() > 200) {
            return new Problem(line, "subject", "is required, at most 200 characters");
        }
        String purpose = field.apply("purpose");
        if (purpose == null || !purposes.containsKey(purpose)) {
            return new Problem(line, "purpose", purpose == null ? "is required" : "no purpose with key '" + purpose + "' exists");
        }
        String action = field.apply("action");
        ConsentDecision decision = "grant".equals(action) ? ConsentDecision.GRANTED
                : "withdraw".equals(action) ? ConsentDecision.WITHDRAWN : null;
        if (decision == null) {
            return new Problem(line, "action", "must be grant or withdraw");
        }
        Instant recordedAt;
        Instant expiresAt;
        Integer notice = null;
        try {
            recordedAt = blank(field.apply("recordedAt")) ? now : Instant.parse(field.apply("recordedAt"));
        } catch (DateTimeParseException e) {
            return new Problem(line, "recordedAt", "must be an ISO-8601 instant such as 2025-01-31T12:00:00Z");
        }
        if (recordedAt.isAfter(now)) {
            return new Problem(line, "recordedAt", "must not be in the future");
        }
        try {
            expiresAt = blank(field.apply("expiresAt")) ? null : Instant.parse(field.apply("expiresAt"));
        } catch (DateTimeParseException e) {
            return new Problem(line, "expiresAt", "must be an ISO-8601 instant");
        }
        if (expiresAt != null && (decision != ConsentDecision.GRANTED || !expiresAt.isAfter(recordedAt))) {
            return new Problem(line, "expiresAt", "only a grant expires, after it was recorded");
        }
        if (!blank(field.apply("noticeVersion"))) {
            try {
                notice = Integer.valueOf(field.apply("noticeVersion"));
            } catch (NumberFormatException e) {
                return new Problem(line, "noticeVersion", "must be a whole number");
            }
        }
        return new ImportLine(line, subject, purpose, decision, recordedAt, notice, expiresAt);
    }

    /** PostgreSQL refuses NUL, and a lone surrogate would be stored as something else than was sent. */
    static boolean storable(String s) {
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == 0) {
                return false;
            }
            if (Character.isHighSurrogate(c) && i + 1 < s.length() && Character.isLowSurrogate(s.charAt(i + 1))) {
                i++;
            } else if (Character.isSurrogate(c)) {
                return false;
            }
        }
        return true;
    }

    private static boolean blank(String s) {
        return s == null || s.isBlank();
    }
}
