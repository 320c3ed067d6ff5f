package org.custodia.tenancy.api;

import java.util.List;

import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import org.custodia.platform.api.CallerContext;
import org.custodia.platform.api.RequestBodies;
import org.custodia.platform.api.RequiresPermission;
import org.custodia.tenancy.application.PrivacySettings;
import org.custodia.tenancy.application.SecuritySettings;

/** Tenant settings: MFA enforcement and CORS origins; the jurisdiction receipts state (single sign-on: identity's SsoSettingsResource). */
@Path("/settings")
@Consumes(MediaType.APPLICATION_JSON)
@Produces(MediaType.APPLICATION_JSON)
public class SettingsResource {

    /** {@code sessionIdleMinutes}: 5 to 480, default 30 when left out. */
    public record Security(Boolean mfaRequired, List<String> corsOrigins, Integer sessionIdleMinutes) {
    }

    public record Privacy(String jurisdiction) {
    }

    @Inject
    SecuritySettings security;

    @Inject
    PrivacySettings privacy;

    @Inject
    CallerContext caller;

    @GET
    @Path("/security")
    @RequiresPermission("settings:view")
    public SecuritySettings.Settings getSecurity() {
        return security.of(caller.caller().tenantId());
    }

    @PUT
    @Path("/security")
    @RequiresPermission("settings:update")
    public SecuritySettings.Settings putSecurity(Security body) {
        RequestBodies.required(body);
        return security.update(caller.actor(), body.mfaRequired(), body.corsOrigins(), body.sessionIdleMinutes());
    }

    /** The jurisdiction consent receipts state (empty: not stated). */
    @GET
    @Path("/privacy")
    @RequiresPermission("settings:view")
    public PrivacySettings.Settings getPrivacy() {
        return privacy.of(caller.caller().tenantId());
    }

    @PUT
    @Path("/privacy")
    @RequiresPermission("settings:update")
    public PrivacySettings.Settings putPrivacy(Privacy body) {
        RequestBodies.required(body);
        return privacy.update(caller.actor(), body.jurisdiction());
    }
}
