package org.custodia.identity.api;

import java.util.LinkedHashMap;
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

    @Inject
    SsoConfiguration sso;

    @Inject
    CallerContext caller;

    @Inject
    Tenants tenants;

    @GET
    @RequiresPermission("settings:view")
    public Map<String, Object> getSso() {
        OidcSettings s = sso.of(caller.caller().tenantId()).orElseThrow(() -> ProblemException.notFound("single sign-on settings"));
        return view(s);
    }

    /** ADMIN only (sso:configure) and a recent sign-in: whoever picks the provider picks who may sign in as whom. */
    @PUT
    @RequiresPermission("sso:configure")
    public Map<String, Object> putSso(SsoConfiguration.Input body) {
        sso.requireRecentSignIn(caller.caller().tenantId(), caller.caller());
        RequestBodies.required(body);
        return view(sso.save(caller.actor(), caller.caller().permissions(), body));
    }

    @DELETE
    @RequiresPermission("sso:configure")
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
    public Map<String, Object> addresses() {
        String slug = tenants.of(caller.caller().tenantId()).slug();
        return Map.of("redirectUri", OidcSignIn.redirectUri(slug), "loginUrl", PublicUrl.base() + "/api/v1/auth/oidc/" + slug + "/login");
    }

    /** Never the client secret: only whether there is one. */
    private Map<String, Object> view(OidcSettings s) {
        Map<String, Object> v = new LinkedHashMap<>();
        v.put("issuer", s.issuer());
        v.put("clientId", s.clientId());
        v.put("confidentialClient", s.confidential());
        v.put("audience", s.audience());
        v.put("roleClaim", s.roleClaim());
        v.put("roleMapping", s.roleMapping());
        v.put("defaultRole", s.defaultRole());
        v.put("scopes", s.scopes());
        v.put("redirectUri", "/api/v1/auth/oidc/{tenant-slug}/callback");
        v.put("loginUrl", "/api/v1/auth/oidc/{tenant-slug}/login");
        return v;
    }
}
