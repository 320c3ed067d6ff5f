package org.custodia.platform.engine;

import java.io.InputStream;

/**
 * A process model (BPMN or DMN) a context contributes: a CDI bean of the context implementing this is
 * deployed to every tenant by {@link TenantDeployments}; the engine knows no context. The task API shows a
 * process's user tasks only to callers holding {@link #taskPermission()}.
 */
public interface ProcessModel {

    /** The resource name the engine records, e.g. {@code bpmn/dsar.bpmn}. */
    String resource();

    /** The model's bytes. */
    InputStream open();

    /** The key of the process the model defines (its {@code bpmn:process} id), e.g. {@code dsar}. */
    String processKey();

    /**
     * The permission ({@code <module>:<action>}) a caller needs to see and work this process's user tasks,
     * besides being a candidate or the assignee, e.g. {@code dsar:approve}.
     */
    String taskPermission();

    /**
     * Whether approving one of its tasks must say why (a comment): the DPO's written opinion on a DPIA (GDPR Art. 35(2))
     * is what the approval records. Rejecting always needs a reason, requesting changes a comment.
     */
    default boolean approvalStatesAnOpinion() {
        return false;
    }
}
