package org.custodia.risk.domain;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.custodia.platform.problem.FieldError;
import org.junit.jupiter.api.Test;

class RiskBandsTest {

    @Test
    void bandsWithoutAColourTakeThePalettesFromGreenToRed() {
        RiskBands four = new RiskBands(List.of(new RiskBands.Setting("critical", 16, 25, null), new RiskBands.Setting("low", 1, 4, null),
                new RiskBands.Setting("medium", 5, 9, "#ABCDEF"), new RiskBands.Setting("high", 10, 15, null)));
        assertThat(four.problems()).isEmpty();
        assertThat(four.coloured()).extracting(RiskBands.Setting::name).containsExactly("low", "medium", "high", "critical");
        assertThat(four.coloured()).extracting(RiskBands.Setting::colour).containsExactly("#2e7d32", "#abcdef", "#ef6c00", "#c62828");
        assertThat(four.matrix().rate(4, 4).band().name()).isEqualTo("critical");
    }

    @Test
    void aScoreInNoBandAndABadColourAreNamed() {
        RiskBands gap = new RiskBands(List.of(new RiskBands.Setting("low", 1, 6, "green"), new RiskBands.Setting("high", 9, 25, null)));
        assertThat(gap.problems()).extracting(FieldError::reason).containsExactly("score 8 falls in no band", "must be #rrggbb");
        assertThat(RiskBands.DEFAULT.problems()).isEmpty();
    }
}
