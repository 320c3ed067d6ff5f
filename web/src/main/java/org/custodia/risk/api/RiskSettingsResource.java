package org.custodia.risk.api;

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
import org.custodia.risk.application.RiskRegister;
import org.custodia.risk.domain.RiskBands;

/**
 * The tenant's risk bands over the scores 1-25: every score a likelihood × impact can make in exactly one band (named,
 * with a heat map colour). Changing them re-rates every risk from then on, so it takes {@code risk:approve}.
 */
@Path("/settings/risk-bands")
@Consumes(MediaType.APPLICATION_JSON)
@Produces(MediaType.APPLICATION_JSON)
public class RiskSettingsResource {

    @Inject
    RiskRegister register;

    @Inject
    CallerContext caller;

    /** The bands with their colours (set, else green to red by position). */
    @RequiresPermission("risk:view")
    @GET
    public RiskBands get() {
        return new RiskBands(register.bands(caller.caller().tenantId()).coloured());
    }

    /** {@code bands: [{name, from, to, colour?}]}; 422 naming the scores that fall in no band or in two. */
    @RequiresPermission("risk:approve")
    @PUT
    public RiskBands put(RiskBands body) {
        RequestBodies.required(body);
        return new RiskBands(register.setBands(caller.actor(), body).coloured());
    }
}
