package org.custodia.workflow.domain;

import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.UUID;

import org.custodia.platform.problem.FieldError;

/**
 * What a task list asks for, always within what the worker may see. {@code status}: {@link Status#OPEN} (the
 * default: the worker's own tasks and the unclaimed tasks of its role), {@link Status#MINE},
 * {@link Status#UNASSIGNED}, {@link Status#ASSIGNED} (claimed by anyone, among its role's tasks).
 *
 * @param processKey null for every process the worker holds the permission of
 * @param dueBefore  null for any due date (tasks without one are left out when set)
 * @param assignee   null, or the id of the assignee (a user id or {@code api_key:<prefix>}; the worker's own id for "me")
 */
public record TaskFilter(String processKey, Status status, Instant dueBefore, String assignee, int limit, int offset,
                         String businessKey) {

    public TaskFilter(String processKey, Status status, Instant dueBefore, String assignee, int limit, int offset) {
        this(processKey, status, dueBefore, assignee, limit, offset, null);
    }

    /** Only the tasks of one process instance's business key (a DSAR's id): the console's request page. */
    public TaskFilter withBusinessKey(String key) {
        return new TaskFilter(processKey, status, dueBefore, assignee, limit, offset, key);
    }

    public static final int DEFAULT_LIMIT = 50;
    public static final int MAX_LIMIT = 100;
    public static final int MAX_OFFSET = 10_000;

    private static final java.util.regex.Pattern API_KEY = java.util.regex.Pattern.compile("api_key:[0-9a-f]{8}");

    public enum Status { OPEN, MINE, UNASSIGNED, ASSIGNED }

    /**
     * The filter from query parameters; problems go to {@code errors} (then the result is null).
     *
     * @param known the process keys there are
     */
    public static TaskFilter parse(String process, String status, Instant dueBefore, String assignee, String limit,
                                   String offset, List<String> known, Worker worker, List<FieldError> errors) {
        if (process != null && !known.contains(process)) {
            errors.add(new FieldError("process", "must be one of " + known));
        }
        Status s = Status.OPEN;
        if (status != null) {
            s = Arrays.stream(Status.values()).filter(v -> v.name().toLowerCase(Locale.ROOT).equals(status)).findFirst().orElse(null);
            if (s == null) {
                errors.add(new FieldError("status", "must be one of open, mine, unassigned, assigned"));
            }
        }
        String who = null;
        if (assignee != null) {
            if (assignee.equals("me")) {
                who = worker.id();
            } else if (API_KEY.matcher(assignee).matches()) {
                who = assignee; // a task held by an API key, to find it when the key is gone
            } else {
                try {
                    who = UUID.fromString(assignee).toString();
                } catch (IllegalArgumentException e) {
                    errors.add(new FieldError("assignee", "must be a user id, an API key's api_key:<prefix> or 'me'"));
                }
            }
            if (s == Status.UNASSIGNED) {
                errors.add(new FieldError("assignee", "cannot be combined with status=unassigned"));
            } else if (s == Status.MINE && who != null && !who.equals(worker.id())) {
                errors.add(new FieldError("assignee", "cannot name someone else with status=mine"));
            }
        }
        int l = number("limit", limit, DEFAULT_LIMIT, 1, MAX_LIMIT, errors);
        int o = number("offset", offset, 0, 0, MAX_OFFSET, errors);
        return errors.isEmpty() ? new TaskFilter(process, s, dueBefore, who, l, o) : null;
    }

    private static int number(String field, String value, int absent, int min, int max, List<FieldError> errors) {
        if (value == null) {
            return absent;
        }
        try {
            int n = Integer.parseInt(value);
            if (n >= min && n <= max) {
                return n;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        errors.add(new FieldError(field, "must be a whole number from " + min + " to " + max));
        return absent;
    }
}
