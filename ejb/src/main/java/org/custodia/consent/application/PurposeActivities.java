package org.custodia.consent.application;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import jakarta.ejb.Stateless;
import jakarta.inject.Inject;

import org.custodia.audit.application.AuditTrail;
import org.custodia.consent.domain.ConsentPurpose;
import org.custodia.consent.domain.PurposeActivityCheck;
import org.custodia.consent.infrastructure.PurposeRepository;
import org.custodia.platform.context.Actor;
import org.custodia.platform.persistence.TenantId;
import org.custodia.platform.persistence.TenantScoped;
import org.custodia.platform.problem.ProblemException;
import org.custodia.retention.application.RetentionPolicies;
import org.custodia.retention.domain.RetentionPeriods;
import org.custodia.ropa.application.ProcessingRegister;
import org.custodia.ropa.domain.ActivityJson;
import org.custodia.ropa.domain.ProcessingActivity;

/**
 * Which processing activity each consent purpose serves, and where the two disagree (legal basis, data categories,
 * retention, a retention policy's period included: {@link PurposeActivityCheck}); a purpose linked to no activity is listed too. Links are audited.
 */
@Stateless
@TenantScoped
public class PurposeActivities {

    /** A disagreement of one purpose, or (field {@code activityId}) a purpose no activity claims. */
    public record Finding(String purpose, String activityId, String activityReference, String field, String purposeValue,
                          String activityValue, String reason) {
    }

    @Inject
    PurposeRepository purposes;

    @Inject
    ProcessingRegister activities;

    @Inject
    RetentionPolicies retentionPolicies;

    @Inject
    AuditTrail audit;

    /** Links the purpose to the activity it serves ({@code activityId} null: unlinks). */
    public ConsentPurpose link(Actor actor, String key, UUID activityId) {
        ConsentPurpose p = purposes.byKey(actor.tenantId(), key);
        if (p == null) {
            throw ProblemException.notFound("Purpose '" + key + "'");
        }
        String reference = null;
        if (activityId != null) {
            reference = activities.find(actor.tenantId(), activityId).map(ProcessingActivity::reference)
                    .orElseThrow(() -> ProblemException.invalid("activityId", "is not a processing activity of this tenant"));
        }
        purposes.serve(p.id(), activityId);
        Map<String, Object> facts = new LinkedHashMap<>();
        facts.put("purpose", key);
        facts.put("activity", reference == null ? "none" : reference);
        audit.append(actor, "consent.purpose.linked", "consent_purpose", p.id().toString(), facts);
        return p;
    }

    /** Purpose key → the processing activity it serves (purposes linked to none are left out). */
    public Map<String, UUID> links(@TenantId UUID tenantId) {
        return purposes.activities();
    }

    /** Every purpose's disagreements with its activity, and the purposes linked to none, by purpose key. */
    public List<Finding> findings(@TenantId UUID tenantId) {
        Map<UUID, ProcessingActivity> byId = new HashMap<>();
        activities.list(tenantId).forEach(a -> byId.put(a.id(), a));
        List<Finding> out = new ArrayList<>();
        Map<String, UUID> links = purposes.activities();
        Map<String, String> policyPeriods = new HashMap<>();
        retentionPolicies.byKey(tenantId).forEach((key, policy) -> policyPeriods.put(key, RetentionPeriods.iso(policy.period())));
        for (ConsentPurpose p : purposes.all(tenantId)) {
            ProcessingActivity a = links.containsKey(p.key()) ? byId.get(links.get(p.key())) : null;
            if (a == null) {
                out.add(new Finding(p.key(), null, null, "activityId", null, null,
                        "the purpose serves no processing activity of the record (GDPR Art. 30): its legal basis and retention are its own"));
                continue;
            }
            for (PurposeActivityCheck.Disagreement d : PurposeActivityCheck.check(p.details(), ActivityJson.read(a.contentJson()).record(),
                    policyPeriods)) {
                out.add(new Finding(p.key(), a.id().toString(), a.reference(), d.field(), d.purposeValue(), d.activityValue(), d.reason()));
            }
        }
        return out;
    }
}
