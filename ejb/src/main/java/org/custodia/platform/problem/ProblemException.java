package org.custodia.platform.problem;

import java.util.List;

import jakarta.ejb.ApplicationException;

/**
 * A refusal that the API reports as an RFC 9457 problem. Rolls the transaction back, so a refused
 * request writes nothing.
 */
@ApplicationException(rollback = true)
public class ProblemException extends RuntimeException {

    private final int status;
    private final String type;
    private final String title;
    private final List<FieldError> errors;
    private long retryAfterSeconds;

    public ProblemException(int status, String type, String title, String detail, List<FieldError> errors) {
        super(detail);
        this.status = status;
        this.type = type;
        this.title = title;
        this.errors = List.copyOf(errors);
    }

    /** 429 with a Retry-After header. */
    public static ProblemException tooManyRequests(String type, String title, String detail, long retryAfterSeconds) {
        ProblemException p = new ProblemException(429, type, title, detail, List.of());
        p.retryAfterSeconds = Math.max(1, retryAfterSeconds);
        return p;
    }

    /** 503 with a Retry-After header: the server is at a bound it keeps for everyone's sake; nothing was done. */
    public static ProblemException busy(String type, String title, String detail, long retryAfterSeconds) {
        ProblemException p = new ProblemException(503, type, title, detail, List.of());
        p.retryAfterSeconds = Math.max(1, retryAfterSeconds);
        return p;
    }

    /** Seconds for a Retry-After header, or 0 for none. */
    public long retryAfterSeconds() {
        return retryAfterSeconds;
    }

    public static ProblemException invalid(List<FieldError> errors) {
        return new ProblemException(422, "validation", "Invalid request",
                "The request has " + errors.size() + " invalid field(s).", errors);
    }

    public static ProblemException invalid(String field, String reason) {
        return invalid(List.of(new FieldError(field, reason)));
    }

    public static ProblemException notFound(String what) {
        return new ProblemException(404, "not-found", "Not found", what + " does not exist.", List.of());
    }

    public static ProblemException conflict(String field, String reason) {
        return new ProblemException(409, "conflict", "Conflict", reason, List.of(new FieldError(field, reason)));
    }

    public int status() { return status; }
    public String type() { return type; }
    public String title() { return title; }
    public List<FieldError> errors() { return errors; }
}
