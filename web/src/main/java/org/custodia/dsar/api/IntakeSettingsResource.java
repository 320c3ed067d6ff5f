package org.custodia.dsar.api;

import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import org.custodia.dsar.application.DsarIntakeSettings;
import org.custodia.dsar.domain.IntakeSettings;
import org.custodia.dsar.domain.IsoDuration;
import org.custodia.platform.api.CallerContext;
import org.custodia.platform.api.RequestBodies;
import org.custodia.platform.api.RequiresPermission;

/** The tenant's DSAR intake settings: how long email confirmation links work, how far back duplicates are linked. */
@Path("/settings/dsar-intake")
@Consumes(MediaType.APPLICATION_JSON)
@Produces(MediaType.APPLICATION_JSON)
public class IntakeSettingsResource {

    /**
     * ISO-8601 durations: {@code identityLinkValidity} PT1S..P30D (default P7D), {@code duplicateWindow} P0D (off)..P366D
     * (default P30D), {@code downloadLinkValidity} PT1S..P90D (default P14D), {@code packageRetention} PT1S..P366D
     * (default P30D: how long after compilation an ended request's answer is kept); left out: the default.
     */
    public record IntakeSettingsView(String identityLinkValidity, String duplicateWindow, String downloadLinkValidity,
                                     String packageRetention) {
        static IntakeSettingsView of(IntakeSettings s) {
            return new IntakeSettingsView(IsoDuration.text(s.identityLinkValidity()), IsoDuration.text(s.duplicateWindow()),
                    IsoDuration.text(s.downloadLinkValidity()), IsoDuration.text(s.packageRetention()));
        }
    }

    @Inject
    DsarIntakeSettings settings;

    @Inject
    CallerContext caller;

    @GET
    @RequiresPermission("settings:view")
    public IntakeSettingsView get() {
        return IntakeSettingsView.of(settings.of(caller.caller().tenantId()));
    }

    /** Applies to requests received from now on. */
    @PUT
    @RequiresPermission("settings:update")
    public IntakeSettingsView put(IntakeSettingsView body) {
        RequestBodies.required(body);
        return IntakeSettingsView.of(settings.replace(caller.actor(), body.identityLinkValidity(), body.duplicateWindow(),
                body.downloadLinkValidity(), body.packageRetention()));
    }
}
