package org.custodia.bpmn;

/**
 * The contract of {@code bpmn/ropa-review.bpmn}: a processing activity submitted for review waits for a DPO's
 * decision; approved, the version reviewed becomes the approved one; otherwise it goes back to draft. Variables hold
 * the activity's id and the version reviewed, nothing else.
 */
public final class RopaReviewProcess {

    public static final String RESOURCE = "bpmn/ropa-review.bpmn";
    public static final String KEY = "ropaReview";

    /** String: the processing activity's id; also the business key. */
    public static final String VAR_ACTIVITY_ID = "activityId";
    /** Integer: the version submitted, the one the DPO approves. */
    public static final String VAR_VERSION = "version";
    /** String: the decision the review task leaves ({@link TaskDecision} name). */
    public static final String VAR_DECISION = TaskDecision.VARIABLE;

    public static final String TASK_REVIEW = "dpoReview";

    public static final String BEAN_APPROVE = "ropaApprove";
    public static final String BEAN_RETURN_TO_DRAFT = "ropaReturnToDraft";

    private RopaReviewProcess() {
    }
}
