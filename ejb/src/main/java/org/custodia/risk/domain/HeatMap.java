package org.custodia.risk.domain;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * How many risks sit in each cell of the 5 × 5 matrix, by inherent or residual rating (an untreated risk sits at its
 * inherent rating on the residual map: nothing has lowered it yet), each cell with its score and band, and the count
 * per band. Closed risks are left out.
 */
public final class HeatMap {

    /** One cell: likelihood and impact 1-5, its score and band, the risks in it. */
    public record Cell(int likelihood, int impact, int score, String band, int count) {
    }

    public record Map5x5(boolean residual, List<Cell> cells, Map<String, Integer> perBand, int total) {

        /** counts[likelihood - 1][impact - 1] */
        public int[][] counts() {
            int[][] counts = new int[RiskMatrix.LEVELS][RiskMatrix.LEVELS];
            cells.forEach(c -> counts[c.likelihood() - 1][c.impact() - 1] = c.count());
            return counts;
        }
    }

    private HeatMap() {
    }

    public static Map5x5 of(List<Risk> risks, RiskMatrix matrix, boolean residual) {
        int[][] counts = new int[RiskMatrix.LEVELS][RiskMatrix.LEVELS];
        int total = 0;
        for (Risk r : risks) {
            if (r.status() != RiskStatus.CLOSED) {
                counts[r.likelihood(residual) - 1][r.impact(residual) - 1]++;
                total++;
            }
        }
        Map<String, Integer> perBand = new LinkedHashMap<>();
        matrix.bands().forEach(b -> perBand.put(b.name(), 0));
        List<Cell> cells = new ArrayList<>();
        for (int l = RiskMatrix.LEVELS; l >= 1; l--) {
            for (int i = 1; i <= RiskMatrix.LEVELS; i++) {
                RiskMatrix.Rating rating = matrix.rate(l, i);
                int count = counts[l - 1][i - 1];
                cells.add(new Cell(l, i, rating.score(), rating.band().name(), count));
                perBand.merge(rating.band().name(), count, Integer::sum);
            }
        }
        return new Map5x5(residual, cells, perBand, total);
    }
}
