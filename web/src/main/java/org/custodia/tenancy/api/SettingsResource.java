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
import org.custodia.tenancy.application.CalendarSettings;
import org.custodia.tenancy.application.PrivacySettings;
import org.custodia.tenancy.application.SecuritySettings;
import org.custodia.tenancy.domain.TenantCalendar;
import org.custodia.tenancy.application.RateLimiter;
import org.custodia.tenancy.domain.RateLimits;

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

    /**
     * {@code country}/{@code subdivision} may be empty or left out: no public holidays.
     * {@code publishedResponseDays}: India DPDPA's published period, 1 to 90, 90 when left out;
     * {@code stopTheClockWhereLawIsSilent}: EU GDPR pauses allowed, false when left out.
     */
    public record Calendar(String timeZone, String country, String subdivision, Integer publishedResponseDays,
                           Boolean stopTheClockWhereLawIsSilent) {

        static Calendar of(TenantCalendar c) {
            return new Calendar(c.timeZone().getId(), c.country() == null ? "" : c.country(),
                    c.subdivision() == null ? "" : c.subdivision(), c.publishedResponseDays(), c.stopTheClockWhereLawIsSilent());
        }
    }

    @Inject
    SecuritySettings security;

    @Inject
    PrivacySettings privacy;

    @Inject
    CalendarSettings calendar;

    @Inject
    CallerContext caller;

    @Inject
    RateLimiter rateLimiter;

    /** The per-minute limits the tenant's calls are held to (set by the operator: PUT /admin/tenants/{id}/rate-limits). */
    @GET
    @Path("/rate-limits")
    @RequiresPermission("settings:view")
    public RateLimits getRateLimits() {
        return rateLimiter.limits(caller.caller().tenantId());
    }

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

    /** Where legal deadlines are counted: their end of day (time zone) and the public holidays skipped. */
    @GET
    @Path("/calendar")
    @RequiresPermission("settings:view")
    public Calendar getCalendar() {
        return Calendar.of(calendar.of(caller.caller().tenantId()));
    }

    @PUT
    @Path("/calendar")
    @RequiresPermission("settings:update")
    public Calendar putCalendar(Calendar body) {
        RequestBodies.required(body);
        return Calendar.of(calendar.update(caller.actor(), body.timeZone(), body.country(), body.subdivision(),
                body.publishedResponseDays(), body.stopTheClockWhereLawIsSilent()));
    }
}
