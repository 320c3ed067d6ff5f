package org.custodia.ropa.application;

import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;

import jakarta.ejb.Stateless;
import jakarta.inject.Inject;

import org.custodia.audit.application.AuditTrail;
import org.custodia.identity.application.UserService;
import org.custodia.platform.context.Actor;
import org.custodia.platform.persistence.StoredTime;
import org.custodia.platform.persistence.TenantId;
import org.custodia.platform.persistence.TenantScoped;
import org.custodia.platform.problem.FieldError;
import org.custodia.platform.problem.ProblemException;
import org.custodia.ropa.domain.ActivityContent;
import org.custodia.ropa.domain.ActivityRules;
import org.custodia.ropa.domain.ProcessingActivity;
import org.custodia.retention.application.RetentionPolicies;
import org.custodia.ropa.domain.ProcessingSystem;
import org.custodia.ropa.domain.RecordDiff;
import org.custodia.ropa.domain.ActivityJson;
import org.custodia.ropa.infrastructure.ProcessingActivityRepository;
import org.custodia.ropa.infrastructure.ProcessingSystemRepository;
import org.custodia.ropa.infrastructure.RopaReviews;
import org.custodia.workflow.application.TaskDecisions;

/**
 * The record of processing activities: entries written, changed (each change a new version), compared, checked for
 * completeness, submitted to a DPO and approved or returned by the review process. Every change is audited.
 */
@Stateless
@TenantScoped
public class ProcessingRegister {

    /** What a caller writes: the entry's reference, its content, its owner (a user of the tenant) and review date. */
    public record Draft(String reference, ActivityContent content, UUID ownerId, LocalDate reviewDue) {
    }

    @Inject
    ProcessingActivityRepository activities;

    @Inject
    ProcessingSystemRepository systems;

    @Inject
    RetentionPolicies retentionPolicies;

    @Inject
    RopaReviews reviews;

    @Inject
    UserService users;

    @Inject
    AuditTrail audit;

    @Inject
    RegisterWriter writer;

    @Inject
    TaskDecisions decisions;

    public ProcessingActivity create(Actor actor, Draft draft) {
        activities.lockTenant(actor.tenantId()); // systems and retention policies it names cannot be removed meanwhile
        validate(actor.tenantId(), draft);
        return writer.add(actor, draft);
    }

    /**
     * A new version of the entry; {@code expectedVersion} (when given) must be the current one, so two people editing
     * at once do not silently overwrite each other. The same content again changes nothing.
     */
    public ProcessingActivity revise(Actor actor, UUID id, Integer expectedVersion, Draft draft) {
        ProcessingActivity changed = reviseLocked(actor, id, expectedVersion, draft);
        return changed != null ? changed : get(actor.tenantId(), id);
    }

    private ProcessingActivity reviseLocked(Actor actor, UUID id, Integer expectedVersion, Draft draft) {
        activities.lockTenant(actor.tenantId()); // systems and retention policies it names cannot be removed meanwhile
        validate(actor.tenantId(), draft);
        ProcessingActivity a = activities.lock(id).orElseThrow(() -> notFound(id));
        if (!a.reference().equals(draft.reference())) {
            throw ProblemException.invalid("reference", "cannot change (it is '" + a.reference() + "')");
        }
        if (expectedVersion != null && expectedVersion != a.version()) {
            throw ProblemException.conflict("version", "The entry is at version " + a.version() + ", not " + expectedVersion
                    + "; read it again and repeat your change");
        }
        return writer.change(actor, a, draft);
    }

    /** Hands the current version to a DPO: the review process starts with a task for the APPROVERs. */
    public ProcessingActivity submit(Actor actor, UUID id) {
        ProcessingActivity a = activities.lock(id).orElseThrow(() -> notFound(id));
        a.checkSubmittable();
        a.submit(reviews.start(actor, a.id(), a.version()), StoredTime.now());
        activities.update(actor.tenantId(), a, false, actor.principal());
        audit.append(actor, "ropa.activity.submitted", "processing_activity", a.id().toString(), facts(a));
        return a;
    }

    /** Called by the review process: the DPO approved the version submitted. */
    public void approve(@TenantId UUID tenantId, UUID id, int version, String approver, String processInstanceId) {
        ProcessingActivity a = activities.lock(id).orElseThrow(() -> notFound(id));
        a.approve(version, approver, StoredTime.now());
        activities.update(tenantId, a, false, approver);
        audit.append(new Actor(tenantId, approver, processInstanceId), "ropa.activity.approved", "processing_activity",
                a.id().toString(), facts(a));
    }

