package org.custodia.dpia.application;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

import jakarta.ejb.Stateless;
import jakarta.inject.Inject;

import org.custodia.audit.application.AuditTrail;
import org.custodia.bpmn.DpiaReviewProcess;
import org.custodia.bpmn.TaskDecision;
import org.custodia.dpia.domain.Dpia;
import org.custodia.dpia.domain.DpiaAnswers;
import org.custodia.dpia.domain.DpiaScreening;
import org.custodia.dpia.domain.DpiaTemplate;
import org.custodia.dpia.domain.PriorConsultation;
import org.custodia.dpia.infrastructure.DpiaRepository;
import org.custodia.dpia.infrastructure.DpiaReviews;
import org.custodia.identity.application.UserService;
import org.custodia.platform.context.Actor;
import org.custodia.platform.persistence.StoredTime;
import org.custodia.platform.persistence.TenantId;
import org.custodia.platform.persistence.TenantScoped;
import org.custodia.platform.problem.FieldError;
import org.custodia.platform.problem.ProblemException;
import org.custodia.risk.application.RiskRegister;
import org.custodia.risk.application.RiskRegister.RatedRisk;
import org.custodia.risk.domain.RiskDraft;
import org.custodia.risk.domain.RiskStatus;
import org.custodia.ropa.application.ProcessingRegister;
import org.custodia.workflow.application.TaskDecisions;

/**
 * Data protection impact assessments (GDPR Art. 35): screened, answered against a template version, the risks they find
 * written to the risk register, sent to the DPO (dpia-review.bpmn) and signed off with the DPO's opinion; prior
 * consultation (Art. 36) is flagged while a found risk stays in the highest band. Every change is audited.
 */
@Stateless
@TenantScoped
public class DpiaService {

    /** What a caller writes; {@code template}/{@code templateVersion} only when creating (null: the latest {@code art35}). */
    public record Draft(String reference, UUID activityId, String title, Set<DpiaScreening.Criterion> criteria,
                        Set<DpiaScreening.Article35Case> cases, String reasoning, Map<String, String> answers, UUID ownerId,
                        LocalDate reviewDue, String template, Integer templateVersion) {
    }

    /** An assessment with its template, the required questions still open, the risks it found and whether Art. 36 applies. */
    public record Assessment(Dpia dpia, DpiaTemplate template, List<String> unanswered, List<RatedRisk> risks,
                             Optional<String> priorConsultation) {
    }

    @Inject
    DpiaRepository dpias;

    @Inject
    DpiaTemplates templates;

    @Inject
    DpiaReviews reviews;

    @Inject
    ProcessingRegister activities;

    @Inject
    RiskRegister risks;

    @Inject
    TaskDecisions decisions;

    @Inject
    UserService users;

    @Inject
    AuditTrail audit;

    public Assessment create(Actor actor, Draft d) {
        String key = d.template() == null ? DpiaTemplate.DEFAULT.key() : d.template();
        DpiaTemplate template = templates.find(actor.tenantId(), key, d.templateVersion()).orElseThrow(() -> ProblemException.invalid(
                "template", "no template '" + key + "'" + (d.templateVersion() == null ? "" : " version " + d.templateVersion())));
        Map<String, String> answers = check(actor.tenantId(), d, template);
        Dpia dpia = Dpia.screened(d.reference(), d.activityId(), d.title().strip(), screening(d), template, d.ownerId(), d.reviewDue(),
                StoredTime.now());
        if (!answers.isEmpty()) {
            dpia.change(dpia.title(), dpia.screening(), answers, d.ownerId(), d.reviewDue(), StoredTime.now());
        }
        if (!dpias.add(actor.tenantId(), dpia)) {
            throw ProblemException.conflict("reference", "There is already a DPIA '" + d.reference() + "'");
        }
        audit.append(actor, "dpia.created", "dpia", dpia.id().toString(), facts(dpia));
        return assessment(actor.tenantId(), dpia);
    }

