package org.custodia.workflow.application;

import java.util.Optional;
import java.util.UUID;

import org.custodia.notification.domain.ReviewerNotice;

/**
 * How a process describes one of its tasks in a mail to a reviewer ("task assigned"): a context whose process has
 * user tasks contributes a CDI bean of this type, as it contributes its {@link org.custodia.platform.engine.ProcessModel};
 * the workflow context knows no process by name. A process without one gets no task mail.
 */
public interface TaskNotices {

    /** The process whose tasks this describes, e.g. {@code dsar}. */
    String processKey();

    /**
     * The notice for a task of the instance with this business key (the entity's id), read in the caller's
     * tenant-bound transaction; empty when the entity is not the tenant's.
     */
    Optional<ReviewerNotice> noticeOf(UUID tenantId, String businessKey);
}
