package org.custodia.dpia.domain;

import java.util.EnumSet;
import java.util.Set;

/**
 * Whether a processing activity needs a data protection impact assessment (GDPR Art. 35; EDPB-endorsed WP248 rev.01,
 * REGULATORY-FACTS.md "DPIA"). An Art. 35(3) case always needs one. Otherwise two or more of WP248's nine criteria
 * mean one is likely required: the controller may conclude otherwise, but only with its reasoning, which is kept
 * (WP248 III.B.a). Fewer than two: not required by these rules (a national authority's list may still add the case).
 */
public final class DpiaScreening {

    /** WP248 rev.01, III.B.a, the nine criteria. */
    public enum Criterion {
        EVALUATION_OR_SCORING, AUTOMATED_DECISION_WITH_LEGAL_EFFECT, SYSTEMATIC_MONITORING, SENSITIVE_OR_HIGHLY_PERSONAL_DATA,
        LARGE_SCALE, MATCHING_OR_COMBINING_DATASETS, VULNERABLE_DATA_SUBJECTS, INNOVATIVE_TECHNOLOGY, PREVENTS_EXERCISING_A_RIGHT
    }

    /** GDPR Art. 35(3)(a)-(c): a DPIA is required in any case. */
    public enum Article35Case {
        /** (a) systematic and extensive evaluation, based on automated processing, with legal or similarly significant effects */
        SYSTEMATIC_EXTENSIVE_EVALUATION,
        /** (b) large-scale processing of special categories (Art. 9(1)) or of criminal convictions and offences (Art. 10) */
        LARGE_SCALE_SPECIAL_OR_CRIMINAL_DATA,
        /** (c) systematic monitoring of a publicly accessible area on a large scale */
        LARGE_SCALE_PUBLIC_MONITORING
    }

    public enum Outcome {
        /** An Art. 35(3) case, or two or more criteria without the controller's reasoning otherwise. */
        REQUIRED,
        /** Two or more criteria, and the controller's reasoning why no high risk is likely (kept with the screening). */
        NOT_REQUIRED_WITH_REASONING,
        /** Fewer than two criteria and no Art. 35(3) case. */
        NOT_REQUIRED
    }

    /** The outcome and the rule that gave it, citing its source. */
    public record Result(Outcome outcome, String because) {
    }

    private DpiaScreening() {
    }

    /**
     * @param reasoning the controller's reasoning that no DPIA is needed despite two or more criteria (null or blank: none)
     */
    public static Result screen(Set<Criterion> criteria, Set<Article35Case> cases, String reasoning) {
        Set<Criterion> met = criteria.isEmpty() ? EnumSet.noneOf(Criterion.class) : EnumSet.copyOf(criteria);
        if (!cases.isEmpty()) {
            return new Result(Outcome.REQUIRED, "GDPR Art. 35(3): " + cases.iterator().next().name().toLowerCase().replace('_', ' ')
                    + " always needs a DPIA, whatever the reasoning");
        }
        if (met.size() >= 2) {
            boolean reasoned = reasoning != null && !reasoning.isBlank();
            return reasoned
                    ? new Result(Outcome.NOT_REQUIRED_WITH_REASONING, "WP248 rev.01 III.B.a: " + met.size()
                            + " criteria met; the controller's documented reasoning concludes no high risk is likely")
                    : new Result(Outcome.REQUIRED, "WP248 rev.01 III.B.a: " + met.size() + " criteria met (two or more: a DPIA is"
                            + " likely required)");
        }
        return new Result(Outcome.NOT_REQUIRED, "WP248 rev.01 III.B.a: " + met.size() + (met.size() == 1 ? " criterion" : " criteria")
                + " met (fewer than two)"
                + "; check the supervisory authority's Art. 35(4) list");
    }
}
