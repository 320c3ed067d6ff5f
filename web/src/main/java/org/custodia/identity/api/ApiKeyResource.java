package org.custodia.identity.api;

import org.custodia.platform.api.RequiresPermission;
import java.util.List;

import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import org.custodia.identity.application.ApiKeyService;
import org.custodia.identity.domain.ApiKey;
import org.custodia.platform.api.CallerContext;
import org.custodia.platform.api.RequestBodies;

@Path("/api-keys")
@Consumes(MediaType.APPLICATION_JSON)
@Produces(MediaType.APPLICATION_JSON)
public class ApiKeyResource {

    /** {@code role}: ADMIN, MANAGER, APPROVER, IT or AUDITOR (at most the creator's own permissions). */
    public record CreateApiKey(String name, String role) {
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
                             String revokedAt) {
        static ApiKeyView of(ApiKey k) {
            return new ApiKeyView(k.id().toString(), k.name(), k.role(), k.masked(), k.createdAt().toString(),
                    k.expiresAt() == null ? null : k.expiresAt().toString(),
                    k.revokedAt() == null ? null : k.revokedAt().toString());
        }
    }

    @Inject
    ApiKeyService apiKeys;

    @Inject
    CallerContext caller;

    @RequiresPermission("api_key:create")
    @POST
    public Response create(CreateApiKey body) {
        RequestBodies.required(body);
        return Response.status(201).entity(IssuedApiKey.of(
                apiKeys.issue(caller.actor(), caller.caller().permissions(), body.name(), body.role()))).build();
    }

    @RequiresPermission("api_key:view")
    @GET
    public List<ApiKeyView> list() {
        return apiKeys.list(caller.caller().tenantId()).stream().map(ApiKeyView::of).toList();
    }
}
