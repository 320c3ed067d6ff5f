package org.custodia.ropa.application;

import java.net.URI;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import jakarta.ejb.Stateless;
import jakarta.inject.Inject;

import org.custodia.audit.application.AuditTrail;
import org.custodia.identity.application.MailRecipients;
import org.custodia.notification.application.DueDateMail;
import org.custodia.notification.application.DueDateRound;
import org.custodia.notification.domain.MailType;
import org.custodia.platform.context.Actor;
import org.custodia.platform.context.PublicUrl;
import org.custodia.platform.persistence.TenantId;
import org.custodia.platform.persistence.TenantScoped;
import org.custodia.ropa.infrastructure.ProcessingActivityRepository;
import org.custodia.ropa.infrastructure.ProcessingActivityRepository.ReviewDue;

/**
 * Reminds owners of the register's entries of their review dates: {@link DueDateRound#DAYS_AHEAD} days before, and once
 * the date has passed; one mail each per date (a new review date starts over), in the tenant's time zone. An entry
 * without an owner (or whose owner cannot be mailed) reminds the tenant's APPROVERs. Audited per entry.
 */
@Stateless
public class RegisterReviewReminders implements DueDateRound {

    @Inject
    ProcessingActivityRepository activities;

    @Inject
    DueDateMail mail;

    @Inject
    MailRecipients recipients;

    @Inject
    AuditTrail audit;

    @Override
    public String name() {
        return "register review reminders";
    }

    @Override
    @TenantScoped
    public int remindDue(@TenantId UUID tenantId) {
        LocalDate today = LocalDate.now(mail.zone(tenantId));
        int sent = 0;
        for (ReviewDue d : activities.claimReviewsDue(today, today.plusDays(DAYS_AHEAD), PER_ROUND)) {
            List<String> to = recipients.ownerElse(tenantId, d.ownerId(), "APPROVER");
            mail.send(tenantId, to, d.overdue() ? MailType.ROPA_REVIEW_OVERDUE : MailType.ROPA_REVIEW_DUE,
                    d.reference(), d.name(), d.reviewDue(), URI.create(PublicUrl.base() + "/console/ropa/activities/" + d.id()));
            audit.append(Actor.system(tenantId, "register-review", null), d.overdue() ? "ropa.review.overdue" : "ropa.review.reminded",
                    "processing_activity", d.id().toString(), Map.of("reference", d.reference(), "reviewDue", d.reviewDue().toString(),
                            "recipients", to.size()));
            sent++;
        }
        return sent;
    }
}
