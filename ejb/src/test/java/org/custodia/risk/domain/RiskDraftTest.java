package org.custodia.risk.domain;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.UUID;

import org.custodia.platform.problem.FieldError;
import org.junit.jupiter.api.Test;

class RiskDraftTest {

    static List<String> fields(RiskDraft d) {
        return d.problems().stream().map(FieldError::field).toList();
    }

    @Test
    void aRatedRiskWithATitleIsStored() {
        assertThat(fields(new RiskDraft("R-1", "Breach of payroll data", null, null, null, 3, 4, null, null, null, null, null))).isEmpty();
    }

    @Test
    void ratingsAreOneToFiveAndTheResidualOneComesWhole() {
        assertThat(fields(new RiskDraft("R-1", "t", null, null, null, 0, 6, 2, null, RiskStatus.OPEN, List.of(), List.of())))
                .containsExactly("inherentLikelihood", "inherentImpact", "residualImpact");
    }

    @Test
    void aTreatedRiskNeedsItsResidualRatingAndAnAcceptedOneAnOwner() {
        assertThat(fields(new RiskDraft("R-1", "t", null, null, null, 3, 3, null, null, RiskStatus.TREATED, null, null)))
                .containsExactly("residualLikelihood");
        assertThat(fields(new RiskDraft("R-1", "t", null, null, null, 3, 3, null, null, RiskStatus.ACCEPTED, null, null)))
                .containsExactly("ownerId");
        assertThat(fields(new RiskDraft("R-1", "t", null, null, UUID.randomUUID(), 3, 3, null, null, RiskStatus.ACCEPTED, null, null)))
                .isEmpty();
    }

    @Test
    void textsAndReferencesAreBounded() {
        assertThat(fields(new RiskDraft("R 1", " ", "x".repeat(4001), "c".repeat(101), null, 1, 1, null, null, null, null,
                List.of(" ")))).containsExactly("reference", "title", "description", "category", "incidentRefs[0]");
    }
}
