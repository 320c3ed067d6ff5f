package org.custodia.onboarding.api;

import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;

import org.custodia.identity.api.ApiKeyResource;
import org.custodia.onboarding.application.TenantOnboarding;
import org.custodia.platform.api.PlatformAdminEndpoint;
import org.custodia.platform.api.RequestBodies;
import org.custodia.platform.api.RequestIdFilter;

/** Tenant bootstrap by the installation's operator (admin token). */
@Path("/tenants")
@PlatformAdminEndpoint
@Consumes(MediaType.APPLICATION_JSON)
@Produces(MediaType.APPLICATION_JSON)
public class TenantResource {

    public record CreateTenant(String slug, String name) {
    }

    public record CreatedTenant(String tenantId, String slug, String name, String createdAt,
                                ApiKeyResource.IssuedApiKey apiKey) {
    }

    @Inject
    TenantOnboarding tenants;

    @POST
    @org.custodia.platform.api.SecretBearingResponse
    @APIResponse(responseCode = "201", description = "The tenant and its first API key (ADMIN), the key's secret shown this once",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = CreatedTenant.class)))
    public Response create(CreateTenant body) {
        RequestBodies.required(body);
        TenantOnboarding.CreatedTenant created = tenants.create(body.slug(), body.name(), RequestIdFilter.currentRequestId());
        var t = created.tenant();
        return Response.status(201).entity(new CreatedTenant(t.id().toString(), t.slug(), t.name(),
                t.createdAt().toString(), ApiKeyResource.IssuedApiKey.of(created.firstKey()))).build();
    }
}
