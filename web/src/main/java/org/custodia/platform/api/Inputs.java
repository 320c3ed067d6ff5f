package org.custodia.platform.api;

import java.time.Instant;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.UUID;

import org.custodia.platform.problem.FieldError;
import org.custodia.platform.problem.ProblemException;

/** Parsing of typed values from paths, query strings and bodies, refusing bad ones as problems. */
public final class Inputs {

    private Inputs() {
    }

    /** An ISO-8601 instant, or null when absent; a malformed one adds a field error and yields null. */
    public static Instant instant(String field, String value, List<FieldError> errors) {
        if (value == null) {
            return null;
        }
        try {
            return Instant.parse(value);
        } catch (DateTimeParseException e) {
            errors.add(new FieldError(field, "must be an ISO-8601 instant such as 2026-01-31T09:00:00Z"));
            return null;
        }
    }

    /** An ISO-8601 date, or null when absent; a malformed one adds a field error and yields null. */
    public static LocalDate date(String field, String value, List<FieldError> errors) {
        if (value == null) {
            return null;
        }
        try {
            return LocalDate.parse(value);
        } catch (DateTimeParseException e) {
            errors.add(new FieldError(field, "must be an ISO-8601 date such as 2026-01-31"));
            return null;
        }
    }

    /** An optional id in a body (null when absent); a malformed one adds a field error and yields null. */
    public static UUID optionalId(String field, String value, List<FieldError> errors) {
        if (value == null) {
            return null;
        }
        try {
            return UUID.fromString(value);
        } catch (IllegalArgumentException e) {
            errors.add(new FieldError(field, "must be an id (UUID)"));
            return null;
        }
    }

    /** An id from a path: a malformed one names nothing that exists, so it is a 404. */
    public static UUID id(String value, String what) {
        try {
            return UUID.fromString(value);
        } catch (IllegalArgumentException e) {
            throw ProblemException.notFound(what + " " + value);
        }
    }

    /** Query-parameter errors are 400, like any malformed request line. */
    public static void refuseQuery(List<FieldError> errors) {
        if (!errors.isEmpty()) {
            throw new ProblemException(400, "validation", "Invalid request", "Query parameters are invalid.", errors);
        }
    }
}
