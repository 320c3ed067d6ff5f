package org.custodia.dsar.application;

import java.util.Optional;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.custodia.bpmn.DsarProcess;
import org.custodia.notification.domain.ReviewerNotice;
import org.custodia.workflow.application.TaskNotices;

/** A dsar.bpmn task (the review, the document check) in a reviewer's mail: its request's reference, type, law and due date. */
@ApplicationScoped
public class DsarTaskNotices implements TaskNotices {

    @Inject
    DsarNotifications notifications;

    @Override
    public String processKey() {
        return DsarProcess.KEY;
    }

    @Override
    public Optional<ReviewerNotice> noticeOf(UUID tenantId, String businessKey) {
        UUID dsarId;
        try {
            dsarId = UUID.fromString(businessKey);
        } catch (IllegalArgumentException | NullPointerException notADsar) {
            return Optional.empty();
        }
        return notifications.noticeOf(tenantId, dsarId);
    }
}
