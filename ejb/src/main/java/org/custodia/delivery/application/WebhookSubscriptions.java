package org.custodia.delivery.application;

import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import jakarta.annotation.Resource;
import jakarta.ejb.SessionContext;
import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.inject.Inject;

import org.custodia.audit.application.AuditTrail;
import org.custodia.crypto.application.SealedSecrets;
import org.custodia.delivery.domain.WebhookEventTypes;
import org.custodia.platform.outbound.StandardWebhookSignature;
import org.custodia.delivery.domain.WebhookSubscription;
import org.custodia.delivery.infrastructure.WebhookDeliveryRepository;
import org.custodia.delivery.infrastructure.WebhookSubscriptionRepository;
import org.custodia.platform.context.Actor;
import org.custodia.platform.outbound.OutboundUrlGuard;
import org.custodia.platform.outbound.RefusedUrl;
import org.custodia.platform.persistence.StoredTime;
import org.custodia.platform.persistence.TenantId;
import org.custodia.platform.persistence.TenantScoped;
import org.custodia.platform.problem.FieldError;
import org.custodia.platform.problem.ProblemException;

/**
 * A tenant's webhook subscriptions: made with a secret shown once, changed, rotated (both secrets sign during the
 * overlap), disabled and enabled again, deleted; their delivery log and a manual redelivery. A target URL passes the
 * outbound-URL guard when it is saved (and again at every delivery), before any transaction.
 */
@Stateless
@TenantScoped
public class WebhookSubscriptions {

    static final String SECRET_SEAL = "webhook-secret";
    static final int MAX_TYPES = 50;
    static final int MIN_URL = 10; // as the table's check
    static final int MAX_URL = 2000;
    static final int MAX_DESCRIPTION = 200;
    static final int MAX_PER_TENANT = 25;
    public static final Duration DEFAULT_OVERLAP = Duration.ofHours(24);
    static final Duration LONGEST_OVERLAP = Duration.ofDays(7);

    /** What a caller asks for. */
    public record Input(String url, String description, List<String> eventTypes) {
    }

    /** A subscription with the secret that signs for it, shown this once. */
    public record WithSecret(WebhookSubscription subscription, String secret) {
    }

    @Inject
    WebhookSubscriptionRepository subscriptions;

    @Inject
    WebhookDeliveryRepository deliveries;

    @Inject
    SealedSecrets sealed;

    @Inject
    AuditTrail audit;

    @Inject
    DomainEvents events;

    @Inject
    WebhookDispatcher dispatcher;

    @Resource
    SessionContext context;

    /** {@code permissions}: the caller's; events it could not read through the API it cannot subscribe to either. */
    @TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
    public WithSecret create(Actor actor, Set<String> permissions, Input in) {
        check(in);
        requireReadable(in.eventTypes(), permissions);
        return self().store(actor, in);
    }

    public WithSecret store(Actor actor, Input in) {
        subscriptions.lockTenant(actor.tenantId()); // counted and added one at a time
        if (subscriptions.all().size() >= MAX_PER_TENANT) {
            throw ProblemException.conflict("url", "an organisation has at most " + MAX_PER_TENANT + " webhook subscriptions");
        }
        Instant now = StoredTime.now();
        WebhookSubscription s = new WebhookSubscription(UUID.randomUUID(), in.url().strip(), blankToNull(in.description()),
                in.eventTypes(), WebhookSubscription.Status.ACTIVE, null, null, now, now);
        String secret = StandardWebhookSignature.newSecret();
        subscriptions.add(actor.tenantId(), s, sealed.sealText(actor.tenantId(), seal(s.id()), secret));
        audit.append(actor, "webhook.created", "webhook_subscription", s.id().toString(),
                Map.of("host", URI.create(s.url()).getHost(), "eventTypes", s.eventTypes()));
        return new WithSecret(s, secret);
    }

    /** Both the filters it has and those it gets must be readable by the caller (a new URL sends the old events). */
    @TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
    public WebhookSubscription update(Actor actor, Set<String> permissions, UUID id, Input in) {
        check(in);
        requireReadable(in.eventTypes(), permissions);
        return self().change(actor, permissions, id, in);
    }

