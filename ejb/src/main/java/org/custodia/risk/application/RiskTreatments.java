package org.custodia.risk.application;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

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
import org.custodia.risk.domain.Treatment;
import org.custodia.risk.infrastructure.RiskRepository;

/** A risk's treatment plans: added, changed (a new due date is reminded anew), removed; audited. */
@Stateless
@TenantScoped
public class RiskTreatments {

    /** What a caller writes. */
    public record Plan(Treatment.Strategy strategy, String description, UUID ownerId, LocalDate dueDate, Treatment.Status status) {
    }

    @Inject
    RiskRepository risks;

    @Inject
    UserService users;

    @Inject
    AuditTrail audit;

    public Treatment add(Actor actor, UUID riskId, Plan plan) {
        risks.lock(riskId).orElseThrow(() -> RiskRegister.notFound(riskId));
        check(actor.tenantId(), plan);
        Treatment t = new Treatment(UUID.randomUUID(), riskId, plan.strategy(), plan.description().strip(), plan.ownerId(), plan.dueDate(),
                plan.status() == null ? Treatment.Status.PLANNED : plan.status(), StoredTime.now(), StoredTime.now());
        risks.addTreatment(actor.tenantId(), t);
        audit.append(actor, "risk.treatment.added", "risk", riskId.toString(), facts(t));
        return t;
    }

    public Treatment update(Actor actor, UUID riskId, UUID treatmentId, Plan plan) {
        risks.lock(riskId).orElseThrow(() -> RiskRegister.notFound(riskId));
        Treatment old = treatment(riskId, treatmentId);
        check(actor.tenantId(), plan);
        Treatment t = new Treatment(treatmentId, riskId, plan.strategy(), plan.description().strip(), plan.ownerId(), plan.dueDate(),
                plan.status() == null ? old.status() : plan.status(), old.createdAt(), StoredTime.now());
        risks.updateTreatment(t);
        audit.append(actor, "risk.treatment.updated", "risk", riskId.toString(), facts(t));
        return t;
    }

    public void delete(Actor actor, UUID riskId, UUID treatmentId) {
        risks.lock(riskId).orElseThrow(() -> RiskRegister.notFound(riskId));
        Treatment t = treatment(riskId, treatmentId);
        risks.deleteTreatment(treatmentId);
        audit.append(actor, "risk.treatment.removed", "risk", riskId.toString(), facts(t));
    }

    public List<Treatment> of(@TenantId UUID tenantId, UUID riskId) {
        risks.find(riskId).orElseThrow(() -> RiskRegister.notFound(riskId));
        return risks.treatments(riskId);
    }

    /** Every risk's plans. */
    public List<Treatment> all(@TenantId UUID tenantId) {
        return risks.treatments(null);
    }

    private Treatment treatment(UUID riskId, UUID treatmentId) {
        return risks.treatments(riskId).stream().filter(t -> t.id().equals(treatmentId)).findFirst()
                .orElseThrow(() -> ProblemException.notFound("Treatment " + treatmentId + " of risk " + riskId));
    }

    private void check(UUID tenantId, Plan plan) {
        List<FieldError> errors = new ArrayList<>();
        if (plan.strategy() == null) {
            errors.add(new FieldError("strategy", "must be MITIGATE, ACCEPT, TRANSFER or AVOID"));
        }
        if (plan.description() == null || plan.description().isBlank() || plan.description().length() > 4000) {
            errors.add(new FieldError("description", "is required, 1 to 4000 characters"));
        }
        if (plan.ownerId() != null && users.find(tenantId, plan.ownerId()).isEmpty()) {
            errors.add(new FieldError("ownerId", "is not a user of this tenant"));
        }
        if (!errors.isEmpty()) {
            throw ProblemException.invalid(errors);
        }
    }

    private static Map<String, Object> facts(Treatment t) {
        Map<String, Object> facts = new LinkedHashMap<>();
        facts.put("treatment", t.id().toString());
        facts.put("strategy", t.strategy().name());
        facts.put("status", t.status().name());
        if (t.dueDate() != null) {
            facts.put("dueDate", t.dueDate().toString());
        }
        return facts;
    }
}
