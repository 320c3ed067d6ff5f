package org.custodia.risk.domain;

import java.util.ArrayList;
import java.util.List;

import org.custodia.platform.problem.FieldError;

/**
 * The tenant's bands as it sets them: each a {@link RiskMatrix.Band} with the colour its heat map cells take
 * ({@code #rrggbb}; left out: green to red by position).
 */
public record RiskBands(List<Setting> bands) {

    public record Setting(String name, int from, int to, String colour) {
    }

    public static final RiskBands DEFAULT = new RiskBands(List.of(new Setting("low", 1, 4, "#2e7d32"),
            new Setting("medium", 5, 10, "#f9a825"), new Setting("high", 12, 25, "#c62828")));

    private static final String[] PALETTE = {"#2e7d32", "#9e9d24", "#f9a825", "#ef6c00", "#c62828"};

    public RiskBands {
        bands = bands == null ? List.of() : java.util.Collections.unmodifiableList(new ArrayList<>(bands));
    }

    public List<FieldError> problems() {
        List<FieldError> errors = new ArrayList<>();
        if (bands.stream().anyMatch(java.util.Objects::isNull)) {
            errors.add(new FieldError("bands", "must not hold null"));
            return errors;
        }
        for (String p : RiskMatrix.problems(bands.stream().map(b -> new RiskMatrix.Band(b.name(), b.from(), b.to())).toList())) {
            errors.add(new FieldError("bands", p));
        }
        if (bands.size() > PALETTE.length) {
            errors.add(new FieldError("bands", "at most " + PALETTE.length + " bands"));
        }
        for (int i = 0; i < bands.size(); i++) {
            String c = bands.get(i).colour();
            if (c != null && !c.matches("#[0-9a-fA-F]{6}")) {
                errors.add(new FieldError("bands[" + i + "].colour", "must be #rrggbb"));
            }
        }
        return errors;
    }

    /** The name of the band of the highest scores. */
    public String highest() {
        return bands.stream().max(java.util.Comparator.comparingInt(Setting::to)).orElseThrow().name();
    }

    public RiskMatrix matrix() {
        return RiskMatrix.of(bands.stream().map(b -> new RiskMatrix.Band(b.name(), b.from(), b.to())).toList());
    }

    /** Each band with its colour: the one set, else the palette's by its place from lowest to highest. */
    public List<Setting> coloured() {
        List<Setting> sorted = bands.stream().sorted(java.util.Comparator.comparingInt(Setting::from)).toList();
        List<Setting> out = new ArrayList<>();
        for (int i = 0; i < sorted.size(); i++) {
            Setting b = sorted.get(i);
            int slot = sorted.size() == 1 ? 0 : Math.round(i * (PALETTE.length - 1) / (float) (sorted.size() - 1));
            out.add(new Setting(b.name(), b.from(), b.to(), b.colour() != null ? b.colour().toLowerCase() : PALETTE[slot]));
        }
        return out;
    }
}
