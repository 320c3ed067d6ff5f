package org.custodia.ropa.api;

import java.util.List;

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

import org.custodia.platform.api.CallerContext;
import org.custodia.platform.api.Inputs;
import org.custodia.platform.api.RequestBodies;
import org.custodia.platform.api.RequiresPermission;
import org.custodia.ropa.application.ProcessingSystems;
import org.custodia.ropa.domain.ProcessingSystem;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;

/** The systems personal data lives in, which processing activities list by name. */
@Path("/ropa/systems")
@Consumes(MediaType.APPLICATION_JSON)
@Produces(MediaType.APPLICATION_JSON)
public class ProcessingSystemResource {

    /** {@code hostingCountry}: ISO 3166-1 alpha-2; {@code name} is fixed once added (activities refer to it). */
    public record SystemBody(String name, String description, String hostingCountry) {
    }

    public record SystemView(String id, String name, String description, String hostingCountry, String createdAt, String updatedAt) {
        static SystemView of(ProcessingSystem s) {
            return new SystemView(s.id().toString(), s.name(), s.description(), s.hostingCountry(), s.createdAt().toString(),
                    s.updatedAt().toString());
        }
    }

    @Inject
    ProcessingSystems systems;

    @Inject
    CallerContext caller;

    @RequiresPermission("ropa:create")
    @POST
    @APIResponse(responseCode = "201", description = "The system",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = SystemView.class)))
    public Response add(SystemBody body) {
        RequestBodies.required(body);
        return Response.status(201).entity(SystemView.of(systems.add(caller.actor(), body.name(), body.description(),
                body.hostingCountry()))).build();
    }

    @RequiresPermission("ropa:view")
    @GET
    public List<SystemView> list() {
        return systems.list(caller.caller().tenantId()).stream().map(SystemView::of).toList();
    }

    /** Description and hosting country; a {@code name} in the body is ignored. */
    @RequiresPermission("ropa:update")
    @PUT
    @Path("/{id}")
    public SystemView describe(@PathParam("id") String id, SystemBody body) {
        var uuid = Inputs.id(id, "system");
        RequestBodies.required(body);
        return SystemView.of(systems.describe(caller.actor(), uuid, body.description(), body.hostingCountry()));
    }

    @RequiresPermission("ropa:delete")
    @DELETE
    @Path("/{id}")
    @APIResponse(responseCode = "204", description = "The system is removed (refused with 409 while an activity lists it)")
    public Response remove(@PathParam("id") String id) {
        systems.remove(caller.actor(), Inputs.id(id, "system"));
        return Response.noContent().build();
    }
}
