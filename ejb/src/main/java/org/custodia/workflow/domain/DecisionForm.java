package org.custodia.workflow.domain;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import org.custodia.bpmn.TaskDecision;
import org.custodia.platform.problem.FieldError;
import org.custodia.platform.problem.ProblemException;

/**
 * A reviewer's decision on a task, checked before anything is written: APPROVE, REJECT with a reason, or
 * REQUEST_CHANGES with a comment. Only the decision reaches the process (variable {@link TaskDecision#VARIABLE});
 * reason and comment stay in the tenant's decision record.
 *
 * @param reason  why a request is refused; only a rejection has one
 * @param comment a note to the request's handlers; required when changes are requested, optional otherwise
 */
public record DecisionForm(TaskDecision decision, String reason, String comment) {

    public static final int REASON_MAX = 2000;
    public static final int COMMENT_MAX = 4000;

    /** The form from raw input: surrounding white space trimmed, blank as absent; every problem named at once. */
    public static DecisionForm of(String decision, String reason, String comment) {
        List<FieldError> errors = new ArrayList<>();
        TaskDecision d = null;
        for (TaskDecision candidate : TaskDecision.values()) {
            if (candidate.name().equals(decision)) {
                d = candidate;
            }
        }
        if (d == null) {
            errors.add(new FieldError("decision", "must be one of " + Arrays.toString(TaskDecision.values())));
        }
        String r = blankAsNull(reason);
        String c = blankAsNull(comment);
        if (r != null && r.length() > REASON_MAX) {
            errors.add(new FieldError("reason", "must be at most " + REASON_MAX + " characters"));
        } else if (d == TaskDecision.REJECT && r == null) {
            errors.add(new FieldError("reason", "is required to reject"));
        } else if (d != null && d != TaskDecision.REJECT && r != null) {
            errors.add(new FieldError("reason", "only a rejection has a reason; use comment"));
        }
        if (c != null && c.length() > COMMENT_MAX) {
            errors.add(new FieldError("comment", "must be at most " + COMMENT_MAX + " characters"));
        } else if (d == TaskDecision.REQUEST_CHANGES && c == null) {
            errors.add(new FieldError("comment", "is required to request changes"));
        }
        if (!errors.isEmpty()) {
            throw ProblemException.invalid(errors);
        }
        return new DecisionForm(d, r, c);
    }

    private static String blankAsNull(String value) {
        return value == null || value.isBlank() ? null : value.strip();
    }
}
