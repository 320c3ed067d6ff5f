package org.custodia.risk.api;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import org.custodia.platform.api.CallerContext;
import org.custodia.platform.api.Inputs;
import org.custodia.platform.api.RequestBodies;
import org.custodia.platform.api.RequiresPermission;
import org.custodia.platform.problem.FieldError;
import org.custodia.platform.problem.ProblemException;
import org.custodia.risk.application.RiskRegister;
import org.custodia.risk.application.RiskRegister.RatedRisk;
import org.custodia.risk.application.RiskTreatments;
import org.custodia.risk.domain.HeatMap;
import org.custodia.risk.domain.RiskDraft;
import org.custodia.risk.domain.RiskMatrix;
import org.custodia.risk.domain.RiskStatus;
import org.custodia.risk.domain.Treatment;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;

/**
 * The risk register (ISO 31000; 5 × 5 likelihood × impact, the tenant's bands): risks with their inherent and residual
 * ratings, linked to processing activities, their treatment plans, and the heat map with drill-down.
 */
@Path("/risks")
@Consumes(MediaType.APPLICATION_JSON)
@Produces(MediaType.APPLICATION_JSON)
public class RiskResource {

    /**
     * Likelihood and impact 1-5 each; the residual pair (both or neither) once treated. {@code status}: OPEN (default),
     * TREATED (needs the residual rating), ACCEPTED (needs an owner), CLOSED. {@code activityIds}: processing activities.
     */
    public record RiskBody(String reference, String title, String description, String category, String ownerId, Integer inherentLikelihood,
                           Integer inherentImpact, Integer residualLikelihood, Integer residualImpact, RiskStatus status,
                           List<String> activityIds, List<String> incidentRefs) {
    }

    /** A rating: likelihood × impact = score, in a band of the tenant's. */
    public record RatingView(int likelihood, int impact, int score, String band) {
        static RatingView of(RiskMatrix.Rating r) {
            return r == null ? null : new RatingView(r.likelihood(), r.impact(), r.score(), r.band().name());
        }
    }

    public record RiskView(String id, String reference, String title, String description, String category, String ownerId,
                           RatingView inherent, RatingView residual, String status, String source, String dpiaId, List<String> activityIds,
                           List<String> incidentRefs, String createdAt, String updatedAt) {
        public static RiskView of(RatedRisk rated) {
            var r = rated.risk();
            return new RiskView(r.id().toString(), r.reference(), r.title(), r.description(), r.category(),
                    r.ownerId() == null ? null : r.ownerId().toString(), RatingView.of(rated.inherent()), RatingView.of(rated.residual()),
                    r.status().name(), r.source(), r.dpiaId() == null ? null : r.dpiaId().toString(), r.activityIds().stream().map(UUID::toString).toList(), r.incidentRefs(),
                    r.createdAt().toString(), r.updatedAt().toString());
        }
    }

    /** {@code strategy}: MITIGATE, ACCEPT, TRANSFER or AVOID; {@code status}: PLANNED (default), IN_PROGRESS, DONE, CANCELLED. */
    public record TreatmentBody(Treatment.Strategy strategy, String description, String ownerId, String dueDate, Treatment.Status status) {
    }

    public record TreatmentView(String id, String riskId, String strategy, String description, String ownerId, String dueDate,
                                String status, String createdAt, String updatedAt) {
        static TreatmentView of(Treatment t) {
            return new TreatmentView(t.id().toString(), t.riskId().toString(), t.strategy().name(), t.description(),
                    t.ownerId() == null ? null : t.ownerId().toString(), t.dueDate() == null ? null : t.dueDate().toString(),
                    t.status().name(), t.createdAt().toString(), t.updatedAt().toString());
        }
    }

    /** The 5 × 5 map: 25 cells (likelihood 5 first), each with its score, band and count; the count per band. */
    public record HeatMapView(String rating, List<HeatMap.Cell> cells, Map<String, Integer> perBand, int total) {
    }

    @Inject
    RiskRegister register;

    @Inject
    RiskTreatments treatments;

    @Inject
    CallerContext caller;

