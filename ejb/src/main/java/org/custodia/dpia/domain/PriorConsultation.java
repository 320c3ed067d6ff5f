package org.custodia.dpia.domain;

import java.util.List;
import java.util.Optional;

/**
 * GDPR Art. 36(1): the controller consults the supervisory authority before processing when the DPIA indicates a high
 * risk it has not mitigated. Read here as: a risk the assessment found, not closed, whose rating after treatment (its
 * inherent one while untreated) falls in the tenant's highest band.
 */
public final class PriorConsultation {

    /** A risk as this rule reads it: its reference, whether it is closed, and the band of its residual (else inherent) rating. */
    public record FoundRisk(String reference, boolean closed, String band, boolean treated) {
    }

    private PriorConsultation() {
    }

    /** Why prior consultation is required, or empty when it is not. */
    public static Optional<String> required(List<FoundRisk> risks, String highestBand) {
        List<String> high = risks.stream().filter(r -> !r.closed() && r.band().equals(highestBand))
                .map(r -> r.reference() + (r.treated() ? "" : " (not yet treated)")).toList();
        if (high.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of("GDPR Art. 36(1): " + String.join(", ", high) + (high.size() == 1 ? " remains" : " remain") + " in the highest band ("
                + highestBand + ") after treatment; consult the supervisory authority before the processing starts");
    }
}
