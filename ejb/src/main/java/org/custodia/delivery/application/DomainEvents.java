package org.custodia.delivery.application;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import jakarta.ejb.Stateless;
import jakarta.inject.Inject;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

import org.custodia.delivery.domain.WebhookSubscription;
import org.custodia.delivery.infrastructure.WebhookDeliveryRepository;
import org.custodia.delivery.infrastructure.WebhookSubscriptionRepository;
import org.custodia.platform.persistence.StoredTime;
import org.custodia.platform.persistence.TenantId;
import org.custodia.platform.persistence.TenantScoped;

/**
 * Publishes a domain event to the tenant's webhook subscriptions: one outbox row per subscription that wants it,
 * written in the caller's transaction, so the event exists exactly when the change it reports does. The body is the
 * Standard Webhooks payload shape, {@code {"type", "timestamp", "data"}}, fixed here and signed as stored.
 */
@Stateless
@TenantScoped
public class DomainEvents {

    private static final ObjectMapper JSON = new ObjectMapper();

    @Inject
    WebhookSubscriptionRepository subscriptions;

    @Inject
    WebhookDeliveryRepository deliveries;

    @Inject
    WebhookDispatcher dispatcher;

    /**
     * Reads the active subscriptions afresh (one indexed query): a cache would let another node's new subscription
     * miss the events of the moment before it heard of it, and an event is never to be lost.
     */
    public void publish(@TenantId UUID tenantId, String type, Map<String, ?> data) {
        List<WebhookSubscription> wanting = subscriptions.active().stream().filter(s -> s.wants(type)).toList();
        if (wanting.isEmpty()) {
            return;
        }
        queue(tenantId, type, data, wanting);
    }

    /** To the given subscriptions (a test ping, whatever they subscribed to). */
    public void queue(@TenantId UUID tenantId, String type, Map<String, ?> data, List<WebhookSubscription> to) {
        Instant now = StoredTime.now();
        UUID eventId = UUID.randomUUID();
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("type", type);
        body.put("timestamp", now.toString());
        body.put("data", data);
        String payload;
        try {
            payload = JSON.writeValueAsString(body);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("an event's data must be JSON", e);
        }
        for (WebhookSubscription s : to) {
            deliveries.add(UUID.randomUUID(), tenantId, s.id(), eventId, type, payload, now);
        }
        dispatcher.wakeAfterCommit(); // this node delivers at once; the others find it on their next round
    }
}
