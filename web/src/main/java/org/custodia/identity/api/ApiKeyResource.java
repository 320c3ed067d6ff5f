package org.custodia.identity.api;

import org.custodia.platform.api.RequiresPermission;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;

import org.custodia.identity.application.ApiKeyService;
import org.custodia.identity.domain.ApiKey;
import org.custodia.platform.api.CallerContext;
import org.custodia.platform.api.Inputs;
import org.custodia.platform.api.RequestBodies;
import org.custodia.platform.api.SecretBearingResponse;
import org.custodia.platform.problem.FieldError;
import org.custodia.platform.problem.ProblemException;

@Path("/api-keys")
@Consumes(MediaType.APPLICATION_JSON)
@Produces(MediaType.APPLICATION_JSON)
public class ApiKeyResource {

    /** {@code role}: ADMIN, MANAGER, APPROVER, IT or AUDITOR (at most the creator's own permissions). */
    public record CreateApiKey(String name, String role, String expiresAt) {
    }

    /** The only response that ever carries a key's secret. */
    public record IssuedApiKey(String id, String name, String role, String key, String masked, String createdAt) {
        public static IssuedApiKey of(ApiKeyService.IssuedKey issued) {
            ApiKey k = issued.key();
            return new IssuedApiKey(k.id().toString(), k.name(), k.role(), issued.secret().value(), k.masked(),
                    k.createdAt().toString());
        }
    }

    public record ApiKeyView(String id, String name, String role, String masked, String createdAt, String expiresAt,
                             String revokedAt, String lastUsedAt, String replacedBy) {
        static ApiKeyView of(ApiKey k) {
            return new ApiKeyView(k.id().toString(), k.name(), k.role(), k.masked(), k.createdAt().toString(),
                    k.expiresAt() == null ? null : k.expiresAt().toString(),
                    k.revokedAt() == null ? null : k.revokedAt().toString(),
                    k.lastUsedAt() == null ? null : k.lastUsedAt().toString(),
                    k.replacedBy() == null ? null : k.replacedBy().toString());
        }
    }

    @Inject
    ApiKeyService apiKeys;

    @Inject
    CallerContext caller;

    @RequiresPermission("api_key:create")
    @SecretBearingResponse
    @POST
    @APIResponse(responseCode = "201", description = "The key, its secret shown this once",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = IssuedApiKey.class)))
    public Response create(CreateApiKey body) {
        RequestBodies.required(body);
        List<FieldError> errors = new java.util.ArrayList<>();
        Instant expiresAt = Inputs.instant("expiresAt", body.expiresAt(), errors);
        if (!errors.isEmpty()) {
            throw ProblemException.invalid(errors);
        }
        return Response.status(201).entity(IssuedApiKey.of(
                apiKeys.issue(caller.actor(), caller.caller().permissions(), body.name(), body.role(), expiresAt))).build();
    }

    /** {@code overlapSeconds}: how long the old key keeps working (default 3600, at most 7 days). */
    public record RotateApiKey(Long overlapSeconds) {
    }

    @POST
    @Path("/{id}/rotate")
    @RequiresPermission("api_key:rotate")
    @SecretBearingResponse
    @APIResponse(responseCode = "201", description = "The replacing key, its secret shown this once; the old one works for the overlap",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = IssuedApiKey.class)))
    public Response rotate(@PathParam("id") String id, RotateApiKey body) {
        long overlap = body == null || body.overlapSeconds() == null ? 3600 : body.overlapSeconds();
        return Response.status(201).entity(IssuedApiKey.of(apiKeys.rotate(caller.actor(), caller.caller().permissions(),
                Inputs.id(id, "API key"), Duration.ofSeconds(overlap)))).build();
    }

    @DELETE
    @Path("/{id}")
    @RequiresPermission("api_key:revoke")
    public ApiKeyView revoke(@PathParam("id") String id) {
        return ApiKeyView.of(apiKeys.revoke(caller.actor(), caller.caller().permissions(), Inputs.id(id, "API key")));
    }

    @RequiresPermission("api_key:view")
    @GET
    public List<ApiKeyView> list() {
        return apiKeys.list(caller.caller().tenantId()).stream().map(ApiKeyView::of).toList();
    }
}
