package org.custodia.ropa.application;

import jakarta.ejb.Stateless;
import jakarta.inject.Inject;

import org.custodia.audit.application.AuditTrail;
import org.custodia.platform.context.Actor;
import org.custodia.platform.persistence.StoredTime;
import org.custodia.platform.persistence.TenantScoped;
import org.custodia.platform.problem.ProblemException;
import org.custodia.ropa.domain.ActivityJson;
import org.custodia.ropa.domain.ProcessingActivity;
import org.custodia.ropa.infrastructure.ProcessingActivityRepository;

/**
 * Writes drafts its callers ({@link ProcessingRegister}, {@link RegisterImport}) have already checked: a new entry, or
 * a change of a locked one, each audited.
 */
@Stateless
@TenantScoped
public class RegisterWriter {

    @Inject
    ProcessingActivityRepository activities;

    @Inject
    AuditTrail audit;

    /** Writes a checked draft as a new entry (the tenant's register locked by the caller). */
    public ProcessingActivity add(Actor actor, ProcessingRegister.Draft draft) {
        ProcessingActivity a = ProcessingActivity.create(draft.reference(), draft.content(), ActivityJson.write(draft.content()),
                draft.ownerId(), draft.reviewDue(), StoredTime.now());
        if (!activities.add(actor.tenantId(), a, actor.principal())) {
            throw ProblemException.conflict("reference", "The register already has an entry '" + draft.reference() + "'");
        }
        audit.append(actor, "ropa.activity.created", "processing_activity", a.id().toString(), ProcessingRegister.facts(a));
        return a;
    }

    /**
     * Writes a checked draft over a locked entry: a new version when the content differs, else only owner and review
     * date when they differ, else nothing (null).
     */
    public ProcessingActivity change(Actor actor, ProcessingActivity a, ProcessingRegister.Draft draft) {
        String json = ActivityJson.write(draft.content());
        if (ActivityJson.tree(json).equals(ActivityJson.canonical(a.contentJson()))) {
            if (java.util.Objects.equals(a.ownerId(), draft.ownerId()) && java.util.Objects.equals(a.reviewDue(), draft.reviewDue())) {
                return null;
            }
            a.reassign(draft.ownerId(), draft.reviewDue(), StoredTime.now());
            activities.update(actor.tenantId(), a, false, actor.principal());
            audit.append(actor, "ropa.activity.reassigned", "processing_activity", a.id().toString(), ProcessingRegister.facts(a));
            return a;
        }
        a.revise(draft.content(), json, draft.ownerId(), draft.reviewDue(), StoredTime.now());
        activities.update(actor.tenantId(), a, true, actor.principal());
        audit.append(actor, "ropa.activity.revised", "processing_activity", a.id().toString(), ProcessingRegister.facts(a));
        return a;
    }

}
