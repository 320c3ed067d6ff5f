package org.custodia.risk.domain;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

import org.junit.jupiter.api.Test;

class HeatMapTest {

    static Risk risk(int l, int i, Integer rl, Integer ri, RiskStatus status) {
        return new Risk(UUID.randomUUID(), "R", "t", null, null, null, l, i, rl, ri, status, "manual", null, List.of(), List.of(), Instant.EPOCH,
                Instant.EPOCH);
    }

    @Test
    void cellsCountTheirRisksAndBandsAddThemUp() {
        List<Risk> risks = List.of(risk(4, 5, null, null, RiskStatus.OPEN), risk(4, 5, 1, 2, RiskStatus.TREATED),
                risk(2, 2, null, null, RiskStatus.OPEN), risk(5, 5, null, null, RiskStatus.CLOSED));
        HeatMap.Map5x5 inherent = HeatMap.of(risks, RiskMatrix.standard(), false);
        assertThat(inherent.cells()).hasSize(25);
        assertThat(inherent.cells().get(0)).as("likelihood 5 first, impact 1 first").isEqualTo(new HeatMap.Cell(5, 1, 5, "medium", 0));
        assertThat(inherent.counts()[3][4]).isEqualTo(2);
        assertThat(inherent.counts()[4][4]).as("closed: not mapped").isZero();
        assertThat(inherent.perBand()).containsExactly(java.util.Map.entry("low", 1), java.util.Map.entry("medium", 0),
                java.util.Map.entry("high", 2));
        assertThat(inherent.total()).isEqualTo(3);

        HeatMap.Map5x5 residual = HeatMap.of(risks, RiskMatrix.standard(), true);
        assertThat(residual.counts()[3][4]).as("the untreated one stays at its inherent rating").isEqualTo(1);
        assertThat(residual.counts()[0][1]).isEqualTo(1);
        assertThat(residual.perBand().get("low")).isEqualTo(2);
    }
}
