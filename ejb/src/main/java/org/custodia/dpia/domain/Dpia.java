package org.custodia.dpia.domain;

import java.time.Instant;
import java.time.LocalDate;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import org.custodia.platform.problem.ProblemException;

/**
 * One assessment of one processing activity: its screening (WP248 criteria, Art. 35(3) cases, the controller's
 * reasoning, the outcome with its rule), its answers against a template version, its owner and review date, and the
 * DPO's latest decision with the written opinion and what was signed off. Frozen while the DPO reviews it; a change of
 * what was assessed after sign-off needs the DPO again.
 */
public class Dpia {

    /** The screening as entered and as {@link DpiaScreening} judged it. */
    public record Screening(Set<DpiaScreening.Criterion> criteria, Set<DpiaScreening.Article35Case> cases, String reasoning,
                            DpiaScreening.Result result) {

        public static Screening of(Set<DpiaScreening.Criterion> criteria, Set<DpiaScreening.Article35Case> cases, String reasoning) {
            Set<DpiaScreening.Criterion> c = criteria == null ? Set.of() : Set.copyOf(criteria);
            Set<DpiaScreening.Article35Case> a = cases == null ? Set.of() : Set.copyOf(cases);
            String r = reasoning == null || reasoning.isBlank() ? null : reasoning.strip();
            return new Screening(c, a, r, DpiaScreening.screen(c, a, r));
        }

        boolean required() {
            return result.outcome() == DpiaScreening.Outcome.REQUIRED;
        }
    }

    /** The DPO's latest decision: APPROVE with the opinion, or REJECT/REQUEST_CHANGES with the reason or comment. */
    public record DpoDecision(String decision, String opinion, String decidedBy, Instant decidedAt) {
    }

    /** A found risk as it stood when the DPO signed off: its reference, title, ratings in words, status. */
    public record RiskAtSignOff(String reference, String title, String inherent, String residual, String status) {
    }

    /** What the DPO signed off: the risks then, why prior consultation was required (null: it was not), when (ISO-8601). */
    public record SignOff(java.util.List<RiskAtSignOff> risks, String priorConsultation, String at) {
    }

    private final UUID id;
    private final String reference;
    private final UUID activityId;
    private String title;
    private DpiaStatus status;
    private Screening screening;
    private final String templateKey;
    private final int templateVersion;
    private Map<String, String> answers;
    private UUID ownerId;
    private LocalDate reviewDue;
    private String reviewProcess;
    private DpoDecision dpo;
    private SignOff signOff;
    private final Instant createdAt;
    private Instant updatedAt;

    @SuppressWarnings("java:S107") // the stored row, column by column
    public Dpia(UUID id, String reference, UUID activityId, String title, DpiaStatus status, Screening screening, String templateKey,
                int templateVersion, Map<String, String> answers, UUID ownerId, LocalDate reviewDue, String reviewProcess, DpoDecision dpo,
                SignOff signOff, Instant createdAt, Instant updatedAt) {
        this.id = id;
        this.reference = reference;
        this.activityId = activityId;
        this.title = title;
        this.status = status;
        this.screening = screening;
        this.templateKey = templateKey;
        this.templateVersion = templateVersion;
        this.answers = Map.copyOf(answers);
        this.ownerId = ownerId;
        this.reviewDue = reviewDue;
        this.reviewProcess = reviewProcess;
        this.dpo = dpo;
        this.signOff = signOff;
        this.createdAt = createdAt;
        this.updatedAt = updatedAt;
    }

    /** A new assessment: in progress when the screening requires one, else kept as not required with its reasoning. */
    public static Dpia screened(String reference, UUID activityId, String title, Screening screening, DpiaTemplate template, UUID ownerId,
                                LocalDate reviewDue, Instant now) {
        return new Dpia(UUID.randomUUID(), reference, activityId, title, screening.required() ? DpiaStatus.IN_PROGRESS : DpiaStatus.NOT_REQUIRED,
                screening, template.key(), template.version(), Map.of(), ownerId, reviewDue, null, null, null, now, now);
    }

