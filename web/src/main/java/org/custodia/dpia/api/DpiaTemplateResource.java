package org.custodia.dpia.api;

import java.util.List;

import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import org.custodia.dpia.application.DpiaTemplates;
import org.custodia.dpia.domain.DpiaTemplate;
import org.custodia.platform.api.CallerContext;
import org.custodia.platform.api.RequestBodies;
import org.custodia.platform.api.RequiresPermission;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;

/** The tenant's DPIA questionnaires, versioned: writing a key makes its next version; assessments keep the version they began with. */
@Path("/dpia-templates")
@Consumes(MediaType.APPLICATION_JSON)
@Produces(MediaType.APPLICATION_JSON)
public class DpiaTemplateResource {

    @Inject
    DpiaTemplates templates;

    @Inject
    CallerContext caller;

    /** Every version of every template (the shipped {@code art35} version 1 while the tenant has none of its own). */
    @RequiresPermission("dpia:view")
    @GET
    public List<DpiaTemplate> list() {
        return templates.all(caller.caller().tenantId());
    }

    /** A template's next version: {@code kind} TEXT, YES_NO or CHOICE (with 2 to 20 {@code options}); {@code required} default false. */
    public record TemplateBody(String key, String title, List<DpiaTemplate.Question> questions) {
    }


    @RequiresPermission("dpia:create")
    @POST
    @APIResponse(responseCode = "201", description = "The template's new version",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = DpiaTemplate.class)))
    public Response add(TemplateBody body) {
        RequestBodies.required(body);
        return Response.status(201).entity(templates.add(caller.actor(), new DpiaTemplate(body.key(), 0, body.title(), body.questions())))
                .build();
    }
}
