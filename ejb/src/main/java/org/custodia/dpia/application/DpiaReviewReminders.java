package org.custodia.dpia.application;

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
import org.custodia.dpia.infrastructure.DpiaRepository;
import org.custodia.dpia.infrastructure.DpiaRepository.ReviewDue;

/**
 * Reminds owners of DPIAs (not those screened as not required) of their review dates (Art. 35(11): the controller reviews
 * whether processing still follows its assessment): {@link DueDateRound#DAYS_AHEAD} days before and once passed; one mail
 * each per date. Without an owner, the tenant's APPROVERs. Audited per assessment.
 */
@Stateless
public class DpiaReviewReminders implements DueDateRound {

    @Inject
    DpiaRepository dpias;

    @Inject
    DueDateMail mail;

    @Inject
    MailRecipients recipients;

    @Inject
    AuditTrail audit;

    @Override
    public String name() {
        return "DPIA review reminders";
    }

    @Override
    @TenantScoped
    public int remindDue(@TenantId UUID tenantId) {
        LocalDate today = LocalDate.now(mail.zone(tenantId));
        int sent = 0;
        for (ReviewDue d : dpias.claimReviewsDue(today, today.plusDays(DAYS_AHEAD), PER_ROUND)) {
            List<String> to = recipients.ownerElse(tenantId, d.ownerId(), "APPROVER");
            mail.send(tenantId, to, d.overdue() ? MailType.DPIA_REVIEW_OVERDUE : MailType.DPIA_REVIEW_DUE,
                    d.reference(), d.title(), d.reviewDue(), URI.create(PublicUrl.base() + "/console/dpias/" + d.id()));
            audit.append(Actor.system(tenantId, "dpia-review", null), d.overdue() ? "dpia.review.overdue" : "dpia.review.reminded",
                    "dpia", d.id().toString(), Map.of("reference", d.reference(), "reviewDue", d.reviewDue().toString(),
                            "recipients", to.size()));
            sent++;
        }
        return sent;
    }
}