    @RequiresPermission("risk:create")
    @POST
    @APIResponse(responseCode = "201", description = "The risk, rated",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = RiskView.class)))
    public Response create(RiskBody body) {
        acceptingNeedsApproval(body);
        return Response.status(201).entity(RiskView.of(register.create(caller.actor(), draft(body), null))).build();
    }

    /**
     * Filters, all optional: {@code status}; {@code rating} inherent (default) or residual with {@code likelihood} and
     * {@code impact} (a heat map cell: its drill-down, which like the map leaves closed risks out unless {@code status}
     * asks for them) or {@code band}; {@code activityId}.
     */
    @RequiresPermission("risk:view")
    @GET
    public List<RiskView> list(@QueryParam("status") String statusName, @QueryParam("rating") String rating,
                               @QueryParam("likelihood") Integer likelihood, @QueryParam("impact") Integer impact,
                               @QueryParam("band") String band, @QueryParam("activityId") String activityId) {
        boolean residual = residual(rating);
        List<FieldError> errors = new ArrayList<>();
        RiskStatus status = null;
        if (statusName != null) {
            try {
                status = RiskStatus.valueOf(statusName);
            } catch (IllegalArgumentException e) {
                errors.add(new FieldError("status", "must be OPEN, TREATED, ACCEPTED or CLOSED"));
            }
        }
        boolean mapped = likelihood != null || impact != null || band != null;
        for (Map.Entry<String, Integer> level : new java.util.TreeMap<>(Map.of("likelihood", likelihood == null ? 1 : likelihood,
                "impact", impact == null ? 1 : impact)).entrySet()) {
            if (level.getValue() < 1 || level.getValue() > RiskMatrix.LEVELS) {
                errors.add(new FieldError(level.getKey(), "must be 1 to " + RiskMatrix.LEVELS));
            }
        }
        Inputs.refuseQuery(errors);
        RiskStatus wanted = status;
        return register.list(caller.caller().tenantId()).stream()
                .filter(r -> wanted == null ? !(mapped && r.risk().status() == RiskStatus.CLOSED) : r.risk().status() == wanted)
                .filter(r -> likelihood == null || r.risk().likelihood(residual) == likelihood)
                .filter(r -> impact == null || r.risk().impact(residual) == impact)
                .filter(r -> band == null || ratingOf(r, residual).band().name().equals(band))
                .filter(r -> activityId == null || r.risk().activityIds().stream().anyMatch(a -> a.toString().equals(activityId)))
                .map(RiskView::of).toList();
    }

    /** The heat map of {@code rating} inherent (default) or residual (untreated risks at their inherent rating); closed risks left out. */
    @RequiresPermission("risk:view")
    @GET
    @Path("/heat-map")
    public HeatMapView heatMap(@QueryParam("rating") String rating) {
        boolean residual = residual(rating);
        HeatMap.Map5x5 map = register.heatMap(caller.caller().tenantId(), residual);
        return new HeatMapView(residual ? "residual" : "inherent", map.cells(), map.perBand(), map.total());
    }

    @RequiresPermission("risk:view")
    @GET
    @Path("/{id}")
    public RiskView get(@PathParam("id") String id) {
        return RiskView.of(register.get(caller.caller().tenantId(), id(id)));
    }

    @RequiresPermission("risk:update")
    @PUT
    @Path("/{id}")
    public RiskView update(@PathParam("id") String id, RiskBody body) {
        UUID uuid = id(id);
        acceptingNeedsApproval(body);
        return RiskView.of(register.update(caller.actor(), uuid, draft(body)));
    }

    @RequiresPermission("risk:delete")
    @DELETE
    @Path("/{id}")
    @APIResponse(responseCode = "204", description = "The risk and its treatment plans are deleted")
    public Response delete(@PathParam("id") String id) {
        register.delete(caller.actor(), id(id));
        return Response.noContent().build();
    }

    @RequiresPermission("risk:view")
    @GET
    @Path("/{id}/treatments")
    public List<TreatmentView> treatments(@PathParam("id") String id) {
        return treatments.of(caller.caller().tenantId(), id(id)).stream().map(TreatmentView::of).toList();
    }

    @RequiresPermission("risk:update")
    @POST
    @Path("/{id}/treatments")
    @APIResponse(responseCode = "201", description = "The treatment plan",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = TreatmentView.class)))
    public Response addTreatment(@PathParam("id") String id, TreatmentBody body) {
        UUID uuid = id(id);
        return Response.status(201).entity(TreatmentView.of(treatments.add(caller.actor(), uuid, plan(body)))).build();
    }

    @RequiresPermission("risk:update")
    @PUT
    @Path("/{id}/treatments/{treatmentId}")
    public TreatmentView updateTreatment(@PathParam("id") String id, @PathParam("treatmentId") String treatmentId, TreatmentBody body) {
        UUID uuid = id(id);
        UUID tid = Inputs.id(treatmentId, "treatment");
        return TreatmentView.of(treatments.update(caller.actor(), uuid, tid, plan(body)));
    }

    @RequiresPermission("risk:update")
    @DELETE
    @Path("/{id}/treatments/{treatmentId}")
    @APIResponse(responseCode = "204", description = "The treatment plan is removed")
    public Response deleteTreatment(@PathParam("id") String id, @PathParam("treatmentId") String treatmentId) {
        treatments.delete(caller.actor(), id(id), Inputs.id(treatmentId, "treatment"));
        return Response.noContent().build();
    }

    private void acceptingNeedsApproval(RiskBody body) {
        acceptingNeedsApproval(body, caller.caller().permissions());
    }

    /** Retaining a risk as it is (ISO 31000 6.5.2) is a decision: it takes {@code risk:approve}, however the risk is written. */
    public static void acceptingNeedsApproval(RiskBody body, java.util.Set<String> permissions) {
        if (body != null && body.status() == RiskStatus.ACCEPTED && !permissions.contains("risk:approve")) {
            throw new ProblemException(403, "forbidden", "Forbidden", "Accepting a risk needs the permission 'risk:approve'.", List.of());
        }
    }

    private static RiskMatrix.Rating ratingOf(RatedRisk r, boolean residual) {
        return residual && r.residual() != null ? r.residual() : r.inherent();
    }

    private static boolean residual(String rating) {
        if (rating == null || rating.equals("inherent")) {
            return false;
        }
        if (rating.equals("residual")) {
            return true;
        }
        Inputs.refuseQuery(List.of(new FieldError("rating", "must be inherent or residual")));
        return false;
    }

    private static UUID id(String id) {
        return Inputs.id(id, "risk");
    }

    /** The draft a body describes (its malformed ids refused by field). */
    public static RiskDraft draftOf(RiskBody body) {
        return draft(body);
    }

    private static RiskDraft draft(RiskBody body) {
        RequestBodies.required(body);
        List<FieldError> errors = new ArrayList<>();
        UUID owner = Inputs.optionalId("ownerId", body.ownerId(), errors);
        List<UUID> activities = new ArrayList<>();
        List<String> ids = body.activityIds() == null ? List.of() : body.activityIds();
        for (int i = 0; i < ids.size(); i++) {
            activities.add(Inputs.optionalId("activityIds[" + i + "]", ids.get(i), errors));
        }
        if (!errors.isEmpty()) {
            throw ProblemException.invalid(errors);
        }
        return new RiskDraft(body.reference(), body.title(), body.description(), body.category(), owner, body.inherentLikelihood(),
                body.inherentImpact(), body.residualLikelihood(), body.residualImpact(), body.status(), activities, body.incidentRefs());
    }

    private static RiskTreatments.Plan plan(TreatmentBody body) {
        RequestBodies.required(body);
        List<FieldError> errors = new ArrayList<>();
        UUID owner = Inputs.optionalId("ownerId", body.ownerId(), errors);
        var due = Inputs.date("dueDate", body.dueDate(), errors);
        if (!errors.isEmpty()) {
            throw ProblemException.invalid(errors);
        }
        return new RiskTreatments.Plan(body.strategy(), body.description(), owner, due, body.status());
    }
}