    public WebhookSubscription change(Actor actor, Set<String> permissions, UUID id, Input in) {
        requireReadable(locked(id).eventTypes(), permissions);
        subscriptions.update(id, in.url().strip(), blankToNull(in.description()), in.eventTypes(), StoredTime.now());
        deliveries.dueNow(id); // a fixed endpoint does not wait out the old backoff
        dispatcher.wakeAfterCommit();
        audit.append(actor, "webhook.updated", "webhook_subscription", id.toString(),
                Map.of("host", URI.create(in.url().strip()).getHost(), "eventTypes", in.eventTypes()));
        return get(actor.tenantId(), id);
    }

    public List<WebhookSubscription> list(@TenantId UUID tenantId) {
        return subscriptions.all();
    }

    public WebhookSubscription get(@TenantId UUID tenantId, UUID id) {
        return subscriptions.find(id).orElseThrow(() -> ProblemException.notFound("webhook subscription " + id));
    }

    /** A new secret, shown once; the old one signs too until the overlap ends (receivers switch meanwhile). */
    public WithSecret rotate(Actor actor, UUID id, Duration overlap) {
        if (overlap.isNegative() || overlap.compareTo(LONGEST_OVERLAP) > 0) {
            throw ProblemException.invalid("overlapHours", "must be 0 to " + LONGEST_OVERLAP.toHours());
        }
        locked(id);
        String secret = StandardWebhookSignature.newSecret();
        Instant now = StoredTime.now();
        subscriptions.rotate(id, sealed.sealText(actor.tenantId(), seal(id), secret), now.plus(overlap), now);
        audit.append(actor, "webhook.secret_rotated", "webhook_subscription", id.toString(),
                Map.of("overlapUntil", now.plus(overlap).toString()));
        return new WithSecret(get(actor.tenantId(), id), secret);
    }

    public WebhookSubscription enable(Actor actor, UUID id) {
        locked(id);
        subscriptions.status(id, WebhookSubscription.Status.ACTIVE, null, StoredTime.now());
        deliveries.dueNow(id);
        dispatcher.wakeAfterCommit();
        audit.append(actor, "webhook.enabled", "webhook_subscription", id.toString(), Map.of());
        return get(actor.tenantId(), id);
    }

    public WebhookSubscription disable(Actor actor, UUID id) {
        locked(id);
        subscriptions.status(id, WebhookSubscription.Status.DISABLED, "disabled by " + actor.principal(), StoredTime.now());
        audit.append(actor, "webhook.disabled", "webhook_subscription", id.toString(), Map.of("by", "user"));
        return get(actor.tenantId(), id);
    }

    public void delete(Actor actor, UUID id) {
        locked(id);
        subscriptions.delete(id);
        audit.append(actor, "webhook.deleted", "webhook_subscription", id.toString(), Map.of());
    }

    /** A {@code webhook.ping} to this subscription alone, whatever it subscribed to. */
    public void ping(Actor actor, UUID id) {
        WebhookSubscription s = locked(id);
        if (s.status() != WebhookSubscription.Status.ACTIVE) {
            throw ProblemException.conflict("id", "the subscription is disabled: enable it first");
        }
        events.queue(actor.tenantId(), WebhookEventTypes.PING, Map.of("subscriptionId", id.toString()), List.of(s));
        audit.append(actor, "webhook.pinged", "webhook_subscription", id.toString(), Map.of());
    }

    public List<WebhookDeliveryRepository.Logged> log(@TenantId UUID tenantId, UUID id, int limit) {
        get(tenantId, id);
        return deliveries.log(id, limit);
    }

    public List<WebhookDeliveryRepository.Attempt> attempts(@TenantId UUID tenantId, UUID id, UUID deliveryId) {
        WebhookDeliveryRepository.Pending d = deliveries.find(deliveryId).filter(p -> p.subscriptionId().equals(id))
                .orElseThrow(() -> ProblemException.notFound("delivery " + deliveryId));
        return deliveries.attempts(d.id());
    }

