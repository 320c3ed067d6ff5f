package org.custodia.risk.application;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
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
import org.custodia.risk.domain.HeatMap;
import org.custodia.risk.domain.Risk;
import org.custodia.risk.domain.RiskBands;
import org.custodia.risk.domain.RiskDraft;
import org.custodia.risk.domain.RiskMatrix;
import org.custodia.risk.infrastructure.RiskRepository;
import org.custodia.risk.infrastructure.RiskSettingsRepository;

/**
 * The risk register: risks rated on the tenant's 5 × 5 matrix before and after treatment, linked to processing
 * activities, their heat maps, and the tenant's bands. Every change is audited.
 */
@Stateless
@TenantScoped
public class RiskRegister {

    /** A risk as shown: with its inherent and residual rating (score and band) under the tenant's bands. */
    public record RatedRisk(Risk risk, RiskMatrix.Rating inherent, RiskMatrix.Rating residual) {
    }

    @Inject
    RiskRepository risks;

    @Inject
    RiskSettingsRepository settings;

    @Inject
    UserService users;

    @Inject
    AuditTrail audit;

    /** A new risk; {@code dpiaId}: the assessment that found it (source {@code dpia}), else null (source {@code manual}). */
    public RatedRisk create(Actor actor, RiskDraft draft, UUID dpiaId) {
        check(actor.tenantId(), draft);
        Instant now = StoredTime.now();
        Risk r = risk(UUID.randomUUID(), draft, dpiaId == null ? "manual" : "dpia", dpiaId, now, now);
        if (!risks.add(actor.tenantId(), r)) {
            throw ProblemException.conflict("reference", "The register already has a risk '" + draft.reference() + "'");
        }
        audit.append(actor, "risk.created", "risk", r.id().toString(), facts(r));
        return rated(r, settings.bands().matrix());
    }

    public RatedRisk update(Actor actor, UUID id, RiskDraft draft) {
        check(actor.tenantId(), draft);
        Risk old = risks.lock(id).orElseThrow(() -> notFound(id));
        notWithTheDpo(old);
        if (!old.reference().equals(draft.reference())) {
            throw ProblemException.invalid("reference", "cannot change (it is '" + old.reference() + "')");
        }
        Risk r = risk(id, draft, old.source(), old.dpiaId(), old.createdAt(), StoredTime.now());
        risks.update(actor.tenantId(), r);
        Map<String, Object> facts = facts(r);
        facts.put("before", old.inherentLikelihood() + "x" + old.inherentImpact()
                + (old.hasResidual() ? " / " + old.residualLikelihood() + "x" + old.residualImpact() : "") + " " + old.status());
        audit.append(actor, "risk.updated", "risk", r.id().toString(), facts);
        return rated(r, settings.bands().matrix());
    }

    public void delete(Actor actor, UUID id) {
        Risk r = risks.lock(id).orElseThrow(() -> notFound(id));
        notWithTheDpo(r);
        risks.delete(id);
        audit.append(actor, "risk.deleted", "risk", id.toString(), facts(r));
    }

    public RatedRisk get(@TenantId UUID tenantId, UUID id) {
        return rated(risks.find(id).orElseThrow(() -> notFound(id)), settings.bands().matrix());
    }

    /** All risks, by reference, rated. */
    public List<RatedRisk> list(@TenantId UUID tenantId) {
        RiskMatrix matrix = settings.bands().matrix();
        return risks.all().stream().map(r -> rated(r, matrix)).toList();
    }

    /** The risks an assessment found, rated. */
    public List<RatedRisk> ofDpia(@TenantId UUID tenantId, UUID dpiaId) {
        return list(tenantId).stream().filter(r -> dpiaId.equals(r.risk().dpiaId())).toList();
    }

    public HeatMap.Map5x5 heatMap(@TenantId UUID tenantId, boolean residual) {
        return HeatMap.of(risks.all(), settings.bands().matrix(), residual);
    }

    public RiskBands bands(@TenantId UUID tenantId) {
        return settings.bands();
    }

    /** New bands for every risk's rating from now on; audited with the old and new bands. */
    public RiskBands setBands(Actor actor, RiskBands bands) {
        List<FieldError> errors = bands.problems();
        if (!errors.isEmpty()) {
            throw ProblemException.invalid(errors);
        }
        RiskBands old = settings.bands();
        settings.save(actor.tenantId(), bands, StoredTime.now());
        audit.append(actor, "risk.bands.changed", "risk_settings", actor.tenantId().toString(),
                Map.of("before", describe(old), "after", describe(bands)));
        return bands;
    }

    /** A risk a DPIA found stays as it is while the DPO reviews that DPIA (the opinion is on what the DPO sees). */
    private void notWithTheDpo(Risk r) {
        if (r.dpiaId() != null && "IN_REVIEW".equals(risks.dpiaStatus(r.dpiaId()))) {
            throw ProblemException.conflict("id", "'" + r.reference() + "' was found by a DPIA the DPO is reviewing; it can change once the"
                    + " DPO has decided");
        }
    }

    private void check(UUID tenantId, RiskDraft draft) {
        List<FieldError> errors = new ArrayList<>(draft.problems());
        if (draft.ownerId() != null && users.find(tenantId, draft.ownerId()).isEmpty()) {
            errors.add(new FieldError("ownerId", "is not a user of this tenant"));
        }
        if (new HashSet<>(draft.activityIds()).size() != draft.activityIds().size()) {
            errors.add(new FieldError("activityIds", "names an activity twice"));
        } else if (errors.stream().noneMatch(e -> e.field().equals("activityIds"))) {
            List<UUID> found = risks.existingActivities(draft.activityIds());
            for (int i = 0; i < draft.activityIds().size(); i++) {
                if (!found.contains(draft.activityIds().get(i))) {
                    errors.add(new FieldError("activityIds[" + i + "]", "is not a processing activity of this tenant"));
                }
            }
        }
        if (!errors.isEmpty()) {
            throw ProblemException.invalid(errors);
        }
    }

    private static Risk risk(UUID id, RiskDraft d, String source, UUID dpiaId, Instant created, Instant updated) {
        return new Risk(id, d.reference(), d.title().strip(), d.description(), d.category(), d.ownerId(), d.inherentLikelihood(),
                d.inherentImpact(), d.residualLikelihood(), d.residualImpact(), d.status(), source, dpiaId, d.activityIds(), d.incidentRefs(),
                created, updated);
    }

    public static RatedRisk rated(Risk r, RiskMatrix matrix) {
        return new RatedRisk(r, matrix.rate(r.inherentLikelihood(), r.inherentImpact()),
                r.hasResidual() ? matrix.rate(r.residualLikelihood(), r.residualImpact()) : null);
    }

    private static Map<String, Object> facts(Risk r) {
        Map<String, Object> facts = new LinkedHashMap<>();
        facts.put("reference", r.reference());
        facts.put("inherent", r.inherentLikelihood() + "x" + r.inherentImpact());
        if (r.hasResidual()) {
            facts.put("residual", r.residualLikelihood() + "x" + r.residualImpact());
        }
        facts.put("status", r.status().name());
        facts.put("activities", r.activityIds().size());
        if (r.dpiaId() != null) {
            facts.put("dpia", r.dpiaId().toString());
        }
        return facts;
    }

    private static String describe(RiskBands bands) {
        return String.join(", ", bands.bands().stream().map(b -> b.name() + " " + b.from() + "-" + b.to()).toList());
    }

    static ProblemException notFound(UUID id) {
        return ProblemException.notFound("Risk " + id);
    }
}
