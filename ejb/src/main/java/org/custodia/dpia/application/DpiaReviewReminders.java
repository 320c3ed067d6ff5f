package org.custodia.dpia.application;

import java.time.LocalDate;
import java.util.Map;
import java.util.UUID;

import jakarta.ejb.Stateless;
import jakarta.inject.Inject;

import org.custodia.dpia.infrastructure.DpiaRepository;
import org.custodia.identity.application.MailRecipients;
import org.custodia.notification.application.DueDateMail;
import org.custodia.notification.application.DueDateRound;
import org.custodia.notification.domain.MailType;
import org.custodia.platform.persistence.TenantId;
import org.custodia.platform.persistence.TenantScoped;

/**
 * Reminds owners of DPIAs (not those screened as not required) of their review dates (Art. 35(11): the controller reviews
 * whether processing still follows its assessment): {@link DueDateRound#DAYS_AHEAD} days before and once passed; one mail
 * each per date. Without an owner, the tenant's APPROVERs. Audited per assessment.
 */
@Stateless
public class DpiaReviewReminders implements DueDateRound {

    static final DueDateMail.Kind KIND = new DueDateMail.Kind(MailType.DPIA_REVIEW_DUE, MailType.DPIA_REVIEW_OVERDUE, "/console/dpias/",
            "dpia", "dpia.review", "dpia-review");

    @Inject
    DpiaRepository dpias;

    @Inject
    DueDateMail mail;

    @Inject
    MailRecipients recipients;

    @Override
    public String name() {
        return "DPIA review reminders";
    }

    @Override
    @TenantScoped
    public int remindDue(@TenantId UUID tenantId) {
        LocalDate today = LocalDate.now(mail.zone(tenantId));
        return mail.remind(tenantId, dpias.claimReviewsDue(today, today.plusDays(DAYS_AHEAD), PER_ROUND).stream()
                .map(d -> new DueDateMail.DueItem(d.id(), d.reference(), d.title(), d.ownerId(), d.reviewDue(), d.overdue(), Map.of()))
                .toList(), KIND, recipients.ownerElse(tenantId, "APPROVER"));
    }
}