    /** The delivery's event once more, at the end of the subscription's queue, with the same webhook-id. */
    public UUID redeliver(Actor actor, UUID id, UUID deliveryId) {
        if (locked(id).status() != WebhookSubscription.Status.ACTIVE) {
            throw ProblemException.conflict("id", "the subscription is disabled: enable it first");
        }
        WebhookDeliveryRepository.Pending d = deliveries.find(deliveryId).filter(p -> p.subscriptionId().equals(id))
                .orElseThrow(() -> ProblemException.notFound("delivery " + deliveryId));
        UUID again = UUID.randomUUID();
        deliveries.add(again, actor.tenantId(), id, d.eventId(), d.eventType(), d.payload(), StoredTime.now());
        audit.append(actor, "webhook.redelivered", "webhook_subscription", id.toString(),
                Map.of("delivery", deliveryId.toString(), "eventId", d.eventId().toString()));
        dispatcher.wakeAfterCommit();
        return again;
    }

    private WebhookSubscription locked(UUID id) {
        return subscriptions.lock(id).orElseThrow(() -> ProblemException.notFound("webhook subscription " + id));
    }

    /** Field by field, then the guard (a name that resolves to a refused address is refused now, not at delivery). */
    static void check(Input in) {
        List<FieldError> errors = new ArrayList<>();
        if (in.url() == null || in.url().isBlank()) {
            errors.add(new FieldError("url", "is required: the https:// address events are posted to"));
        } else if (in.url().strip().length() < MIN_URL || in.url().strip().length() > MAX_URL) {
            errors.add(new FieldError("url", "must be " + MIN_URL + " to " + MAX_URL + " characters"));
        }
        if (in.description() != null && in.description().length() > MAX_DESCRIPTION) {
            errors.add(new FieldError("description", "must be at most " + MAX_DESCRIPTION + " characters"));
        }
        if (in.eventTypes() == null || in.eventTypes().isEmpty() || in.eventTypes().size() > MAX_TYPES) {
            errors.add(new FieldError("eventTypes", "must name 1 to " + MAX_TYPES + " event types (such as consent.* or dsar.closed)"));
        } else {
            in.eventTypes().stream().filter(t -> !WebhookEventTypes.validFilter(t)).findFirst().ifPresent(t ->
                    errors.add(new FieldError("eventTypes", "'" + t + "' names no event; one of " + WebhookEventTypes.ALL.stream().sorted().toList()
                            + ", a family such as consent.*, or *")));
        }
        if (errors.isEmpty()) {
            try {
                OutboundUrlGuard.fromSettings().check(in.url().strip());
            } catch (RefusedUrl e) {
                errors.add(new FieldError("url", "is refused: events go to public https addresses only"));
            }
        }
        if (!errors.isEmpty()) {
            throw ProblemException.invalid(errors);
        }
    }

    /**
     * Consent events carry what {@code consent:view} shows, request events what {@code dsar:view} shows: a role
     * without them (IT manages webhooks, but sees no compliance content) may not route them anywhere. 403 otherwise.
     */
    static void requireReadable(List<String> filters, Set<String> permissions) {
        for (var family : Map.of("consent:view", WebhookEventTypes.CONSENT, "dsar:view", WebhookEventTypes.DSAR).entrySet()) {
            boolean wanted = filters.stream().anyMatch(f -> family.getValue().stream().anyMatch(t -> WebhookEventTypes.matches(f, t)));
            if (wanted && !permissions.contains(family.getKey())) {
                throw new ProblemException(403, "forbidden", "Forbidden", "These events carry what " + family.getKey()
                        + " shows, which your role does not hold.", List.of(new FieldError("eventTypes", "needs " + family.getKey())));
            }
        }
    }

    /** What a subscription's secret is sealed for (and only opened as). */
    public static String seal(UUID id) {
        return SECRET_SEAL + ":" + id;
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s.strip();
    }

    private WebhookSubscriptions self() {
        return context.getBusinessObject(WebhookSubscriptions.class);
    }
}
