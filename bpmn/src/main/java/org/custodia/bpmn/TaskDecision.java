package org.custodia.bpmn;

/**
 * What a reviewer decided on a user task of any process: the task API completes the task with
 * {@link #VARIABLE} set to one of these names; a gateway after the task routes on it. The reason or comment
 * that goes with a decision is recorded by the task API (audit), never as a process variable.
 */
public enum TaskDecision {
    /** Approved as it stands. */
    APPROVE,
    /** Refused; a reason is required. */
    REJECT,
    /** Sent back for changes; a comment is required. */
    REQUEST_CHANGES;

    /** The process variable a completed review task leaves: the decision's name. */
    public static final String VARIABLE = "decision";
}
