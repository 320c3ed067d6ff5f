package org.custodia.dsar.application;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import jakarta.ejb.Stateless;
import jakarta.inject.Inject;

import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.custodia.audit.application.AuditTrail;
import org.custodia.bpmn.DsarProcess;
import org.custodia.dsar.domain.DsarRequest;
import org.custodia.dsar.domain.DsarType;
import org.custodia.dsar.domain.IdentityCheck;
import org.custodia.dsar.domain.Jurisdiction;
import org.custodia.dsar.domain.RequestTypes;
import org.custodia.dsar.domain.SubjectContact;
import org.custodia.dsar.infrastructure.DsarRepository;
import org.custodia.platform.context.Actor;
import org.custodia.platform.engine.ProcessEngineBootstrap;
import org.custodia.platform.engine.TenantDeployments;
import org.custodia.platform.persistence.StoredTime;
import org.custodia.platform.persistence.TenantId;
import org.custodia.platform.persistence.TenantScoped;
import org.custodia.platform.problem.FieldError;
import org.custodia.platform.problem.ProblemException;

/** Intake of data subject requests: computes the legal deadline and starts dsar.bpmn for the tenant. */
@Stateless
@TenantScoped
public class DsarService {

    /** How far back a request's receipt may be entered: every legal period with its extension ends long before. */
    static final Duration OLDEST_RECEIPT = Duration.ofDays(2 * 366);

    @Inject
    DsarRepository requests;

    @Inject
    DsarDeadlines deadlines;

    @Inject
    AuditTrail audit;

    @Inject
    DsarEvents dsarEvents;

    @Inject
    ProcessEngineBootstrap engines;

    @Inject
    TenantDeployments deployments;

    @Inject
    DsarContacts contacts;

    /**
     * A request submitted by support staff: its identity is attested by the caller ({@code identityCode}
     * VERIFIED, audited as theirs; required, never assumed) or checked on documents by an APPROVER (DOCUMENTS). An email link check belongs
     * to the public intake, whose subject has an address to confirm. {@code contact} (may be null): the subject's
     * address and/or an authorised agent, stored sealed ({@link DsarContacts}).
     */
    public DsarRequest submit(Actor actor, String type, String jurisdiction, String subjectId, Instant receivedAt,
                              String identityCode, SubjectContact contact) {
        List<FieldError> errors = new ArrayList<>();
        DsarType t = parse(DsarType.class, "type", type, errors);
        Jurisdiction j = parse(Jurisdiction.class, "jurisdiction", jurisdiction, errors);
        // Required, no default: a missing field must not silently become the caller's attestation of identity.
        IdentityCheck identityCheck = parse(IdentityCheck.class, "identity", identityCode, errors, IdentityCheck.VERIFIED,
                IdentityCheck.DOCUMENTS);
        if (subjectId == null || subjectId.isBlank() || subjectId.length() > 200) {
            errors.add(new FieldError("subject", "must be 1 to 200 characters"));
        }
        Instant now = StoredTime.now();
        Instant received = receivedAt == null ? now : receivedAt;
        if (received.isAfter(now.plusSeconds(60))) {
            errors.add(new FieldError("receivedAt", "must not be in the future"));
        } else if (received.isBefore(now.minus(OLDEST_RECEIPT))) {
            // far past dates have no holiday calendar and no java.util.Date for the engine's timers
            errors.add(new FieldError("receivedAt", "must not be more than two years ago"));
        }
        if (t != null && j != null && !RequestTypes.allowed(j, t)) {
            errors.add(new FieldError("type", RequestTypes.refusal(j, t)));
        }
        if (contact != null) {
            errors.addAll(SubjectContact.problems(contact.email(), contact.name(), contact.details(), contact.language(),
                    contact.agent(), false));
        }
        if (!errors.isEmpty()) {
            throw ProblemException.invalid(errors);
        }
        DsarRequest request = open(actor, t, j, subjectId, received, identityCheck, null, contact);
        if (identityCheck == IdentityCheck.VERIFIED) {
            audit.append(actor, "dsar.identity.attested", "dsar", request.id().toString(), Map.of("by", actor.principal()));
        }
        return request;
    }

