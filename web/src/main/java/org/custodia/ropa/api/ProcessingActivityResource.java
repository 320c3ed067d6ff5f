package org.custodia.ropa.api;

import java.util.ArrayList;
import java.util.List;
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
import org.custodia.ropa.application.ProcessingRegister;
import org.custodia.ropa.domain.ActivityContent;
import org.custodia.ropa.domain.ActivityJson;
import org.custodia.ropa.domain.Art30Completeness;
import org.custodia.ropa.domain.ProcessingActivity;
import org.custodia.ropa.domain.RecordDiff;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * The record of processing activities (GDPR Art. 30): entries with every version kept, their completeness, the
 * changes between two versions, and submission to a DPO (the review task comes through {@code /tasks}).
 */
@Path("/ropa/activities")
@Consumes(MediaType.APPLICATION_JSON)
@Produces(MediaType.APPLICATION_JSON)
public class ProcessingActivityResource {

    /**
     * {@code ownerId}: a user of the tenant, reminded of the review date; {@code reviewDue}: ISO date;
     * {@code version} (changes only): the version the change was made to, refused with 409 when the entry moved on.
     */
    public record ActivityBody(String reference, ActivityContent content, String ownerId, String reviewDue, Integer version) {
    }

    public record ActivitySummary(String id, String reference, String name, String role, String status, int version, int gaps,
                                  String ownerId, String reviewDue, Integer approvedVersion, String approvedBy, String approvedAt,
                                  String updatedAt) {
        static ActivitySummary of(ProcessingActivity a) {
            return new ActivitySummary(a.id().toString(), a.reference(), a.name(), a.role().name(), a.status().name(), a.version(),
                    a.gaps(), a.ownerId() == null ? null : a.ownerId().toString(), a.reviewDue() == null ? null : a.reviewDue().toString(),
                    a.approvedVersion(), a.approvedBy(), a.approvedAt() == null ? null : a.approvedAt().toString(), a.updatedAt().toString());
        }
    }

    /** The DPO's latest decision on the entry: APPROVE, or REJECT with its reason, or REQUEST_CHANGES with its comment. */
    public record ReviewView(String decision, String reason, String comment, String decidedBy, String decidedAt) {
    }

    /**
     * An entry with its content, what Art. 30 still asks of it ({@code missing}: field, article, reason) and the DPO's
     * latest decision on it ({@code lastReview}, null before any).
     */
    public record ActivityView(ActivitySummary activity, ActivityContent content, List<Art30Completeness.Gap> missing, ReviewView lastReview) {
    }

    public record VersionView(int version, String changedBy, String changedAt, ActivityContent content) {
    }

    /** One changed field: its path and its value before and after (JSON, null when absent). */
    public record ChangeView(String path, JsonNode before, JsonNode after) {
    }

    public record DiffView(int from, int to, List<ChangeView> changes) {
    }

    @Inject
    ProcessingRegister register;

    @Inject
    CallerContext caller;

    @RequiresPermission("ropa:create")
    @POST
    @APIResponse(responseCode = "201", description = "The entry, version 1, a draft",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = ActivityView.class)))
    public Response create(ActivityBody body) {
        return Response.status(201).entity(view(register.create(caller.actor(), draft(body)))).build();
    }

    @RequiresPermission("ropa:view")
    @GET
    public List<ActivitySummary> list() {
        return register.list(caller.caller().tenantId()).stream().map(ActivitySummary::of).toList();
    }

    @RequiresPermission("ropa:view")
    @GET
    @Path("/{id}")
    public ActivityView get(@PathParam("id") String id) {
        return view(register.get(caller.caller().tenantId(), id(id)));
    }

    @RequiresPermission("ropa:update")
    @PUT
    @Path("/{id}")
    public ActivityView revise(@PathParam("id") String id, ActivityBody body) {
        UUID uuid = id(id);
        return view(register.revise(caller.actor(), uuid, body == null ? null : body.version(), draft(body)));
    }

    @RequiresPermission("ropa:delete")
    @DELETE
    @Path("/{id}")
    @APIResponse(responseCode = "204", description = "The entry and its versions are deleted")
    public Response delete(@PathParam("id") String id) {
        register.delete(caller.actor(), id(id));
        return Response.noContent().build();
    }

    /** Starts the DPO's review of the current version; the entry cannot change until the DPO has decided. */
    @RequiresPermission("ropa:update")
    @POST
    @Path("/{id}/submit")
    public ActivityView submit(@PathParam("id") String id) {
        return view(register.submit(caller.actor(), id(id)));
    }

    @RequiresPermission("ropa:view")
    @GET
    @Path("/{id}/versions")
    public List<VersionView> versions(@PathParam("id") String id) {
        return register.versions(caller.caller().tenantId(), id(id)).stream()
                .map(v -> new VersionView(v.version(), v.changedBy(), v.changedAt().toString(), ActivityJson.read(v.contentJson())))
                .toList();
    }

    /** The changes from version {@code from} to version {@code to} (both required). */
    @RequiresPermission("ropa:view")
    @GET
    @Path("/{id}/diff")
    public DiffView diff(@PathParam("id") String id, @QueryParam("from") Integer from, @QueryParam("to") Integer to) {
        UUID uuid = id(id);
        List<FieldError> errors = new ArrayList<>();
        if (from == null) {
            errors.add(new FieldError("from", "is required: a version number"));
        }
        if (to == null) {
            errors.add(new FieldError("to", "is required: a version number"));
        }
        Inputs.refuseQuery(errors);
        List<RecordDiff.Change> changes = register.diff(caller.caller().tenantId(), uuid, from, to);
        return new DiffView(from, to, changes.stream().map(c -> new ChangeView(c.path(), c.before(), c.after())).toList());
    }

    private ActivityView view(ProcessingActivity a) {
        ActivityContent content = ActivityJson.read(a.contentJson());
        ReviewView review = register.lastReview(caller.caller().tenantId(), a.id()).map(d -> new ReviewView(d.decision().name(), d.reason(),
                d.comment(), d.decidedBy(), d.decidedAt() == null ? null : d.decidedAt().toString())).orElse(null);
        return new ActivityView(ActivitySummary.of(a), content, Art30Completeness.gaps(content.record()), review);
    }

    private static UUID id(String id) {
        return Inputs.id(id, "processing activity");
    }

    private static ProcessingRegister.Draft draft(ActivityBody body) {
        RequestBodies.required(body);
        List<FieldError> errors = new ArrayList<>();
        UUID owner = Inputs.optionalId("ownerId", body.ownerId(), errors);
        var reviewDue = body.reviewDue() == null ? null : Inputs.date("reviewDue", body.reviewDue(), errors);
        if (!errors.isEmpty()) {
            throw ProblemException.invalid(errors);
        }
        return new ProcessingRegister.Draft(body.reference(), body.content(), owner, reviewDue);
    }
}
