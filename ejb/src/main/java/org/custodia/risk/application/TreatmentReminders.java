package org.custodia.risk.application;

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
import org.custodia.risk.infrastructure.RiskRepository;
import org.custodia.risk.infrastructure.RiskRepository.TreatmentDue;

/**
 * Reminds owners of open treatment plans (planned, in progress) of their due dates, {@link DueDateRound#DAYS_AHEAD} days
 * before and once passed; one mail each per date. A plan without an owner reminds the tenant's MANAGERs (the role that
 * holds the risk register). Audited on the risk.
 */
@Stateless
public class TreatmentReminders implements DueDateRound {

    @Inject
    RiskRepository risks;

    @Inject
    DueDateMail mail;

    @Inject
    MailRecipients recipients;

    @Inject
    AuditTrail audit;

    @Override
    public String name() {
        return "risk treatment reminders";
    }

    @Override
    @TenantScoped
    public int remindDue(@TenantId UUID tenantId) {
        LocalDate today = LocalDate.now(mail.zone(tenantId));
        int sent = 0;
        for (TreatmentDue d : risks.claimTreatmentsDue(today, today.plusDays(DAYS_AHEAD), PER_ROUND)) {
            String title = d.description().length() > 300 ? d.description().substring(0, 299) + "…" : d.description();
            List<String> to = recipients.ownerElse(tenantId, d.ownerId(), "MANAGER");
            mail.send(tenantId, to, d.overdue() ? MailType.RISK_TREATMENT_OVERDUE : MailType.RISK_TREATMENT_DUE,
                    d.riskReference(), title, d.dueDate(), URI.create(PublicUrl.base() + "/console/risks/" + d.riskId()));
            audit.append(Actor.system(tenantId, "risk-treatment", null), d.overdue() ? "risk.treatment.overdue" : "risk.treatment.reminded",
                    "risk", d.riskId().toString(), Map.of("treatment", d.id().toString(), "dueDate", d.dueDate().toString(),
                            "recipients", to.size()));
            sent++;
        }
        return sent;
    }
}