    /**
     * Records a validated request and starts dsar.bpmn for it, in the caller's transaction: the deadline counts from
     * {@code received}; {@code identityExpiresAt} is needed for an EMAIL_LINK check (null otherwise); {@code contact}
     * (validated, may be null) is stored sealed and a repeat linked to its original.
     */
    public DsarRequest open(Actor actor, DsarType t, Jurisdiction j, String subjectId, Instant received,
                            IdentityCheck identityCheck, Instant identityExpiresAt, SubjectContact contact) {
        Instant now = StoredTime.now();
        deployments.ensureDeployed(actor.tenantId());
        DsarDeadlines.Intake clock = deadlines.atIntake(actor.tenantId(), t, j, received);
        DsarRequest request = new DsarRequest(actor.tenantId(), t, j, subjectId, received, clock.deadline(), identityCheck, now);
        request.reschedule(clock.schedule());
        request.acknowledgeBy(clock.acknowledgeBy());
        if (identityExpiresAt != null) {
            request.identityLinkExpiresAt(identityExpiresAt);
        }
        requests.add(request);

        ProcessEngine engine = engines.engine();
        IdentityService identity = engine.getIdentityService();
        identity.setAuthentication(actor.principal(), List.of(), List.of(actor.tenantId().toString()));
        ProcessInstance instance;
        try {
            var start = engine.getRuntimeService().createProcessInstanceByKey(DsarProcess.KEY)
                    .processDefinitionTenantId(actor.tenantId().toString())
                    .businessKey(request.id().toString())
                    .setVariable(DsarProcess.VAR_DSAR_ID, request.id().toString())
                    .setVariable(DsarProcess.VAR_WARNING_AT, Date.from(request.warningAt()))
                    .setVariable(DsarProcess.VAR_DUE_AT, Date.from(request.dueAt()))
                    .setVariable(DsarProcess.VAR_ESCALATE_AT, Date.from(request.escalateAt()))
                    .setVariable(DsarProcess.VAR_REQUEST_TYPE, t.name())
                    .setVariable(DsarProcess.VAR_IDENTITY_CHECK, identityCheck.name());
            if (identityExpiresAt != null) {
                start.setVariable(DsarProcess.VAR_IDENTITY_EXPIRES_AT, Date.from(identityExpiresAt));
            }
            instance = start.execute();
        } finally {
            identity.clearAuthentication();
        }
        request.attachProcess(instance.getId());
        // the duplicate link locks the earlier request's row; the chain head is locked only at commit
        // (TransactionAuditEvents), after every row lock, so a step of that request cannot wait on us in a cycle
        DsarContacts.Stored stored = contact == null ? null : contacts.store(actor, request, contact);
        Map<String, Object> payload = new LinkedHashMap<>();
        payload.put("type", t.name());
        payload.put("jurisdiction", j.name());
        payload.put("receivedAt", received.toString());
        payload.put("dueAt", request.dueAt().toString());
        payload.put("identityCheck", identityCheck.name());
        audit.append(actor, "dsar.received", "dsar", request.id().toString(), payload);
        dsarEvents.publish(actor.tenantId(), "dsar.received", request.id(), payload);
        if (stored != null) {
            contacts.recordStored(actor, request, stored);
        }
        return request;
    }

    public DsarRequest find(@TenantId UUID tenantId, UUID id) {
        return requests.find(id).orElseThrow(() -> ProblemException.notFound("DSAR " + id));
    }

    private static <E extends Enum<E>> E parse(Class<E> type, String field, String value, List<FieldError> errors) {
        return parse(type, field, value, errors, type.getEnumConstants());
    }

    @SafeVarargs
    private static <E extends Enum<E>> E parse(Class<E> type, String field, String value, List<FieldError> errors,
                                               E... allowed) {
        for (E e : allowed) {
            if (e.name().equals(value)) {
                return e;
            }
        }
        errors.add(new FieldError(field, "must be one of " + List.of(allowed)));
        return null;
    }
}
