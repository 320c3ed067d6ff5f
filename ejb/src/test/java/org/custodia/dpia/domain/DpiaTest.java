package org.custodia.dpia.domain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import org.custodia.dpia.domain.DpiaScreening.Criterion;
import org.custodia.platform.problem.ProblemException;
import org.junit.jupiter.api.Test;

class DpiaTest {

    static final Instant NOW = Instant.parse("2026-12-03T10:00:00Z");
    static final Dpia.Screening TWO = Dpia.Screening.of(Set.of(Criterion.LARGE_SCALE, Criterion.SENSITIVE_OR_HIGHLY_PERSONAL_DATA), null, null);

    static Map<String, String> complete() {
        return Map.of("description", "d", "necessity", "n", "rights", "r", "risks", "k", "measures", "m");
    }

    @Test
    void aScreeningThatRequiresNoneKeepsTheAssessmentFromBeingAnswered() {
        Dpia.Screening reasoned = Dpia.Screening.of(TWO.criteria(), null, "staff only, pseudonymised");
        Dpia d = Dpia.screened("D-1", UUID.randomUUID(), "t", reasoned, DpiaTemplate.DEFAULT, null, null, NOW);
        assertThat(d.status()).isEqualTo(DpiaStatus.NOT_REQUIRED);
        assertThatThrownBy(() -> d.change("t", reasoned, complete(), null, null, NOW)).isInstanceOf(ProblemException.class)
                .hasMessageContaining("no DPIA is required");
        d.change("t", TWO, complete(), null, null, NOW);
        assertThat(d.status()).as("screened again as required").isEqualTo(DpiaStatus.IN_PROGRESS);
    }

    @Test
    void itGoesToTheDpoOnlyAnsweredAndIsFrozenThereUntilSignedOff() {
        Dpia d = Dpia.screened("D-1", UUID.randomUUID(), "t", TWO, DpiaTemplate.DEFAULT, null, null, NOW);
        assertThatThrownBy(() -> d.checkSubmittable(DpiaTemplate.DEFAULT)).isInstanceOf(ProblemException.class);
        d.change("t", TWO, complete(), null, null, NOW);
        d.checkSubmittable(DpiaTemplate.DEFAULT);
        d.submitted("pi-1", NOW);
        assertThat(d.status()).isEqualTo(DpiaStatus.IN_REVIEW);
        assertThatThrownBy(() -> d.change("t", TWO, complete(), null, null, NOW)).isInstanceOf(ProblemException.class);
        assertThatThrownBy(d::checkRemovable).isInstanceOf(ProblemException.class);
        d.decided(new Dpia.DpoDecision("REQUEST_CHANGES", "name the processor", "user:1", NOW), null, NOW);
        assertThat(d.status()).isEqualTo(DpiaStatus.IN_PROGRESS);
        d.checkSubmittable(DpiaTemplate.DEFAULT);
        d.submitted("pi-2", NOW);
        d.decided(new Dpia.DpoDecision("APPROVE", "proceed", "user:1", NOW), new Dpia.SignOff(java.util.List.of(), null, NOW.toString()), NOW);
        assertThat(d.signOff().at()).isEqualTo(NOW.toString());
        assertThat(d.status()).isEqualTo(DpiaStatus.APPROVED);
        assertThat(d.dpo().opinion()).isEqualTo("proceed");
        d.change("t", TWO, complete(), null, java.time.LocalDate.of(2027, 12, 1), NOW);
        assertThat(d.status()).as("a new review date alone keeps the sign-off").isEqualTo(DpiaStatus.APPROVED);
        assertThat(d.standingSignOff()).isPresent();
        d.change("t2", TWO, complete(), null, null, NOW);
        assertThat(d.status()).as("a change of what was assessed needs the DPO again").isEqualTo(DpiaStatus.IN_PROGRESS);
        assertThat(d.standingSignOff()).as("the sign-off no longer stands").isEmpty();
    }

    @Test
    void reasoningSentBackWithOtherLineEndingsIsNoChange() {
        Dpia.Screening crlf = Dpia.Screening.of(TWO.criteria(), null, "staff only,\r\npseudonymised");
        Dpia d = Dpia.screened("D-1", UUID.randomUUID(), "t", crlf, DpiaTemplate.DEFAULT, null, null, NOW);
        d.change("t", Dpia.Screening.of(TWO.criteria(), null, "staff only,\npseudonymised"), Map.of(), null,
                java.time.LocalDate.of(2027, 12, 1), NOW);
        assertThat(d.screening().reasoning()).as("kept as it was").isEqualTo("staff only,\r\npseudonymised");
        assertThat(d.reviewDue()).isEqualTo(java.time.LocalDate.of(2027, 12, 1));
    }
}
