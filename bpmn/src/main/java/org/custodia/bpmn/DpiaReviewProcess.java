package org.custodia.bpmn;

/**
 * The contract of {@code bpmn/dpia-review.bpmn}: a submitted DPIA waits for the DPO's opinion; approved, it is signed
 * off; otherwise it is in progress again. The only variable is the assessment's id (also the business key).
 */
public final class DpiaReviewProcess {

    public static final String RESOURCE = "bpmn/dpia-review.bpmn";
    public static final String KEY = "dpiaReview";

    /** String: the DPIA's id; also the business key. */
    public static final String VAR_DPIA_ID = "dpiaId";
    /** String: the decision the opinion task leaves ({@link TaskDecision} name). */
    public static final String VAR_DECISION = TaskDecision.VARIABLE;

    public static final String TASK_OPINION = "dpoReview";

    /** Both ends call it: it records the DPO's decision just made, which says whether the assessment is signed off. */
    public static final String BEAN_RECORD_DECISION = "dpiaRecordDecision";

    private DpiaReviewProcess() {
    }
}
