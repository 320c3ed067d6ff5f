package org.custodia.dpia.api;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
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
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import org.custodia.dpia.application.DpiaService;
import org.custodia.dpia.domain.Dpia;
import org.custodia.dpia.domain.DpiaScreening;
import org.custodia.dpia.domain.DpiaTemplate;
import org.custodia.platform.api.CallerContext;
import org.custodia.platform.api.Inputs;
import org.custodia.platform.api.RequestBodies;
import org.custodia.platform.api.RequiresPermission;
import org.custodia.platform.problem.FieldError;
import org.custodia.platform.problem.ProblemException;
import org.custodia.risk.api.RiskResource;
import org.custodia.risk.domain.RiskDraft;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;

/**
 * Data protection impact assessments (GDPR Art. 35): screening (WP248 criteria, Art. 35(3) cases), answers against a
 * template version, the risks found (into the risk register), the DPO's opinion and sign-off (the task comes through
 * {@code /tasks}, process {@code dpiaReview}), and whether prior consultation (Art. 36) is required.
 */
@Path("/dpias")
@Consumes(MediaType.APPLICATION_JSON)
@Produces(MediaType.APPLICATION_JSON)
public class DpiaResource {

    /**
     * {@code criteria}: WP248's nine; {@code article35Cases}: Art. 35(3)(a)-(c); {@code reasoning}: why no DPIA is needed
     * despite two or more criteria; {@code answers}: question id → answer; {@code template}/{@code templateVersion} when
     * creating (default: the latest {@code art35}).
     */
    public record DpiaBody(String reference, String activityId, String title, Set<DpiaScreening.Criterion> criteria,
                           Set<DpiaScreening.Article35Case> article35Cases, String reasoning, Map<String, String> answers, String ownerId,
                           String reviewDue, String template, Integer templateVersion) {
    }

    public record ScreeningView(List<String> criteria, List<String> article35Cases, String reasoning, String outcome, String because) {
    }

    public record DpoView(String decision, String opinion, String decidedBy, String decidedAt) {
    }

    public record DpiaSummary(String id, String reference, String activityId, String title, String status, String screening,
                              String ownerId, String reviewDue, String updatedAt) {
        static DpiaSummary of(Dpia d) {
            return new DpiaSummary(d.id().toString(), d.reference(), d.activityId().toString(), d.title(), d.status().name(),
                    d.screening().result().outcome().name(), d.ownerId() == null ? null : d.ownerId().toString(),
                    d.reviewDue() == null ? null : d.reviewDue().toString(), d.updatedAt().toString());
        }
    }

    /**
     * {@code unanswered}: required questions still open; {@code priorConsultation}: why Art. 36 applies, null when it does
     * not (once signed off: as signed); {@code signOff}: the risks and finding the DPO signed off, as they were then.
     */
    public record DpiaView(DpiaSummary dpia, ScreeningView screening, DpiaTemplate template, Map<String, String> answers,
                           List<String> unanswered, List<RiskResource.RiskView> risks, String priorConsultation, DpoView dpo,
                           Dpia.SignOff signOff) {
        static DpiaView of(DpiaService.Assessment a) {
            Dpia d = a.dpia();
            var s = d.screening();
            return new DpiaView(DpiaSummary.of(d), new ScreeningView(s.criteria().stream().map(Enum::name).sorted().toList(),
                    s.cases().stream().map(Enum::name).sorted().toList(), s.reasoning(), s.result().outcome().name(), s.result().because()),
                    a.template(), new java.util.TreeMap<>(d.answers()), a.unanswered(), a.risks().stream().map(RiskResource.RiskView::of).toList(),
                    a.priorConsultation().orElse(null), d.dpo() == null ? null : new DpoView(d.dpo().decision(), d.dpo().opinion(),
                    d.dpo().decidedBy(), d.dpo().decidedAt() == null ? null : d.dpo().decidedAt().toString()), d.signOff());
        }
    }

    @Inject
    DpiaService dpias;

    @Inject
    CallerContext caller;

    @RequiresPermission("dpia:create")
    @POST
    @APIResponse(responseCode = "201", description = "The assessment: in progress when the screening requires it, else not required",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = DpiaView.class)))
    public Response create(DpiaBody body) {
        return Response.status(201).entity(DpiaView.of(dpias.create(caller.actor(), draft(body)))).build();
    }

    @RequiresPermission("dpia:view")
    @GET
    public List<DpiaSummary> list() {
        return dpias.list(caller.caller().tenantId()).stream().map(DpiaSummary::of).toList();
    }

    @RequiresPermission("dpia:view")
    @GET
    @Path("/{id}")
    public DpiaView get(@PathParam("id") String id) {
        return DpiaView.of(dpias.get(caller.caller().tenantId(), id(id)));
    }

    /** Replaces title, screening, answers, owner and review date; a signed-off assessment is in progress again. */
    @RequiresPermission("dpia:update")
    @PUT
    @Path("/{id}")
    public DpiaView change(@PathParam("id") String id, DpiaBody body) {
        UUID uuid = id(id);
        return DpiaView.of(dpias.change(caller.actor(), uuid, draft(body)));
    }

    @RequiresPermission("dpia:delete")
    @DELETE
    @Path("/{id}")
    @APIResponse(responseCode = "204", description = "The assessment is deleted (refused while with the DPO or once signed off)")
    public Response delete(@PathParam("id") String id) {
        dpias.delete(caller.actor(), id(id));
        return Response.noContent().build();
    }

    /** To the DPO for an opinion; 422 naming each required question still unanswered. */
    @RequiresPermission("dpia:update")
    @POST
    @Path("/{id}/submit")
    public DpiaView submit(@PathParam("id") String id) {
        return DpiaView.of(dpias.submit(caller.actor(), id(id)));
    }

    /**
     * A risk the assessment found: written to the risk register (source {@code dpia}), linked to the assessed activity.
     * Part of the assessment, so {@code dpia:update} (the DPO's) is what it takes, not the register's own permission.
     */
    @RequiresPermission("dpia:update")
    @POST
    @Path("/{id}/risks")
    @APIResponse(responseCode = "201", description = "The risk, in the risk register",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = RiskResource.RiskView.class)))
    public Response addRisk(@PathParam("id") String id, RiskResource.RiskBody body) {
        UUID uuid = id(id);
        RequestBodies.required(body);
        RiskResource.acceptingNeedsApproval(body, caller.caller().permissions());
        return Response.status(201).entity(RiskResource.RiskView.of(dpias.addRisk(caller.actor(), uuid, RiskResource.draftOf(body)))).build();
    }

    private static UUID id(String id) {
        return Inputs.id(id, "DPIA");
    }

    private static DpiaService.Draft draft(DpiaBody body) {
        RequestBodies.required(body);
        List<FieldError> errors = new ArrayList<>();
        UUID activity = Inputs.optionalId("activityId", body.activityId(), errors);
        UUID owner = Inputs.optionalId("ownerId", body.ownerId(), errors);
        var reviewDue = Inputs.date("reviewDue", body.reviewDue(), errors);
        if (!errors.isEmpty()) {
            throw ProblemException.invalid(errors);
        }
        return new DpiaService.Draft(body.reference(), activity, body.title(), body.criteria(), body.article35Cases(), body.reasoning(),
                body.answers(), owner, reviewDue, body.template(), body.templateVersion());
    }
}
