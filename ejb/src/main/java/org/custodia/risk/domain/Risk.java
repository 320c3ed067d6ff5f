package org.custodia.risk.domain;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * A risk of the register: what may happen, to which processing activities, rated before treatment (inherent) and, once
 * treated, after it (residual), with its owner and status. {@code source} says where it was found ({@code manual},
 * {@code dpia}); {@code dpiaId} the assessment that found it.
 */
public record Risk(UUID id, String reference, String title, String description, String category, UUID ownerId, int inherentLikelihood,
                   int inherentImpact, Integer residualLikelihood, Integer residualImpact, RiskStatus status, String source,
                   UUID dpiaId, List<UUID> activityIds, List<String> incidentRefs, Instant createdAt, Instant updatedAt) {

    public Risk {
        activityIds = List.copyOf(activityIds);
        incidentRefs = List.copyOf(incidentRefs);
    }

    public boolean hasResidual() {
        return residualLikelihood != null;
    }

    /** The rating a heat map of {@code residual} ratings places it by: its residual one, else (untreated) its inherent one. */
    public int likelihood(boolean residual) {
        return residual && hasResidual() ? residualLikelihood : inherentLikelihood;
    }

    public int impact(boolean residual) {
        return residual && hasResidual() ? residualImpact : inherentImpact;
    }
}
