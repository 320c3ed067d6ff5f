package org.custodia.bpmn;

/**
 * The contract of {@code bpmn/dsar.bpmn}: its key, the variables it expects (ids, dates and fixed codes only,
 * never personal data), the beans its service tasks call and the ids of the elements other code touches
 * (the task API, the deadline mover, the tests).
 *
 * <p>The model: received → (open request: verify identity → acknowledge → discovery → compile package →
 * DPO review) → deliver → close; an approved erasure request is handed over to the erasure process instead
 * of delivered; a refused review sends the refusal notice; an unconfirmed identity closes the request. The
 * SLA timers sit on the open request, so they stop when it leaves that part.
 */
public final class DsarProcess {

    public static final String RESOURCE = "bpmn/dsar.bpmn";
    public static final String KEY = "dsar";

    // --- variables (set at start unless said otherwise) ---

    /** String: the Custodia DSAR id; also the business key, by which messages are correlated. */
    public static final String VAR_DSAR_ID = "dsarId";
    /** String: a {@code DsarType} name; {@link #TYPE_ERASURE} ends at the hand-over to erasure. */
    public static final String VAR_REQUEST_TYPE = "requestType";
    /** String: how the subject's identity is checked, one of the IDENTITY_ codes. */
    public static final String VAR_IDENTITY_CHECK = "identityCheck";
    /** java.util.Date: when an unanswered email confirmation link expires (needed for {@link #IDENTITY_EMAIL_LINK}). */
    public static final String VAR_IDENTITY_EXPIRES_AT = "identityExpiresAt";
    /** java.util.Date: when the deadline warning fires. */
    public static final String VAR_WARNING_AT = "warningAt";
    /** java.util.Date: the legal deadline; also the due date of the document check and review tasks. */
    public static final String VAR_DUE_AT = "dueAt";
    /** java.util.Date: when a request still open after its deadline is escalated to the tenant's admins. */
    public static final String VAR_ESCALATE_AT = "escalateAt";
    /**
     * List of String, transient (never stored): the ids of the tenant's connectors, set by {@link #TASK_FIND_CONNECTORS}
     * and read at once by the discovery multi-instance, which gives each instance its {@link #VAR_CONNECTOR_ID}.
     */
    public static final String VAR_CONNECTOR_IDS = "connectorIds";
    /** String, local to one discovery instance: the connector it searches. */
    public static final String VAR_CONNECTOR_ID = "connectorId";
    /** Boolean, local to one discovery instance: the connector answered at once (else it calls back). */
    public static final String VAR_DISCOVERY_ANSWERED = "discoveryAnswered";
    /** Boolean, local to one discovery instance: a reviewer skipped the search after its callback went missing. */
    public static final String VAR_DISCOVERY_SKIPPED = "discoverySkipped";
    /** String: the decision a completed user task leaves ({@link TaskDecision} name). */
    public static final String VAR_DECISION = TaskDecision.VARIABLE;
    /** Local input of the deadline service tasks: one of the MILESTONE_ values. */
    public static final String VAR_MILESTONE = "milestone";

    // --- fixed codes ---

    /** Identity already verified (a staff member attests it when submitting): the check is skipped. */
    public static final String IDENTITY_VERIFIED = "VERIFIED";
    /** The subject confirms their email through a link: waits for {@link #MESSAGE_EMAIL_CONFIRMED} until {@link #VAR_IDENTITY_EXPIRES_AT}. */
    public static final String IDENTITY_EMAIL_LINK = "EMAIL_LINK";
    /** An APPROVER checks identity documents ({@link #TASK_CHECK_DOCUMENTS}). */
    public static final String IDENTITY_DOCUMENTS = "DOCUMENTS";

    /** The request type that ends at the hand-over to the erasure process instead of a delivery. */
    public static final String TYPE_ERASURE = "ERASURE";

    public static final String MILESTONE_WARNING = "WARNING";
    public static final String MILESTONE_BREACHED = "BREACHED";
    public static final String MILESTONE_ESCALATED = "ESCALATED";

    /** Message the subject's click on the email confirmation link sends, correlated by business key (the DSAR id). */
    public static final String MESSAGE_EMAIL_CONFIRMED = "dsarEmailConfirmed";
    /** Message a connector's signed callback sends to the search waiting for it (that instance's execution). */
    public static final String MESSAGE_CONNECTOR_ANSWERED = "connectorAnswered";
    /** BPMN error codes that leave the open request early. */
    public static final String ERROR_IDENTITY_NOT_CONFIRMED = "IDENTITY_NOT_CONFIRMED";
    public static final String ERROR_REFUSED = "REFUSED";