    /** Called by the review process: the DPO rejected the entry or asked for changes. */
    public void returnToDraft(@TenantId UUID tenantId, UUID id, String decidedBy, String processInstanceId) {
        ProcessingActivity a = activities.lock(id).orElseThrow(() -> notFound(id));
        a.returnToDraft(StoredTime.now());
        activities.update(tenantId, a, false, decidedBy);
        audit.append(new Actor(tenantId, decidedBy, processInstanceId), "ropa.activity.returned", "processing_activity",
                a.id().toString(), facts(a));
    }

    public void delete(Actor actor, UUID id) {
        ProcessingActivity a = activities.lock(id).orElseThrow(() -> notFound(id));
        a.checkRemovable();
        List<String> referrers = activities.referrers(id);
        if (!referrers.isEmpty()) {
            throw ProblemException.conflict("id", "'" + a.reference() + "' is referred to by " + String.join(", ", referrers)
                    + "; unlink them first (the register keeps the entry while anything refers to it)");
        }
        activities.delete(id);
        audit.append(actor, "ropa.activity.deleted", "processing_activity", a.id().toString(), facts(a));
    }

    public List<ProcessingActivity> list(@TenantId UUID tenantId) {
        return activities.all();
    }

    /** The entry with this id, or empty (another tenant's is not found either). */
    public java.util.Optional<ProcessingActivity> find(@TenantId UUID tenantId, UUID id) {
        return activities.find(id);
    }

    public ProcessingActivity get(@TenantId UUID tenantId, UUID id) {
        return activities.find(id).orElseThrow(() -> notFound(id));
    }

    public List<ProcessingActivityRepository.Version> versions(@TenantId UUID tenantId, UUID id) {
        get(tenantId, id);
        return activities.versions(id);
    }

    /** The changes from version {@code from} to version {@code to} of one entry. */
    public List<RecordDiff.Change> diff(@TenantId UUID tenantId, UUID id, int from, int to) {
        Map<Integer, String> byVersion = versions(tenantId, id).stream()
                .collect(Collectors.toMap(ProcessingActivityRepository.Version::version, ProcessingActivityRepository.Version::contentJson));
        for (Map.Entry<String, Integer> v : Map.of("from", from, "to", to).entrySet()) {
            if (!byVersion.containsKey(v.getValue())) {
                throw ProblemException.invalid(v.getKey(), "the entry has no version " + v.getValue() + " (it has 1 to " + byVersion.size() + ")");
            }
        }
        return RecordDiff.between(ActivityJson.tree(byVersion.get(from)), ActivityJson.tree(byVersion.get(to)));
    }

    /** The DPO's latest decision on the entry's reviews (why it came back, or who approved it), if any. */
    public java.util.Optional<TaskDecisions.Decided> lastReview(@TenantId UUID tenantId, UUID id) {
        return decisions.latest(tenantId, org.custodia.bpmn.RopaReviewProcess.KEY, id.toString());
    }

    private void validate(UUID tenantId, Draft draft) {
        Set<String> known = systems.all().stream().map(ProcessingSystem::name).collect(Collectors.toSet());
        List<FieldError> errors = new java.util.ArrayList<>(ActivityRules.problems(draft.reference(), draft.content(), known,
                retentionPolicies.byKey(tenantId).keySet()));
        if (draft.ownerId() != null && users.find(tenantId, draft.ownerId()).isEmpty()) {
            errors.add(new FieldError("ownerId", "is not a user of this tenant"));
        }
        if (!errors.isEmpty()) {
            throw ProblemException.invalid(errors);
        }
    }

    static Map<String, Object> facts(ProcessingActivity a) {
        Map<String, Object> facts = new LinkedHashMap<>();
        facts.put("reference", a.reference());
        facts.put("version", a.version());
        facts.put("status", a.status().name());
        facts.put("gaps", a.gaps());
        if (a.approvedVersion() != null) {
            facts.put("approvedVersion", a.approvedVersion());
        }
        return facts;
    }

    static ProblemException notFound(UUID id) {
        return ProblemException.notFound("Processing activity " + id);
    }
}
