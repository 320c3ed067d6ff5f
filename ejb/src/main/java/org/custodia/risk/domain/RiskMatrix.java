package org.custodia.risk.domain;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.TreeSet;

/**
 * A 5 × 5 risk matrix: likelihood 1-5 (rare … almost certain) × impact 1-5 (insignificant … severe), score 1-25, and
 * the tenant's bands over the scores. ISO 31000 prescribes no matrix; 5 × 5 is the common convention, and the bands
 * are the organisation's choice (REGULATORY-FACTS.md, "Risk matrix"; the default is the published three-band example:
 * low 1-4, medium 5-10, high 12-25). Bands must give every score a product of two levels can take exactly one band,
 * so no cell of the heat map is left unnamed or named twice.
 */
public final class RiskMatrix {

    public static final int LEVELS = 5;

    /** A named band of scores, both ends included. */
    public record Band(String name, int from, int to) {

        public boolean contains(int score) {
            return score >= from && score <= to;
        }
    }

    /** One risk's place in the matrix. */
    public record Rating(int likelihood, int impact, int score, Band band) {
    }

    public static final List<Band> DEFAULT_BANDS = List.of(new Band("low", 1, 4), new Band("medium", 5, 10), new Band("high", 12, 25));

    private final List<Band> bands;

    private RiskMatrix(List<Band> bands) {
        this.bands = bands;
    }

    /** The default bands. */
    public static RiskMatrix standard() {
        return new RiskMatrix(DEFAULT_BANDS);
    }

    /** The tenant's bands, once they pass {@link #problems(List)}. */
    public static RiskMatrix of(List<Band> bands) {
        List<String> problems = problems(bands);
        if (!problems.isEmpty()) {
            throw new IllegalArgumentException(String.join("; ", problems));
        }
        return new RiskMatrix(bands.stream().sorted(Comparator.comparingInt(Band::from)).toList());
    }

    /** What is wrong with a set of bands, in words a DPO can act on; empty when they can be used. */
    public static List<String> problems(List<Band> bands) {
        List<String> problems = new ArrayList<>();
        if (bands == null || bands.isEmpty()) {
            return List.of("at least one band is needed");
        }
        TreeSet<String> names = new TreeSet<>(String.CASE_INSENSITIVE_ORDER);
        for (Band b : bands) {
            if (b.name() == null || b.name().isBlank() || b.name().length() > 40) {
                problems.add("every band needs a name of 1 to 40 characters");
            } else if (!names.add(b.name().strip())) {
                problems.add("band '" + b.name() + "' is named twice");
            }
            if (b.from() < 1 || b.to() > LEVELS * LEVELS || b.from() > b.to()) {
                problems.add("band '" + b.name() + "' must run from a score to a higher one within 1-" + LEVELS * LEVELS);
            }
        }
        for (int score : scores()) {
            long holding = bands.stream().filter(b -> b.contains(score)).count();
            if (holding == 0) {
                problems.add("score " + score + " falls in no band");
            } else if (holding > 1) {
                problems.add("score " + score + " falls in " + holding + " bands");
            }
        }
        return problems;
    }

    /** The scores a likelihood × impact can make (1, 2, 3, 4, 5, 6, 8, 9, 10, 12, …, 25: 11 or 13 never occur). */
    public static TreeSet<Integer> scores() {
        TreeSet<Integer> scores = new TreeSet<>();
        for (int l = 1; l <= LEVELS; l++) {
            for (int i = 1; i <= LEVELS; i++) {
                scores.add(l * i);
            }
        }
        return scores;
    }

    public Rating rate(int likelihood, int impact) {
        if (likelihood < 1 || likelihood > LEVELS || impact < 1 || impact > LEVELS) {
            throw new IllegalArgumentException("likelihood and impact are each 1 to " + LEVELS);
        }
        int score = likelihood * impact;
        Optional<Band> band = bands.stream().filter(b -> b.contains(score)).findFirst();
        return new Rating(likelihood, impact, score, band.orElseThrow());
    }

    public List<Band> bands() {
        return bands;
    }
}
