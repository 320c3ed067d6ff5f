package org.custodia.risk.domain;

import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.regex.Pattern;

import org.custodia.platform.problem.FieldError;

/**
 * A risk as a caller writes it. {@link #problems()} names what cannot be stored: ratings outside 1-5, a residual
 * rating half given, a TREATED risk without a residual rating, an ACCEPTED one without an owner (someone must own the
 * decision to retain it), texts out of bounds.
 */
public record RiskDraft(String reference, String title, String description, String category, UUID ownerId, Integer inherentLikelihood,
                        Integer inherentImpact, Integer residualLikelihood, Integer residualImpact, RiskStatus status,
                        List<UUID> activityIds, List<String> incidentRefs) {

    static final Pattern REFERENCE = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,63}");

    public RiskDraft {
        activityIds = activityIds == null ? List.of() : activityIds;
        incidentRefs = incidentRefs == null ? List.of() : incidentRefs;
        status = status == null ? RiskStatus.OPEN : status;
    }

    public List<FieldError> problems() {
        List<FieldError> errors = new ArrayList<>();
        if (reference == null || !REFERENCE.matcher(reference).matches()) {
            errors.add(new FieldError("reference", "must be 1 to 64 letters, digits, '.', '_' or '-', starting with a letter or digit"));
        }
        text("title", title, 300, true, errors);
        text("description", description, 4000, false, errors);
        text("category", category, 100, false, errors);
        level("inherentLikelihood", inherentLikelihood, true, errors);
        level("inherentImpact", inherentImpact, true, errors);
        level("residualLikelihood", residualLikelihood, false, errors);
        level("residualImpact", residualImpact, false, errors);
        if ((residualLikelihood == null) != (residualImpact == null)) {
            errors.add(new FieldError(residualLikelihood == null ? "residualLikelihood" : "residualImpact",
                    "give both residual likelihood and impact, or neither"));
        }
        if (status == RiskStatus.TREATED && residualLikelihood == null) {
            errors.add(new FieldError("residualLikelihood", "a treated risk needs its residual rating"));
        }
        if (status == RiskStatus.ACCEPTED && ownerId == null) {
            errors.add(new FieldError("ownerId", "an accepted risk needs an owner who answers for accepting it"));
        }
        if (activityIds.size() > 200 || activityIds.stream().anyMatch(java.util.Objects::isNull)) {
            errors.add(new FieldError("activityIds", "at most 200 activity ids, none null"));
        }
        if (incidentRefs.size() > 50) {
            errors.add(new FieldError("incidentRefs", "at most 50 references"));
        }
        for (int i = 0; i < incidentRefs.size(); i++) {
            text("incidentRefs[" + i + "]", incidentRefs.get(i), 100, true, errors);
        }
        return errors;
    }

    private static void level(String field, Integer value, boolean required, List<FieldError> errors) {
        if (value == null ? required : value < 1 || value > RiskMatrix.LEVELS) {
            errors.add(new FieldError(field, "must be 1 to " + RiskMatrix.LEVELS));
        }
    }

    private static void text(String field, String value, int max, boolean required, List<FieldError> errors) {
        if (value == null || value.isBlank() ? required : value.length() > max) {
            errors.add(new FieldError(field, required ? "is required, 1 to " + max + " characters" : "must be at most " + max + " characters"));
        }
    }
}
