package org.custodia.ropa.application;

import java.time.LocalDate;
import java.util.Map;
import java.util.UUID;

import jakarta.ejb.Stateless;
import jakarta.inject.Inject;

import org.custodia.identity.application.MailRecipients;
import org.custodia.notification.application.DueDateMail;
import org.custodia.notification.application.DueDateRound;
import org.custodia.notification.domain.MailType;
import org.custodia.platform.persistence.TenantId;
import org.custodia.platform.persistence.TenantScoped;
import org.custodia.ropa.infrastructure.ProcessingActivityRepository;

/**
 * Reminds owners of the register's entries of their review dates: {@link DueDateRound#DAYS_AHEAD} days before, and once
 * the date has passed; one mail each per date (a new review date starts over), in the tenant's time zone. An entry
 * without an owner (or whose owner cannot be mailed) reminds the tenant's APPROVERs. Audited per entry.
 */
@Stateless
public class RegisterReviewReminders implements DueDateRound {

    static final DueDateMail.Kind KIND = new DueDateMail.Kind(MailType.ROPA_REVIEW_DUE, MailType.ROPA_REVIEW_OVERDUE,
            "/console/ropa/activities/", "processing_activity", "ropa.review", "register-review");

    @Inject
    ProcessingActivityRepository activities;

    @Inject
    DueDateMail mail;

    @Inject
    MailRecipients recipients;

    @Override
    public String name() {
        return "register review reminders";
    }

    @Override
    @TenantScoped
    public int remindDue(@TenantId UUID tenantId) {
        LocalDate today = LocalDate.now(mail.zone(tenantId));
        return mail.remind(tenantId, activities.claimReviewsDue(today, today.plusDays(DAYS_AHEAD), PER_ROUND).stream()
                .map(d -> new DueDateMail.DueItem(d.id(), d.reference(), d.name(), d.ownerId(), d.reviewDue(), d.overdue(), Map.of()))
                .toList(), KIND, recipients.ownerElse(tenantId, "APPROVER"));
    }
}