    /** Replaces title, screening, answers, owner and review date (reference and activity stay). */
    public Assessment change(Actor actor, UUID id, Draft d) {
        Dpia dpia = dpias.lock(id).orElseThrow(() -> notFound(id));
        if (!dpia.reference().equals(d.reference()) || !dpia.activityId().equals(d.activityId())) {
            throw ProblemException.invalid(!dpia.reference().equals(d.reference()) ? "reference" : "activityId",
                    "cannot change: a new assessment is a new DPIA");
        }
        DpiaTemplate template = template(actor.tenantId(), dpia);
        Map<String, String> answers = check(actor.tenantId(), d, template);
        dpia.change(d.title().strip(), screening(d), answers, d.ownerId(), d.reviewDue(), StoredTime.now());
        dpias.update(dpia);
        audit.append(actor, "dpia.changed", "dpia", id.toString(), facts(dpia));
        return assessment(actor.tenantId(), dpia);
    }

    public Assessment submit(Actor actor, UUID id) {
        Dpia dpia = dpias.lock(id).orElseThrow(() -> notFound(id));
        DpiaTemplate template = template(actor.tenantId(), dpia);
        dpia.checkSubmittable(template);
        dpia.submitted(reviews.start(actor, id), StoredTime.now());
        dpias.update(dpia);
        audit.append(actor, "dpia.submitted", "dpia", id.toString(), facts(dpia));
        return assessment(actor.tenantId(), dpia);
    }

    /** Called by dpia-review.bpmn once the DPO decided: signs off with the opinion, or puts it back in progress. */
    public void decided(@TenantId UUID tenantId, UUID id, String processInstanceId) {
        Dpia dpia = dpias.lock(id).orElseThrow(() -> notFound(id));
        TaskDecisions.Decided d = decisions.latest(tenantId, DpiaReviewProcess.KEY, id.toString())
                .orElseThrow(() -> new IllegalStateException("no DPO decision recorded for DPIA " + id));
        String opinion = d.decision() == TaskDecision.REJECT ? d.reason() : d.comment();
        Assessment now = assessment(tenantId, dpia);
        Dpia.SignOff signed = new Dpia.SignOff(now.risks().stream().map(r -> new Dpia.RiskAtSignOff(r.risk().reference(), r.risk().title(),
                words(r.inherent()), r.residual() == null ? "not treated" : words(r.residual()), r.risk().status().name())).toList(),
                now.priorConsultation().orElse(null), StoredTime.now().toString());
        dpia.decided(new Dpia.DpoDecision(d.decision().name(), opinion, principal(d.decidedBy()), d.decidedAt()), signed, StoredTime.now());
        dpias.update(dpia);
        Map<String, Object> facts = facts(dpia);
        facts.put("priorConsultation", now.priorConsultation().isPresent());
        audit.append(new Actor(tenantId, principal(d.decidedBy()), processInstanceId),
                d.decision() == TaskDecision.APPROVE ? "dpia.signed_off" : "dpia.returned", "dpia", id.toString(), facts);
    }

    public void delete(Actor actor, UUID id) {
        Dpia dpia = dpias.lock(id).orElseThrow(() -> notFound(id));
        dpia.checkRemovable();
        dpias.delete(id);
        audit.append(actor, "dpia.deleted", "dpia", id.toString(), facts(dpia));
    }

    /** A risk the assessment found, written to the risk register for the assessment's activity. */
    public RatedRisk addRisk(Actor actor, UUID id, RiskDraft draft) {
        Dpia dpia = dpias.lock(id).orElseThrow(() -> notFound(id));
        if (dpia.status() != org.custodia.dpia.domain.DpiaStatus.IN_PROGRESS) {
            throw ProblemException.conflict("status", "risks are added while the assessment is in progress (it is " + dpia.status() + ")");
        }
        List<UUID> linked = new ArrayList<>(draft.activityIds());
        if (!linked.contains(dpia.activityId())) {
            linked.add(0, dpia.activityId());
        }
        return risks.create(actor, new RiskDraft(draft.reference(), draft.title(), draft.description(), draft.category(), draft.ownerId(),
                draft.inherentLikelihood(), draft.inherentImpact(), draft.residualLikelihood(), draft.residualImpact(), draft.status(),
                linked, draft.incidentRefs()), id);
    }

