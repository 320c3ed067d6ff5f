package org.custodia.bpmn;

/**
 * The contract of {@code bpmn/dsar.bpmn}: its key, the variables it expects (ids and dates only, never
 * personal data) and the bean its service tasks call.
 */
public final class DsarProcess {

    public static final String RESOURCE = "bpmn/dsar.bpmn";
    public static final String KEY = "dsar";

    /** String: the Custodia DSAR id. */
    public static final String VAR_DSAR_ID = "dsarId";
    /** java.util.Date: when the deadline warning fires. */
    public static final String VAR_WARNING_AT = "warningAt";
    /** java.util.Date: the legal deadline. */
    public static final String VAR_DUE_AT = "dueAt";
    /** java.util.Date: when a request still open after its deadline is escalated to the tenant's admins. */
    public static final String VAR_ESCALATE_AT = "escalateAt";
    /** Local input of the deadline service tasks: one of the MILESTONE_ values. */
    public static final String VAR_MILESTONE = "milestone";

    public static final String MILESTONE_WARNING = "WARNING";
    public static final String MILESTONE_BREACHED = "BREACHED";

    /** JavaDelegate bean called when a deadline milestone is reached. */
    public static final String BEAN_DEADLINE_REACHED = "dsarDeadlineReached";

    public static final String TASK_RESPOND = "respond";
    public static final String TIMER_WARNING = "deadlineWarning";
    public static final String TIMER_BREACH = "deadlineBreached";
    public static final String TIMER_ESCALATION = "deadlineEscalation";
    public static final String TASK_RECORD_WARNING = "recordWarning";
    public static final String TASK_RECORD_BREACH = "recordBreach";
    public static final String END_RESPONDED = "responded";
    public static final String END_OVERDUE = "overdue";

    private DsarProcess() {
    }
}