    /** Candidate group of the document check and the review: a Custodia role. */
    public static final String GROUP_APPROVER = "APPROVER";

    // --- beans (JavaDelegates) the service tasks call ---

    public static final String BEAN_AWAITING_IDENTITY = "dsarAwaitingIdentity";
    public static final String BEAN_IDENTITY_NOT_CONFIRMED = "dsarIdentityNotConfirmed";
    public static final String BEAN_ACKNOWLEDGE = "dsarAcknowledge";
    public static final String BEAN_FIND_CONNECTORS = "dsarFindConnectors";
    public static final String BEAN_DISCOVER = "dsarDiscoverConnector";
    public static final String BEAN_CALLBACK_MISSED = "dsarCallbackMissed";
    public static final String BEAN_COMPILE_PACKAGE = "dsarCompilePackage";
    public static final String BEAN_DELIVER = "dsarDeliver";
    public static final String BEAN_CLOSE = "dsarClose";
    public static final String BEAN_REFUSE = "dsarRefuse";
    public static final String BEAN_HAND_OVER_TO_ERASURE = "dsarHandOverToErasure";
    /** Called when a deadline timer fires, with the milestone as local input. */
    public static final String BEAN_DEADLINE_REACHED = "dsarDeadlineReached";

    // --- element ids ---

    public static final String START_RECEIVED = "received";
    public static final String SUBPROCESS_OPEN = "openRequest";
    /**
     * Start of the open request: the deadline timers exist once the request is recorded (its start transaction),
     * and the steps after this event run in the background (asyncAfter), as a job at this activity.
     */
    public static final String START_CLOCK = "clockStarted";
    public static final String TASK_AWAITING_IDENTITY = "recordAwaitingIdentity";
    public static final String RECEIVE_EMAIL_CONFIRMATION = "awaitEmailConfirmation";
    public static final String TIMER_EMAIL_LINK_EXPIRED = "emailLinkExpired";
    public static final String TASK_CHECK_DOCUMENTS = "checkIdentityDocuments";
    public static final String TASK_ACKNOWLEDGE = "acknowledge";
    public static final String TASK_FIND_CONNECTORS = "findConnectors";
    /** The multi-instance subprocess: one search per connector. */
    public static final String SUBPROCESS_SEARCH = "searchConnector";
    public static final String TASK_DISCOVER = "discover";
    /** Waits for an HTTP connector that answered 202 to call back ({@link #MESSAGE_CONNECTOR_ANSWERED}). */
    public static final String RECEIVE_CALLBACK = "awaitCallback";
    public static final String TIMER_CALLBACK_OVERDUE = "callbackOverdue";
    public static final String TASK_CALLBACK_MISSED = "callbackMissed";
    public static final String TASK_COMPILE_PACKAGE = "compilePackage";
    public static final String TASK_REVIEW = "review";
    public static final String TASK_DELIVER = "deliver";
    public static final String TASK_CLOSE = "close";
    public static final String TASK_SEND_REFUSAL = "sendRefusalNotice";
    public static final String TASK_RECORD_IDENTITY_NOT_CONFIRMED = "recordIdentityNotConfirmed";
    public static final String TASK_HAND_OVER_TO_ERASURE = "handOverToErasure";
    public static final String TIMER_WARNING = "deadlineWarning";
    public static final String TIMER_BREACH = "deadlineBreached";
    public static final String TIMER_ESCALATION = "deadlineEscalation";
    public static final String TASK_RECORD_WARNING = "recordWarning";
    public static final String TASK_RECORD_BREACH = "recordBreach";
    public static final String TASK_RECORD_ESCALATION = "recordEscalation";
    public static final String END_CLOSED = "closed";
    public static final String END_REFUSED = "refused";
    public static final String END_IDENTITY_NOT_CONFIRMED = "closedIdentityNotConfirmed";
    public static final String END_HANDED_OVER = "handedOverToErasure";
    public static final String END_WARNED = "warned";
    public static final String END_BREACH_RECORDED = "breachRecorded";
    public static final String END_ESCALATED = "escalated";

    private DsarProcess() {
    }
}
