package org.custodia.dsar.api;

import java.util.List;
import java.util.UUID;

import jakarta.inject.Inject;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;

import org.custodia.connector.application.ConnectorCallbacks;
import org.custodia.dsar.application.DsarDiscovery;
import org.custodia.platform.api.PublicEndpoint;
import org.custodia.platform.api.PublicThrottle;
import org.custodia.platform.problem.ProblemException;

import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;

/**
 * An HTTP connector that answered a search with 202 calls back here with what it found, signed like Standard
 * Webhooks with its signing secret: no API key, the signature is the credential (checked before anything is looked
 * up, an unknown connector answered alike). A webhook-id is processed once: a repeated delivery answers 200 again
 * and changes nothing. An address whose callbacks keep being refused for their signature is held off (429) for a while.
 */
@Path("/connectors/{id}/callback")
@PublicEndpoint
public class ConnectorCallbackResource {

    /** What the callback did: stored and moved the search on, or nothing, as a repeat of an earlier delivery. */
    public record Received(boolean accepted, boolean duplicate) {
    }

    /** The callback's body (documentation; read from the signed bytes as they came). */
    public record Callback(@Schema(enumeration = "dsar.discovery.result", required = true) String type,
                           @Schema(format = "uuid", required = true, description = "the requestId of the search answered") String requestId,
                           @Schema(required = true, description = "category name (a-z, 0-9, _ -) to an array of records (JSON objects)")
                           java.util.Map<String, List<java.util.Map<String, Object>>> data) {
    }

    @Inject
    ConnectorCallbacks callbacks;

    @Inject
    DsarDiscovery discovery;

    @Inject
    PublicThrottle throttle;

    @Context
    HttpServletRequest http;

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @Produces(MediaType.APPLICATION_JSON)
    @RequestBody(content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = Callback.class)))
    @APIResponse(responseCode = "200", description = "Stored, or already stored by an earlier delivery of the same webhook-id",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = Received.class)))
    @APIResponse(responseCode = "401", description = "Not signed by an enabled HTTP connector's secret within five minutes")
    @APIResponse(responseCode = "503", description = "The search is still being recorded, or changed meanwhile: send the same delivery again")
    public Received receive(@PathParam("id") String id, @HeaderParam("webhook-id") String webhookId,
                            @HeaderParam("webhook-timestamp") String timestamp, @HeaderParam("webhook-signature") String signature,
                            byte[] body) {
        UUID connectorId;
        try {
            connectorId = UUID.fromString(id);
        } catch (IllegalArgumentException e) {
            connectorId = new UUID(0, 0); // not a connector: refused below exactly like an unknown one
        }
        throttle.checkWithoutSpending(PublicThrottle.Budget.REFUSED_CALLBACKS, http); // an address sending forgeries is held off
        ConnectorCallbacks.Verified v;
        try {
            v = callbacks.verify(connectorId, webhookId, timestamp, signature, body == null ? new byte[0] : body);
        } catch (ProblemException e) {
            if (e.status() == 401) {
                throttle.spend(PublicThrottle.Budget.REFUSED_CALLBACKS, http);
            }
            throw e;
        }
        boolean first = discovery.calledBack(v.tenantId(), v.connectorId(), v.webhookId(), v.dsarId(), v.found());
        return new Received(true, !first);
    }
}
