package org.custodia.dsar.application;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;

import jakarta.ejb.Stateless;
import jakarta.inject.Inject;

import org.custodia.audit.application.AuditTrail;
import org.custodia.bpmn.DsarProcess;
import org.custodia.dsar.domain.DsarRequest;
import org.custodia.dsar.domain.IdentityCheck;
import org.custodia.dsar.infrastructure.DsarRepository;
import org.custodia.platform.context.Actor;
import org.custodia.platform.engine.ProcessEngineBootstrap;
import org.custodia.platform.persistence.StoredTime;
import org.custodia.platform.persistence.TenantId;
import org.custodia.platform.persistence.TenantScoped;
import org.custodia.platform.problem.ProblemException;
import org.jboss.logging.Logger;

/**
 * What dsar.bpmn's steps do to a request: each engine delegate calls one method here, inside the engine's
 * transaction, for the process instance's tenant. Each step changes the request and appends its audit event in
 * that transaction; a step that throws rolls both back and the engine retries it.
 */
@Stateless
@TenantScoped
public class DsarProgress {

    private static final Logger LOG = Logger.getLogger(DsarProgress.class);

    /** Who the audit trail names for the process's own steps; deadline milestones keep the timer's name. */
    static final String PROCESS = "dsar-process";
    static final String DEADLINE_TIMER = "deadline-timer";

    @Inject
    DsarRepository requests;

    @Inject
    AuditTrail audit;

    @Inject
    DsarEvents dsarEvents;

    @Inject
    ProcessEngineBootstrap engines;

    @Inject
    DsarNotifications notifications;

    @Inject
    DsarIdentityLinks identityLinks;

    @Inject
    DsarAcknowledgementMail acknowledgementMail;

    @Inject
    DsarResponsePackages packages;

    @Inject
    DsarDownloadLinks downloadLinks;

    @Inject
    DsarRefusalNotice refusalNotice;

    public void awaitIdentity(@TenantId UUID tenantId, UUID dsarId, String processInstanceId) {
        DsarRequest request = request(tenantId, dsarId);
        request.awaitIdentity();
        if (request.identityCheck() == IdentityCheck.EMAIL_LINK) {
            identityLinks.issue(tenantId, dsarId, processInstanceId); // the identity-verification link to the subject
        }
        record(tenantId, processInstanceId, "dsar.identity.awaited", request, Map.of("identityCheck", request.identityCheck().name()));
    }

    public void identityNotConfirmed(@TenantId UUID tenantId, UUID dsarId, String processInstanceId) {
        DsarRequest request = request(tenantId, dsarId);
        request.identityNotConfirmed();
        record(tenantId, processInstanceId, "dsar.identity.not_confirmed", request, Map.of("identityCheck", request.identityCheck().name()));
    }

    public void acknowledge(@TenantId UUID tenantId, UUID dsarId, String processInstanceId) {
        DsarRequest request = request(tenantId, dsarId);
        request.acknowledge();
        acknowledgementMail.send(tenantId, request); // to the verified address (or the agent), when the request has one
        record(tenantId, processInstanceId, "dsar.acknowledged", request, Map.of("dueAt", request.dueAt().toString()));
    }

    public void compilePackage(@TenantId UUID tenantId, UUID dsarId, String processInstanceId) {
        DsarRequest request = request(tenantId, dsarId);
        request.awaitReview();
        // the JSON and the signed PDF summary, sealed; compiled again (replaced) when the reviewer asks for changes
        Map<String, String> facts = packages.compile(tenantId, request);
        // no mail to the candidates: the review appears in their task list; the SLA warning reaches them if nobody takes it
        record(tenantId, processInstanceId, "dsar.package.compiled", request, facts);
    }

    public void deliver(@TenantId UUID tenantId, UUID dsarId, String processInstanceId) {
        DsarRequest request = request(tenantId, dsarId);
        request.deliver(StoredTime.now());
        record(tenantId, processInstanceId, "dsar.delivered", request, Map.of());
        // "response ready" with the package's single-use download link to the request's address, or a manual delivery
        downloadLinks.issue(tenantId, request, processInstanceId);
    }

    public void close(@TenantId UUID tenantId, UUID dsarId, String processInstanceId) {
        DsarRequest request = request(tenantId, dsarId);
        request.close();
        record(tenantId, processInstanceId, "dsar.closed", request, Map.of());
    }

    /** The DPO refused the request; the reason is kept by the task API in {@code task_decision} (the audit holds the decision). */
    public void refuse(@TenantId UUID tenantId, UUID dsarId, String processInstanceId) {
        DsarRequest request = request(tenantId, dsarId);
        request.refuse(StoredTime.now());
        record(tenantId, processInstanceId, "dsar.refused", request, Map.of());
        refusalNotice.send(tenantId, request, processInstanceId); // the reason and the rights to complain and to a remedy
    }

