package org.custodia.identity.api;

import org.eclipse.microprofile.openapi.annotations.media.Content;
import java.util.Map;

import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;

import org.custodia.identity.application.OidcSignIn;
import org.custodia.identity.application.SsoConfiguration;
import org.custodia.identity.domain.OidcSettings;
import org.custodia.platform.api.CallerContext;
import org.custodia.platform.api.RequestBodies;
import org.custodia.platform.api.RequiresPermission;
import org.custodia.platform.context.PublicUrl;
import org.custodia.platform.problem.ProblemException;
import org.custodia.tenancy.application.Tenants;

/** The tenant's single sign-on settings (the OIDC issuer and client), among the tenant's settings. */
@Path("/settings/sso")
@Consumes(MediaType.APPLICATION_JSON)
@Produces(MediaType.APPLICATION_JSON)
public class SsoSettingsResource {

    /** Never the client secret: only whether there is one ({@code confidentialClient}). */
    public record SsoSettingsView(String issuer, String clientId, boolean confidentialClient, String audience, String roleClaim,
                                  @Schema(description = "Claim value to role, the first that matches wins") Map<String, String> roleMapping,
                                  String defaultRole, String scopes,
                                  @Schema(description = "A template: the tenant's slug goes in") String redirectUri,
                                  @Schema(description = "A template: the tenant's slug goes in") String loginUrl) {
        static SsoSettingsView of(OidcSettings s) {
            return new SsoSettingsView(s.issuer(), s.clientId(), s.confidential(), s.audience(), s.roleClaim(), s.roleMapping(),
                    s.defaultRole(), s.scopes(), "/api/v1/auth/oidc/{tenant-slug}/callback", "/api/v1/auth/oidc/{tenant-slug}/login");
        }
    }

    /** Absolute, as the sign-in sends them. */
    public record SsoAddresses(String redirectUri, String loginUrl) {
    }

    @Inject
    SsoConfiguration sso;

    @Inject
    CallerContext caller;

    @Inject
    Tenants tenants;

    @APIResponse(responseCode = "200", description = "The settings (the client secret never shown)",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = SsoSettingsView.class)))
    @APIResponse(responseCode = "404", description = "Single sign-on is not set up")
    @GET
    @RequiresPermission("settings:view")
    public SsoSettingsView getSso() {
        OidcSettings s = sso.of(caller.caller().tenantId()).orElseThrow(() -> ProblemException.notFound("single sign-on settings"));
        return SsoSettingsView.of(s);
    }

    /** ADMIN only (sso:configure) and a recent sign-in: whoever picks the provider picks who may sign in as whom. */
    @PUT
    @RequiresPermission("sso:configure")
    public SsoSettingsView putSso(SsoConfiguration.Input body) {
        sso.requireRecentSignIn(caller.caller().tenantId(), caller.caller());
        RequestBodies.required(body);
        return SsoSettingsView.of(sso.save(caller.actor(), caller.caller().permissions(), body));
    }

    @APIResponse(responseCode = "404", description = "Single sign-on is not set up")
    @DELETE
    @RequiresPermission("sso:configure")
    @APIResponse(responseCode = "204", description = "Single sign-on is off")
    public Response deleteSso() {
        sso.requireRecentSignIn(caller.caller().tenantId(), caller.caller());
        sso.remove(caller.actor());
        return Response.noContent().build();
    }

    /**
     * The addresses to register at the provider before single sign-on is set up (absolute, from
     * {@code CUSTODIA_PUBLIC_URL}, as the sign-in sends them).
     */
    @GET
    @Path("/addresses")
    @RequiresPermission("settings:view")
    public SsoAddresses addresses() {
        String slug = tenants.of(caller.caller().tenantId()).slug();
        return new SsoAddresses(OidcSignIn.redirectUri(slug), PublicUrl.base() + "/api/v1/auth/oidc/" + slug + "/login");
    }
}
