package org.custodia.risk.application;

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
import org.custodia.risk.infrastructure.RiskRepository;

/**
 * Reminds owners of open treatment plans (planned, in progress) of their due dates, {@link DueDateRound#DAYS_AHEAD} days
 * before and once passed; one mail each per date. A plan without an owner reminds the tenant's MANAGERs (the role that
 * holds the risk register). Audited on the risk.
 */
@Stateless
public class TreatmentReminders implements DueDateRound {

    static final DueDateMail.Kind KIND = new DueDateMail.Kind(MailType.RISK_TREATMENT_DUE, MailType.RISK_TREATMENT_OVERDUE,
            "/console/risks/", "risk", "risk.treatment", "risk-treatment");

    @Inject
    RiskRepository risks;

    @Inject
    DueDateMail mail;

    @Inject
    MailRecipients recipients;

    @Override
    public String name() {
        return "risk treatment reminders";
    }

    @Override
    @TenantScoped
    public int remindDue(@TenantId UUID tenantId) {
        LocalDate today = LocalDate.now(mail.zone(tenantId));
        return mail.remind(tenantId, risks.claimTreatmentsDue(today, today.plusDays(DAYS_AHEAD), PER_ROUND).stream()
                .map(d -> new DueDateMail.DueItem(d.riskId(), d.riskReference(),
                        d.description().length() > 300 ? d.description().substring(0, 299) + "…" : d.description(), d.ownerId(),
                        d.dueDate(), d.overdue(), Map.<String, Object>of("treatment", d.id().toString())))
                .toList(), KIND, recipients.ownerElse(tenantId, "MANAGER"));
    }
}
