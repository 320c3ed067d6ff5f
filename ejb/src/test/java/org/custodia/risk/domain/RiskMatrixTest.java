package org.custodia.risk.domain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;

import org.custodia.risk.domain.RiskMatrix.Band;
import org.junit.jupiter.api.Test;

class RiskMatrixTest {

    @Test
    void theScoreIsLikelihoodTimesImpactAndTheDefaultBandsAreThePublishedExample() {
        RiskMatrix m = RiskMatrix.standard();
        // worked by hand: 1×1 = 1 low; 2×2 = 4 low; 1×5 = 5 medium; 2×5 = 10 medium; 3×4 = 12 high; 5×5 = 25 high
        assertThat(m.rate(1, 1)).extracting(RiskMatrix.Rating::score, r -> r.band().name()).containsExactly(1, "low");
        assertThat(m.rate(2, 2)).extracting(RiskMatrix.Rating::score, r -> r.band().name()).containsExactly(4, "low");
        assertThat(m.rate(1, 5)).extracting(RiskMatrix.Rating::score, r -> r.band().name()).containsExactly(5, "medium");
        assertThat(m.rate(5, 2)).extracting(RiskMatrix.Rating::score, r -> r.band().name()).containsExactly(10, "medium");
        assertThat(m.rate(3, 4)).extracting(RiskMatrix.Rating::score, r -> r.band().name()).containsExactly(12, "high");
        assertThat(m.rate(5, 5)).extracting(RiskMatrix.Rating::score, r -> r.band().name()).containsExactly(25, "high");
    }

    @Test
    void elevenIsNoScoreSoTheDefaultGapBetweenTenAndTwelveLeavesNoCellUnnamed() {
        assertThat(RiskMatrix.scores()).doesNotContain(7, 11, 13, 14, 17, 18, 19, 21, 22, 23, 24).contains(1, 10, 12, 16, 20, 25)
                .hasSize(14);
        assertThat(RiskMatrix.problems(RiskMatrix.DEFAULT_BANDS)).isEmpty();
    }

    @Test
    void aFourBandVariantWithCriticalIsAccepted() {
        RiskMatrix m = RiskMatrix.of(List.of(new Band("low", 1, 4), new Band("medium", 5, 10), new Band("high", 12, 16),
                new Band("critical", 20, 25)));
        assertThat(m.rate(4, 5).band().name()).isEqualTo("critical");
        assertThat(m.rate(4, 4).band().name()).isEqualTo("high");
    }

    @Test
    void bandsThatLeaveAScoreUnnamedOrNameItTwiceAreRefusedWithTheScore() {
        assertThat(RiskMatrix.problems(List.of(new Band("low", 1, 4), new Band("high", 6, 25))))
                .containsExactly("score 5 falls in no band");
        assertThat(RiskMatrix.problems(List.of(new Band("low", 1, 5), new Band("high", 5, 25))))
                .containsExactly("score 5 falls in 2 bands");
        assertThat(RiskMatrix.problems(List.of(new Band("low", 1, 12), new Band("Low", 13, 25))))
                .containsExactly("band 'Low' is named twice");
        assertThat(RiskMatrix.problems(List.of(new Band("all", 0, 30)))).contains("band 'all' must run from a score to a higher one within 1-25");
        assertThat(RiskMatrix.problems(List.of())).containsExactly("at least one band is needed");
        assertThatThrownBy(() -> RiskMatrix.of(List.of(new Band("low", 1, 4)))).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("score 5 falls in no band");
    }

    @Test
    void levelsOutsideOneToFiveAreRefused() {
        assertThatThrownBy(() -> RiskMatrix.standard().rate(0, 3)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> RiskMatrix.standard().rate(3, 6)).isInstanceOf(IllegalArgumentException.class);
    }
}
