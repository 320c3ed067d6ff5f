package org.custodia.identity.api;

import java.util.List;
import java.util.Map;
import java.util.SortedSet;

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

import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;

import org.custodia.identity.application.RoleCatalogue;
import org.custodia.identity.application.TenantRoles;
import org.custodia.identity.domain.CustomRole;
import org.custodia.identity.domain.Permission;
import org.custodia.platform.api.CallerContext;
import org.custodia.platform.api.RequestBodies;
import org.custodia.platform.api.RequiresPermission;

/**
 * The role × permission table (docs/roles.md is generated from the same data) and the tenant's own
 * roles: lower-case names, any permissions the creator holds.
 */
@Path("/roles")
@Consumes(MediaType.APPLICATION_JSON)
@Produces(MediaType.APPLICATION_JSON)
public class RoleResource {

    public record Catalogue(List<Permission> permissions, Map<String, SortedSet<String>> roles,
                            List<CustomRole> customRoles) {
    }

    public record RoleDefinition(String name, String description, List<String> permissions) {
    }

    @Inject
    RoleCatalogue catalogue;

    @Inject
    TenantRoles tenantRoles;

    @Inject
    CallerContext caller;

    @GET
    @RequiresPermission("role:view")
    public Catalogue roles() {
        return new Catalogue(catalogue.permissions(), catalogue.roles(), tenantRoles.customRoles(caller.caller().tenantId()));
    }

    @POST
    @RequiresPermission("role:create")
    @APIResponse(responseCode = "201", description = "The role",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = CustomRole.class)))
    public Response create(RoleDefinition body) {
        RequestBodies.required(body);
        return Response.status(201).entity(tenantRoles.define(caller.actor(), caller.caller().permissions(), body.name(),
                body.description(), body.permissions(), false)).build();
    }

    @PUT
    @Path("/{name}")
    @RequiresPermission("role:update")
    public CustomRole update(@PathParam("name") String name, RoleDefinition body) {
        RequestBodies.required(body);
        if (body.name() != null && !body.name().equals(name)) {
            throw org.custodia.platform.problem.ProblemException.invalid("name", "must match the path (roles are not renamed)");
        }
        return tenantRoles.define(caller.actor(), caller.caller().permissions(), name, body.description(), body.permissions(), true);
    }

    @DELETE
    @Path("/{name}")
    @RequiresPermission("role:delete")
    @APIResponse(responseCode = "204", description = "The role is deleted")
    public Response delete(@PathParam("name") String name) {
        tenantRoles.delete(caller.actor(), caller.caller().permissions(), name);
        return Response.noContent().build();
    }
}
