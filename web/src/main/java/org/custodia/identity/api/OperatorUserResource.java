package org.custodia.identity.api;

import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;

import org.custodia.identity.application.UserService;
import org.custodia.platform.api.Inputs;
import org.custodia.platform.api.PlatformAdminEndpoint;
import org.custodia.platform.api.RequestBodies;
import org.custodia.platform.api.RequestIdFilter;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonUnwrapped;

/**
 * The operator creates a tenant's first local accounts (a new installation has no one to send
 * invitations yet). Without a password, one is generated and returned once.
 */
@Path("/admin/tenants/{tenantId}/users")
@PlatformAdminEndpoint
public class OperatorUserResource {

    public record NewUser(String email, String role, String password) {
    }

    /** {@code password} only when one was generated (left out, not null, when the operator chose it). */
    public record OperatorCreatedUser(@JsonUnwrapped UserResource.UserView user,
                                      @JsonInclude(JsonInclude.Include.NON_NULL)
                                      @Schema(description = "The generated password, shown this once") String password) {
    }

    @Inject
    UserService users;

    @POST
    @org.custodia.platform.api.SecretBearingResponse
    @Consumes(MediaType.APPLICATION_JSON)
    @Produces(MediaType.APPLICATION_JSON)
    @APIResponse(responseCode = "201", description = "The account, with its generated password if none was given",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = OperatorCreatedUser.class)))
    public Response create(@PathParam("tenantId") String tenantId, NewUser body) {
        RequestBodies.required(body);
        UserService.Bootstrapped created = users.createByOperator(Inputs.id(tenantId, "Tenant"), body.email(), body.role(),
                body.password(), RequestIdFilter.currentRequestId());
        return Response.status(201).entity(new OperatorCreatedUser(UserResource.UserView.of(created.user()), created.password()))
                .build();
    }
}
