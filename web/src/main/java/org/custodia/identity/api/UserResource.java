package org.custodia.identity.api;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

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

import org.custodia.identity.application.UserService;
import org.custodia.platform.context.ApiCaller;
import org.custodia.identity.domain.UserAccount;
import org.custodia.platform.api.AuthenticatedEndpoint;
import org.custodia.platform.api.CallerContext;
import org.custodia.platform.api.Inputs;
import org.custodia.platform.api.RequestBodies;
import org.custodia.platform.api.RequiresPermission;
import org.custodia.platform.problem.ProblemException;

/** The tenant's users: invitations, roles, disabling; a user's own change of email address. */
@Path("/users")
@Consumes(MediaType.APPLICATION_JSON)
@Produces(MediaType.APPLICATION_JSON)
public class UserResource {

    public record InviteUser(String email, String role, String displayName) {
    }

    public record RoleChange(String role) {
    }

    /** {@code currentPassword}: needed unless the session was opened within the last 10 minutes. */
    public record EmailChange(String email, String currentPassword) {
    }

    @Inject
    UserService users;

    @Inject
    CallerContext caller;

    static Map<String, Object> view(UserAccount u) {
        Map<String, Object> v = new LinkedHashMap<>();
        v.put("id", u.id().toString());
        v.put("email", u.email());
        v.put("displayName", u.displayName());
        v.put("role", u.role());
        v.put("status", u.status().name());
        v.put("signIn", u.oidcSubject() != null ? "sso" : "password");
        v.put("mfa", u.totpEnabled());
        v.put("emailVerifiedAt", u.emailVerifiedAt() == null ? null : u.emailVerifiedAt().toString());
        v.put("createdAt", u.createdAt().toString());
        v.put("lastSignInAt", u.lastLoginAt() == null ? null : u.lastLoginAt().toString());
        return v;
    }

    @GET
    @RequiresPermission("user:view")
    public List<Map<String, Object>> list() {
        return users.list(caller.caller().tenantId()).stream().map(UserResource::view).toList();
    }

    @GET
    @Path("/{id}")
    @RequiresPermission("user:view")
    public Map<String, Object> get(@PathParam("id") String id) {
        return view(users.get(caller.caller().tenantId(), Inputs.id(id, "user")));
    }

    @POST
    @Path("/invitations")
    @RequiresPermission("user:invite")
    public Response invite(InviteUser body) {
        RequestBodies.required(body);
        UserService.Invitation invitation = users.invite(caller.actor(), caller.caller().permissions(), body.email(), body.role(),
                body.displayName());
        Map<String, Object> v = view(invitation.user());
        v.put("invitationExpiresAt", invitation.expiresAt().toString());
        return Response.status(201).entity(v).build();
    }

    @PUT
    @Path("/{id}/role")
    @RequiresPermission("user:update")
    public Map<String, Object> changeRole(@PathParam("id") String id, RoleChange body) {
        RequestBodies.required(body);
        return view(users.changeRole(caller.actor(), caller.caller().permissions(), Inputs.id(id, "user"), body.role()));
    }

    @DELETE
    @Path("/{id}")
    @RequiresPermission("user:delete")
    public Map<String, Object> disable(@PathParam("id") String id) {
        return view(users.disable(caller.actor(), caller.caller().permissions(), Inputs.id(id, "user")));
    }

    @POST
    @Path("/{id}/enable")
    @RequiresPermission("user:update")
    public Map<String, Object> enable(@PathParam("id") String id) {
        return view(users.enable(caller.actor(), caller.caller().permissions(), Inputs.id(id, "user")));
    }

    /**
     * Sends a confirmation link to the new address; the change applies when the link is used, and the old
     * address then gets a notice with a link that undoes it.
     */
    @POST
    @Path("/me/email")
    @AuthenticatedEndpoint
    public Response changeOwnEmail(EmailChange body) {
        RequestBodies.required(body);
        ApiCaller c = caller.caller();
        if (!c.isUser()) {
            throw ProblemException.conflict("email", "an API key has no email address");
        }
        return Response.accepted(Map.of("verificationExpiresAt",
                users.requestEmailChange(caller.actor(), c.callerId(), c.sessionId(), body.email(),
                        body.currentPassword()).toString())).build();
    }
}
