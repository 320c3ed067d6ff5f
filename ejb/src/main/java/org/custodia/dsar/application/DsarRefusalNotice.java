package org.custodia.dsar.application;

import java.util.Map;
import java.util.UUID;

import jakarta.ejb.Stateless;
import jakarta.inject.Inject;

import org.custodia.audit.application.AuditTrail;
import org.custodia.bpmn.DsarProcess;
import org.custodia.bpmn.TaskDecision;
import org.custodia.dsar.domain.DsarRequest;
import org.custodia.notification.domain.MailType;
import org.custodia.notification.domain.RefusalNotice;
import org.custodia.platform.context.Actor;
import org.custodia.platform.persistence.StoredTime;
import org.custodia.platform.persistence.TenantId;
import org.custodia.platform.persistence.TenantScoped;
import org.custodia.workflow.application.TaskDecisions;

/**
 * The refusal notice (GDPR Art. 12(4)): the reviewer's reason, kept by the task API with the REJECT decision, and the
 * subject's right to complain to a supervisory authority and to seek a judicial remedy, mailed to the request's
 * address in the subject's language; without an address, an audited note that staff must send it by hand.
 */
@Stateless
@TenantScoped
public class DsarRefusalNotice {

    @Inject
    TaskDecisions decisions;

    @Inject
    DsarSubjectMail subjectMail;

    @Inject
    AuditTrail audit;

    public void send(@TenantId UUID tenantId, DsarRequest request, String processInstanceId) {
        Actor process = Actor.system(tenantId, DsarProgress.PROCESS, processInstanceId);
        String reason = decisions.latestReason(tenantId, DsarProcess.KEY, request.id().toString(), TaskDecision.REJECT)
                .orElseThrow(() -> new IllegalStateException("DSAR " + request.id() + " was refused without a recorded reason"));
        boolean sent = subjectMail.send(tenantId, request.id(), MailType.REFUSAL_NOTICE, tenantName -> new RefusalNotice(tenantName,
                request.id().toString(), request.type().name(), request.jurisdiction().name(), reason.strip(), StoredTime.now()));
        if (!sent) {
            audit.append(process, "dsar.refusal_notice.manual_needed", "dsar", request.id().toString(), Map.of("reason", "no address"));
            return;
        }
        audit.append(process, "dsar.refusal_notice.sent", "dsar", request.id().toString(), Map.of());
    }
}