    /** An approved erasure leaves this process: the future erasure process starts from this event. */
    public void handOverToErasure(@TenantId UUID tenantId, UUID dsarId, String processInstanceId) {
        DsarRequest request = request(tenantId, dsarId);
        request.handOverToErasure(StoredTime.now());
        record(tenantId, processInstanceId, "dsar.handed_over", request, Map.of("to", "erasure"));
    }

    /** A deadline timer fired while the request was open: warning, breach (flags the request) or escalation. */
    public void deadlineReached(@TenantId UUID tenantId, UUID dsarId, String milestone, String processInstanceId) {
        DsarRequest request = request(tenantId, dsarId);
        Instant now = StoredTime.now();
        Instant due = switch (milestone) {
            case DsarProcess.MILESTONE_WARNING -> request.warningAt();
            case DsarProcess.MILESTONE_BREACHED -> request.dueAt();
            default -> request.escalateAt();
        };
        if (due != null && now.isBefore(due.minusSeconds(1))) {
            // the deadline moved (extension, pause) while this timer's job was running: the moved job fires at its time
            LOG.infof("DSAR %s: the %s timer fired before the request's moved time %s; ignored", dsarId, milestone, due);
            return;
        }
        String event = switch (milestone) {
            case DsarProcess.MILESTONE_WARNING -> "dsar.deadline.warning";
            case DsarProcess.MILESTONE_BREACHED -> {
                request.flagBreached(now);
                yield "dsar.deadline.breached";
            }
            case DsarProcess.MILESTONE_ESCALATED -> {
                request.markEscalated(now);
                yield "dsar.escalated";
            }
            default -> throw new IllegalArgumentException("unknown deadline milestone " + milestone);
        };
        // who hears of it: ReviewerRecipients; a mail that cannot be rendered is counted, never rolls the milestone back
        DsarNotifications.Notified notified = notifications.deadlineReached(tenantId, request, milestone);
        Map<String, String> payload = new LinkedHashMap<>();
        payload.put("jurisdiction", request.jurisdiction().name());
        payload.put("dueAt", request.dueAt().toString());
        payload.put("status", request.status().name());
        if (notified.notRendered() > 0) {
            payload.put("mailsNotRendered", String.valueOf(notified.notRendered()));
            LOG.errorf("DSAR %s: %d %s mail(s) could not be rendered; the milestone is recorded without them", dsarId,
                    notified.notRendered(), milestone);
        }
        audit.append(Actor.system(tenantId, DEADLINE_TIMER, processInstanceId), event, "dsar", dsarId.toString(), payload);
        dsarEvents.publish(tenantId, event, dsarId, payload);
    }

    /**
     * The subject opened the email confirmation link: the waiting request goes on (acknowledgement, discovery...)
     * in this transaction. For the public intake, which checks the link's token before calling this.
     */
    public void confirmEmail(@TenantId UUID tenantId, UUID dsarId) {
        DsarRequest request = requests.findForUpdate(dsarId).orElseThrow(() -> ProblemException.notFound("DSAR " + dsarId));
        if (request.identityCheck() != IdentityCheck.EMAIL_LINK || request.status() != DsarRequest.Status.AWAITING_IDENTITY) {
            throw ProblemException.conflict("dsar", "is not waiting for an email confirmation");
        }
        audit.append(Actor.system(tenantId, "email-confirmation", null), "dsar.identity.confirmed", "dsar",
                dsarId.toString(), Map.of("identityCheck", IdentityCheck.EMAIL_LINK.name()));
        dsarEvents.publish(tenantId, "dsar.identity.confirmed", dsarId, Map.of("identityCheck", IdentityCheck.EMAIL_LINK.name()));
        engines.engine().getRuntimeService().createMessageCorrelation(DsarProcess.MESSAGE_EMAIL_CONFIRMED)
                .processInstanceBusinessKey(dsarId.toString())
                .tenantId(tenantId.toString())
                .correlate();
    }

    /**
     * The request, locked for this step's transaction: an extension or pause committing meanwhile would otherwise
     * be overwritten by this step's write of the whole row (its old due dates).
     */
    private DsarRequest request(UUID tenantId, UUID dsarId) {
        return requests.findForUpdate(dsarId)
                .orElseThrow(() -> new IllegalStateException("DSAR " + dsarId + " is not visible to tenant " + tenantId));
    }

    private void record(UUID tenantId, String processInstanceId, String event, DsarRequest request, Map<String, String> facts) {
        Map<String, String> payload = new LinkedHashMap<>(facts);
        payload.put("status", request.status().name());
        audit.append(Actor.system(tenantId, PROCESS, processInstanceId), event, "dsar", request.id().toString(), payload);
        dsarEvents.publish(tenantId, event, request.id(), payload);
    }
}
