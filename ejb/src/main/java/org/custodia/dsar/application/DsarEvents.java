package org.custodia.dsar.application;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;

import jakarta.ejb.Stateless;
import jakarta.inject.Inject;

import org.custodia.delivery.application.DomainEvents;
import org.custodia.delivery.domain.WebhookEventTypes;
import org.custodia.platform.persistence.TenantId;
import org.custodia.platform.persistence.TenantScoped;

/**
 * A request's steps and deadlines as webhook events ({@link WebhookEventTypes#DSAR}), in the transaction of the step:
 * the request's id and the same facts its audit event holds (codes and dates, nothing personal).
 */
@Stateless
@TenantScoped
public class DsarEvents {

    @Inject
    DomainEvents events;

    public void publish(@TenantId UUID tenantId, String type, UUID dsarId, Map<String, ?> facts) {
        if (!WebhookEventTypes.DSAR.contains(type)) {
            return;
        }
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("dsarId", dsarId.toString());
        data.putAll(facts);
        events.publish(tenantId, type, data);
    }
}
