package org.custodia.dpia.domain;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.EnumSet;
import java.util.Set;

import org.custodia.dpia.domain.DpiaScreening.Article35Case;
import org.custodia.dpia.domain.DpiaScreening.Criterion;
import org.custodia.dpia.domain.DpiaScreening.Outcome;
import org.junit.jupiter.api.Test;

/** WP248 rev.01's own examples (III.B.a, the table of examples) worked through the screening. */
class DpiaScreeningTest {

    @Test
    void aHospitalProcessingPatientsGeneticAndHealthDataNeedsOne() {
        // WP248 example: sensitive data + vulnerable data subjects + large scale
        var r = DpiaScreening.screen(EnumSet.of(Criterion.SENSITIVE_OR_HIGHLY_PERSONAL_DATA, Criterion.VULNERABLE_DATA_SUBJECTS,
                Criterion.LARGE_SCALE), Set.of(), null);
        assertThat(r.outcome()).isEqualTo(Outcome.REQUIRED);
        assertThat(r.because()).contains("WP248").contains("3 criteria");
    }

    @Test
    void anOnlineMagazineMailingItsSubscribersADailyDigestDoesNot() {
        // WP248 example: one criterion at most (large scale), not likely to result in a high risk
        assertThat(DpiaScreening.screen(EnumSet.of(Criterion.LARGE_SCALE), Set.of(), null).outcome()).isEqualTo(Outcome.NOT_REQUIRED);
        assertThat(DpiaScreening.screen(Set.of(), Set.of(), null).outcome()).isEqualTo(Outcome.NOT_REQUIRED);
    }

    @Test
    void twoCriteriaWithTheControllersReasoningAreNotRequiredAndSaySo() {
        var r = DpiaScreening.screen(EnumSet.of(Criterion.SYSTEMATIC_MONITORING, Criterion.INNOVATIVE_TECHNOLOGY), Set.of(),
                "badge readers log door openings only; no profiling, retention 30 days");
        assertThat(r.outcome()).isEqualTo(Outcome.NOT_REQUIRED_WITH_REASONING);
        assertThat(DpiaScreening.screen(EnumSet.of(Criterion.SYSTEMATIC_MONITORING, Criterion.INNOVATIVE_TECHNOLOGY), Set.of(), "  ")
                .outcome()).as("blank reasoning is none").isEqualTo(Outcome.REQUIRED);
    }

    @Test
    void anArticle35Point3CaseNeedsOneWhateverTheReasoning() {
        var r = DpiaScreening.screen(Set.of(), EnumSet.of(Article35Case.LARGE_SCALE_PUBLIC_MONITORING), "we think it is fine");
        assertThat(r.outcome()).isEqualTo(Outcome.REQUIRED);
        assertThat(r.because()).startsWith("GDPR Art. 35(3)");
    }
}
