package org.custodia.workflow.application;

import java.util.Optional;
import java.util.UUID;

import jakarta.ejb.Stateless;
import jakarta.enterprise.inject.Any;
import jakarta.enterprise.inject.Instance;
import jakarta.inject.Inject;

import org.custodia.identity.application.UserService;
import org.custodia.identity.domain.UserAccount;
import org.custodia.notification.application.MailOutbox;
import org.custodia.notification.domain.MailType;
import org.custodia.notification.domain.ReviewerNotice;
import org.custodia.platform.persistence.TenantId;
import org.custodia.platform.persistence.TenantScoped;
import org.custodia.tenancy.application.CalendarSettings;
import org.custodia.workflow.domain.WorkTask;

/**
 * "Task assigned": the user a task was handed to by someone else hears of it, in the caller's transaction
 * (a refused delegation sends nothing). The task's process describes it ({@link TaskNotices}); a process that
 * does not, a user who is not active or whose address is unproven, gets no mail.
 */
@Stateless
@TenantScoped
public class TaskAssignmentMail {

    @Inject
    @Any
    Instance<TaskNotices> notices;

    @Inject
    UserService users;

    @Inject
    MailOutbox mail;

    @Inject
    CalendarSettings calendars;

    /** @return whether a mail was queued */
    public boolean send(@TenantId UUID tenantId, WorkTask task, UUID assigneeUserId) {
        Optional<UserAccount> assignee = users.find(tenantId, assigneeUserId).filter(UserAccount::reachableByMail);
        if (assignee.isEmpty()) {
            return false;
        }
        Optional<ReviewerNotice> notice = Optional.empty();
        for (TaskNotices n : notices) {
            if (n.processKey().equals(task.processKey())) {
                notice = n.noticeOf(tenantId, task.businessKey());
            }
        }
        if (notice.isEmpty()) {
            return false;
        }
        mail.enqueue(tenantId, assignee.get().email(), MailType.TASK_ASSIGNED, notice.get(), null,
                calendars.of(tenantId).timeZone());
        return true;
    }
}