    public Assessment get(@TenantId UUID tenantId, UUID id) {
        return assessment(tenantId, dpias.find(id).orElseThrow(() -> notFound(id)));
    }

    public List<Dpia> list(@TenantId UUID tenantId) {
        return dpias.all();
    }

    private Assessment assessment(UUID tenantId, Dpia dpia) {
        DpiaTemplate template = template(tenantId, dpia);
        List<RatedRisk> found = risks.ofDpia(tenantId, dpia.id());
        Optional<Dpia.SignOff> signed = dpia.standingSignOff();
        Optional<String> prior = signed.isPresent()
                ? Optional.ofNullable(signed.get().priorConsultation()) // as signed off, whatever the register says since
                : PriorConsultation.required(found.stream().map(r -> new PriorConsultation.FoundRisk(r.risk().reference(),
                        r.risk().status() == RiskStatus.CLOSED, (r.residual() != null ? r.residual() : r.inherent()).band().name(),
                        r.residual() != null)).toList(), risks.bands(tenantId).highest());
        return new Assessment(dpia, template, DpiaAnswers.unanswered(template, dpia.answers()), found, prior);
    }

    private DpiaTemplate template(UUID tenantId, Dpia dpia) {
        return templates.find(tenantId, dpia.templateKey(), dpia.templateVersion())
                .orElseThrow(() -> new IllegalStateException("DPIA " + dpia.id() + " names a template the tenant does not have"));
    }

    /** The draft's problems, all at once; the answers without blanks. */
    private Map<String, String> check(UUID tenantId, Draft d, DpiaTemplate template) {
        List<FieldError> errors = new ArrayList<>();
        if (d.reference() == null || !d.reference().matches("[A-Za-z0-9][A-Za-z0-9._-]{0,63}")) {
            errors.add(new FieldError("reference", "must be 1 to 64 letters, digits, '.', '_' or '-', starting with a letter or digit"));
        }
        if (d.title() == null || d.title().isBlank() || d.title().length() > 300) {
            errors.add(new FieldError("title", "is required, 1 to 300 characters"));
        }
        if (d.reasoning() != null && d.reasoning().length() > 8000) {
            errors.add(new FieldError("reasoning", "must be at most 8000 characters"));
        }
        if (d.activityId() == null) {
            errors.add(new FieldError("activityId", "is required: the processing activity assessed"));
        } else if (activities.find(tenantId, d.activityId()).isEmpty()) {
            errors.add(new FieldError("activityId", "is not a processing activity of this tenant"));
        }
        if (d.ownerId() != null && users.find(tenantId, d.ownerId()).isEmpty()) {
            errors.add(new FieldError("ownerId", "is not a user of this tenant"));
        }
        Map<String, String> answers = new LinkedHashMap<>();
        if (d.answers() != null) {
            d.answers().forEach((q, a) -> {
                if (a != null && !a.isBlank()) {
                    answers.put(q, a.strip());
                }
            });
            errors.addAll(DpiaAnswers.problems(template, d.answers()));
        }
        if (!errors.isEmpty()) {
            throw ProblemException.invalid(errors);
        }
        return answers;
    }

    private static Dpia.Screening screening(Draft d) {
        return Dpia.Screening.of(d.criteria(), d.cases(), d.reasoning());
    }

    private static String words(org.custodia.risk.domain.RiskMatrix.Rating r) {
        return r.likelihood() + " x " + r.impact() + " = " + r.score() + " (" + r.band().name() + ")";
    }

    private static String principal(String workerId) {
        return workerId.contains(":") ? workerId : "user:" + workerId;
    }

    private static Map<String, Object> facts(Dpia d) {
        Map<String, Object> facts = new LinkedHashMap<>();
        facts.put("reference", d.reference());
        facts.put("status", d.status().name());
        facts.put("screening", d.screening().result().outcome().name());
        facts.put("template", d.templateKey() + " v" + d.templateVersion());
        facts.put("answered", d.answers().size());
        return facts;
    }

    static ProblemException notFound(UUID id) {
        return ProblemException.notFound("DPIA " + id);
    }
}
