package org.custodia.notification.api;

import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import org.custodia.notification.application.MailSettings;
import org.custodia.platform.api.CallerContext;
import org.custodia.platform.api.RequestBodies;
import org.custodia.platform.api.RequiresPermission;

/** The tenant's mail settings: the language of mail whose reader has none (null: English). */
@Path("/settings/mail")
@Consumes(MediaType.APPLICATION_JSON)
@Produces(MediaType.APPLICATION_JSON)
public class MailSettingsResource {

    /** {@code defaultLanguage}: an ISO 639 code the templates exist in for every mail type, or null (English). */
    public record MailSettingsView(String defaultLanguage) {
    }

    @Inject
    MailSettings settings;

    @Inject
    CallerContext caller;

    @GET
    @RequiresPermission("settings:view")
    public MailSettingsView get() {
        return new MailSettingsView(settings.defaultLanguage(caller.caller().tenantId()).orElse(null));
    }

    @PUT
    @RequiresPermission("settings:update")
    public MailSettingsView put(MailSettingsView body) {
        RequestBodies.required(body);
        return new MailSettingsView(settings.replace(caller.actor(), body.defaultLanguage()).orElse(null));
    }
}