    /**
     * A changed screening, title, answers, owner or review date. A change of what was assessed (title, screening, answers)
     * puts a signed-off assessment in progress again; a new owner or review date alone keeps its status.
     */
    public void change(String title, Screening screening, Map<String, String> answers, UUID ownerId, LocalDate reviewDue, Instant now) {
        if (status == DpiaStatus.IN_REVIEW) {
            throw ProblemException.conflict("status", "'" + reference + "' is with the DPO and cannot change until the DPO has decided");
        }
        if (title.equals(this.title) && screening.criteria().equals(this.screening.criteria()) && screening.cases().equals(this.screening.cases())
                && sameText(screening.reasoning(), this.screening.reasoning()) && answers.equals(this.answers)) {
            this.ownerId = ownerId;
            this.reviewDue = reviewDue;
            this.updatedAt = now;
            return;
        }
        if (!screening.required() && !answers.isEmpty()) {
            throw ProblemException.conflict("answers", "the screening says no DPIA is required (" + screening.result().because() + ")");
        }
        this.title = title;
        this.screening = screening;
        this.answers = Map.copyOf(answers);
        this.ownerId = ownerId;
        this.reviewDue = reviewDue;
        this.status = screening.required() ? DpiaStatus.IN_PROGRESS : DpiaStatus.NOT_REQUIRED;
        this.updatedAt = now;
    }

    /** Equal but for line endings: a browser sends a text area's CRLF as LF, which is no change of the reasoning. */
    private static boolean sameText(String a, String b) {
        return a == null || b == null ? a == b : a.replace("\r\n", "\n").equals(b.replace("\r\n", "\n"));
    }

    /** Whether it may go to the DPO: in progress, every required question answered; else refused saying why. */
    public void checkSubmittable(DpiaTemplate template) {
        if (status != DpiaStatus.IN_PROGRESS) {
            throw ProblemException.conflict("status", "'" + reference + "' is " + status + "; only an assessment in progress goes to the DPO");
        }
        var open = DpiaAnswers.unanswered(template, answers);
        if (!open.isEmpty()) {
            throw ProblemException.invalid(open.stream().map(q -> new org.custodia.platform.problem.FieldError("answers." + q,
                    "is required before the DPO's review")).toList());
        }
    }

    /** With the DPO now ({@link #checkSubmittable} passed). */
    public void submitted(String processInstanceId, Instant now) {
        status = DpiaStatus.IN_REVIEW;
        reviewProcess = processInstanceId;
        updatedAt = now;
    }

    /**
     * The DPO's decision, recorded by the review process: APPROVE signs off (with what was signed: {@code signOff}),
     * anything else puts it back in progress.
     */
    public void decided(DpoDecision decision, SignOff signOff, Instant now) {
        if (status != DpiaStatus.IN_REVIEW) {
            throw new IllegalStateException("DPIA " + id + " is not with the DPO");
        }
        dpo = decision;
        status = "APPROVE".equals(decision.decision()) ? DpiaStatus.APPROVED : DpiaStatus.IN_PROGRESS;
        if (status == DpiaStatus.APPROVED) {
            this.signOff = signOff;
        }
        reviewProcess = null;
        updatedAt = now;
    }

    public void checkRemovable() {
        if (status == DpiaStatus.IN_REVIEW || status == DpiaStatus.APPROVED) {
            throw ProblemException.conflict("status", "'" + reference + "' is " + status + "; a DPIA with the DPO or signed off is kept");
        }
    }

    public UUID id() { return id; }
    public String reference() { return reference; }
    public UUID activityId() { return activityId; }
    public String title() { return title; }
    public DpiaStatus status() { return status; }
    public Screening screening() { return screening; }
    public String templateKey() { return templateKey; }
    public int templateVersion() { return templateVersion; }
    public Map<String, String> answers() { return answers; }
    public UUID ownerId() { return ownerId; }
    public LocalDate reviewDue() { return reviewDue; }
    public String reviewProcess() { return reviewProcess; }
    public DpoDecision dpo() { return dpo; }
    public SignOff signOff() { return signOff; }

    /** What the DPO signed off, while it stands (approved, and nothing assessed changed since). */
    public java.util.Optional<SignOff> standingSignOff() {
        return status == DpiaStatus.APPROVED ? java.util.Optional.ofNullable(signOff) : java.util.Optional.empty();
    }
    public Instant createdAt() { return createdAt; }
    public Instant updatedAt() { return updatedAt; }
}
