package org.custodia.dsar.api;

import java.util.List;
import java.util.UUID;

import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import org.custodia.dsar.application.DsarDiscovery;
import org.custodia.dsar.domain.DiscoveryStep;
import org.custodia.platform.api.CallerContext;
import org.custodia.platform.api.Inputs;
import org.custodia.platform.api.RequestBodies;
import org.custodia.platform.api.RequiresPermission;

/** A request's discovery: each connector's step, and a reviewer's retry or skip of a failed one. */
@Path("/dsars/{id}/discovery")
@Consumes(MediaType.APPLICATION_JSON)
@Produces(MediaType.APPLICATION_JSON)
public class DsarDiscoveryResource {

    public record Skip(String reason) {
    }

    public record StepView(String connectorId, String status, int attempts, String cause, String skipReason, String decidedBy,
                           String updatedAt) {
        static StepView of(DiscoveryStep s) {
            return new StepView(s.connectorId().toString(), s.status().name(), s.attempts(), s.cause(), s.skipReason(),
                    s.decidedBy(), s.updatedAt() == null ? null : s.updatedAt().toString());
        }
    }

    public record DiscoveryView(String dsarId, List<StepView> steps) {
    }

    @Inject
    DsarDiscovery discovery;

    @Inject
    CallerContext caller;

    @RequiresPermission("dsar:view")
    @GET
    public DiscoveryView steps(@PathParam("id") String id) {
        UUID dsarId = Inputs.id(id, "DSAR");
        return new DiscoveryView(dsarId.toString(),
                discovery.steps(caller.caller().tenantId(), dsarId).stream().map(StepView::of).toList());
    }

    /** Runs the failed step once more, now (fix the connector first); 409 unless the step FAILED. */
    @RequiresPermission("dsar:approve")
    @POST
    @Path("/{connectorId}/retry")
    public StepView retry(@PathParam("id") String id, @PathParam("connectorId") String connectorId) {
        return StepView.of(discovery.retry(caller.actor(), Inputs.id(id, "DSAR"), Inputs.id(connectorId, "connector")));
    }

    /** Lets the failed step pass without that system's data; the reason is kept with the step. 409 unless it FAILED. */
    @RequiresPermission("dsar:approve")
    @POST
    @Path("/{connectorId}/skip")
    public StepView skip(@PathParam("id") String id, @PathParam("connectorId") String connectorId, Skip body) {
        RequestBodies.required(body);
        return StepView.of(discovery.skip(caller.actor(), Inputs.id(id, "DSAR"), Inputs.id(connectorId, "connector"), body.reason()));
    }
}
