package org.custodia.connector.application;

import java.io.IOException;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;

import jakarta.ejb.Stateless;
import jakarta.inject.Inject;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import org.custodia.connector.domain.ConnectorFailure;
import org.custodia.connector.domain.FoundData;
import org.custodia.connector.infrastructure.ConnectorRepository;
import org.custodia.connector.infrastructure.HttpConnectorClient;
import org.custodia.platform.outbound.StandardWebhookSignature;
import org.custodia.platform.problem.ProblemException;

/**
 * A connector's callback, checked before anything else is looked at: the URL names an enabled HTTP connector, the
 * body is signed by its secret like Standard Webhooks (webhook-id, a webhook-timestamp within five minutes, one of
 * the webhook-signature's v1 values), then read: {@code {"type": "dsar.discovery.result", "requestId", "data":
 * {category: [records]}}}. An unknown connector and a bad signature answer the same 401.
 */
@Stateless
public class ConnectorCallbacks {

    static final String RESULT = "dsar.discovery.result";
    /** A secret nobody holds: what an unknown connector's callback is checked against. */
    private static final String UNKNOWN = StandardWebhookSignature.newSecret();
    private static final ObjectMapper JSON = new ObjectMapper();

    /** A signed callback of {@code tenantId}'s connector: what it found for the request. */
    public record Verified(UUID tenantId, UUID connectorId, String webhookId, UUID dsarId, FoundData found) {
    }

    @Inject
    ConnectorRepository connectors;

    @Inject
    ConnectorService service;

    public Verified verify(UUID connectorId, String webhookId, String timestamp, String signature, byte[] body) {
        Optional<UUID> tenant = connectors.callbackTenant(connectorId);
        boolean signed = false;
        if (tenant.isEmpty()) { // the same work as for a real connector, so the answer's timing tells nothing
            StandardWebhookSignature.verify(UNKNOWN, webhookId, timestamp, signature, body, Instant.now().getEpochSecond());
        } else {
            signed = service.signedByConnector(tenant.get(), connectorId, webhookId, timestamp, signature, body);
        }
        if (!signed || webhookId == null || webhookId.isBlank() || webhookId.length() > 255) {
            throw new ProblemException(401, "invalid-signature", "Invalid signature",
                    "The callback is not signed by an enabled connector's secret within the last five minutes.", java.util.List.of());
        }
        JsonNode root;
        try {
            root = JSON.readTree(body);
        } catch (IOException e) {
            throw new ProblemException(400, "malformed-body", "Malformed request", "The body is not valid JSON.", java.util.List.of());
        }
        if (root == null || !RESULT.equals(root.path("type").asText())) {
            throw ProblemException.invalid("type", "must be " + RESULT);
        }
        UUID dsarId;
        try {
            dsarId = UUID.fromString(root.path("requestId").asText());
        } catch (IllegalArgumentException e) {
            throw ProblemException.invalid("requestId", "must be the requestId of the search being answered");
        }
        try {
            return new Verified(tenant.get(), connectorId, webhookId, dsarId, HttpConnectorClient.categories(root.get("data"), body.length));
        } catch (ConnectorFailure e) {
            throw ProblemException.invalid("data", e.getMessage());
        }
    }
}
