package org.custodia.identity.api;

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

import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;

import org.custodia.identity.application.UserService;
import org.custodia.platform.context.ApiCaller;
import org.custodia.identity.domain.UserAccount;
import org.custodia.platform.api.AuthenticatedEndpoint;
import org.custodia.platform.api.CallerContext;
import org.custodia.platform.api.Inputs;
import org.custodia.platform.api.RequestBodies;
import org.custodia.platform.api.RequiresPermission;
import org.custodia.platform.problem.ProblemException;

import com.fasterxml.jackson.annotation.JsonUnwrapped;

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

    /** A user account as the API shows it: never a password hash or a TOTP secret. */
    public record UserView(String id, String email, String displayName, String role, String status,
                           @Schema(description = "sso or password") String signIn,
                           @Schema(description = "Whether TOTP is enabled") boolean mfa,
                           String emailVerifiedAt, String createdAt, String lastSignInAt) {
        static UserView of(UserAccount u) {
            return new UserView(u.id().toString(), u.email(), u.displayName(), u.role(), u.status().name(),
                    u.oidcSubject() != null ? "sso" : "password", u.totpEnabled(),
                    u.emailVerifiedAt() == null ? null : u.emailVerifiedAt().toString(), u.createdAt().toString(),
                    u.lastLoginAt() == null ? null : u.lastLoginAt().toString());
        }
    }

    /** The invited account's keys (unwrapped, as one object), and until when its invitation link works. */
    public record InvitedUser(@JsonUnwrapped UserView user, String invitationExpiresAt) {
    }

    public record EmailChangeRequested(String verificationExpiresAt) {
    }

    @Inject
    UserService users;

    @Inject
    CallerContext caller;

    @GET
    @RequiresPermission("user:view")
    public List<UserView> list() {
        return users.list(caller.caller().tenantId()).stream().map(UserView::of).toList();
    }

    @GET
    @Path("/{id}")
    @RequiresPermission("user:view")
    public UserView get(@PathParam("id") String id) {
        return UserView.of(users.get(caller.caller().tenantId(), Inputs.id(id, "user")));
    }

    @POST
    @Path("/invitations")
    @RequiresPermission("user:invite")
    @APIResponse(responseCode = "201", description = "The invited account; the invitation is mailed",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = InvitedUser.class)))
    public Response invite(InviteUser body) {
        RequestBodies.required(body);
        UserService.Invitation invitation = users.invite(caller.actor(), caller.caller().permissions(), body.email(), body.role(),
                body.displayName());
        return Response.status(201).entity(new InvitedUser(UserView.of(invitation.user()), invitation.expiresAt().toString()))
                .build();
    }

    @PUT
    @Path("/{id}/role")
    @RequiresPermission("user:update")
    public UserView changeRole(@PathParam("id") String id, RoleChange body) {
        RequestBodies.required(body);
        return UserView.of(users.changeRole(caller.actor(), caller.caller().permissions(), Inputs.id(id, "user"), body.role()));
    }

    @DELETE
    @Path("/{id}")
    @RequiresPermission("user:delete")
    public UserView disable(@PathParam("id") String id) {
        return UserView.of(users.disable(caller.actor(), caller.caller().permissions(), Inputs.id(id, "user")));
    }

    @POST
    @Path("/{id}/enable")
    @RequiresPermission("user:update")
    public UserView enable(@PathParam("id") String id) {
        return UserView.of(users.enable(caller.actor(), caller.caller().permissions(), Inputs.id(id, "user")));
    }

    /**
     * Sends a confirmation link to the new address; the change applies when the link is used, and the old
     * address then gets a notice with a link that undoes it.
     */
    @POST
    @Path("/me/email")
    @AuthenticatedEndpoint
    @APIResponse(responseCode = "202", description = "A confirmation link is on its way to the new address",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = EmailChangeRequested.class)))
    public Response changeOwnEmail(EmailChange body) {
        RequestBodies.required(body);
        ApiCaller c = caller.caller();
        if (!c.isUser()) {
            throw ProblemException.conflict("email", "an API key has no email address");
        }
        return Response.accepted(new EmailChangeRequested(users.requestEmailChange(caller.actor(), c.callerId(), c.sessionId(),
                body.email(), body.currentPassword()).toString())).build();
    }
}
