package org.custodia.identity.api;

import java.util.Map;

import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import org.custodia.identity.application.UserService;
import org.custodia.platform.api.Inputs;
import org.custodia.platform.api.PlatformAdminEndpoint;
import org.custodia.platform.api.RequestBodies;
import org.custodia.platform.api.RequestIdFilter;

/**
 * The operator creates a tenant's first local accounts (a new installation has no one to send
 * invitations yet). Without a password, one is generated and returned once.
 */
@Path("/admin/tenants/{tenantId}/users")
@PlatformAdminEndpoint
public class OperatorUserResource {

    public record NewUser(String email, String role, String password) {
    }

    @Inject
    UserService users;

    @POST
    @org.custodia.platform.api.SecretBearingResponse
    @Consumes(MediaType.APPLICATION_JSON)
    @Produces(MediaType.APPLICATION_JSON)
    public Response create(@PathParam("tenantId") String tenantId, NewUser body) {
        RequestBodies.required(body);
        UserService.Bootstrapped created = users.createByOperator(Inputs.id(tenantId, "Tenant"), body.email(), body.role(),
                body.password(), RequestIdFilter.currentRequestId());
        Map<String, Object> view = UserResource.view(created.user());
        if (created.password() != null) {
            view.put("password", created.password());
        }
        return Response.status(201).entity(view).build();
    }
}
