package org.custodia.dsar.api;

import java.util.List;

import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import org.custodia.dsar.application.DsarSlaSettings;
import org.custodia.dsar.domain.SlaTiming;
import org.custodia.platform.api.CallerContext;
import org.custodia.platform.api.RequestBodies;
import org.custodia.platform.api.RequiresPermission;

/**
 * The tenant's service levels around legal deadlines (warning lead, escalation delay) per process and request
 * type. A tenant setting, under /settings with the others, served by the context whose process uses it.
 */
@Path("/settings/sla")
@Consumes(MediaType.APPLICATION_JSON)
@Produces(MediaType.APPLICATION_JSON)
public class SlaSettingsResource {

    /** {@code rows}: each {@code {process: "dsar", type: "ACCESS"|"*", warningBefore: "P7D", escalationAfter: "P2D"}}. */
    public record SlaRows(List<DsarSlaSettings.Row> rows) {
    }

    /** The rows as stored, and what a type without a row gets. */
    public record SlaView(List<DsarSlaSettings.Row> rows, DsarSlaSettings.Row defaults) {
        static SlaView of(List<SlaTiming> timings) {
            return new SlaView(timings.stream().map(SlaSettingsResource::row).toList(), row(SlaTiming.DEFAULT));
        }
    }

    @Inject
    DsarSlaSettings sla;

    @Inject
    CallerContext caller;

    @GET
    @RequiresPermission("settings:view")
    public SlaView get() {
        return SlaView.of(sla.of(caller.caller().tenantId()));
    }

    /** Replaces the tenant's rows; applies to requests received (or whose deadline moves) from now on. */
    @PUT
    @RequiresPermission("settings:update")
    public SlaView put(SlaRows body) {
        RequestBodies.required(body);
        return SlaView.of(sla.replace(caller.actor(), body.rows()));
    }

    private static DsarSlaSettings.Row row(SlaTiming t) {
        return new DsarSlaSettings.Row(t.process(), t.type(), t.warningBefore().toString(), t.escalationAfter().toString());
    }
}
