package org.custodia.delivery.api;

import java.time.Duration;
import java.util.List;
import java.util.UUID;

import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import org.custodia.delivery.application.WebhookSubscriptions;
import org.custodia.delivery.domain.WebhookEventTypes;
import org.custodia.delivery.domain.WebhookSubscription;
import org.custodia.delivery.infrastructure.WebhookDeliveryRepository;
import org.custodia.platform.api.CallerContext;
import org.custodia.platform.api.Inputs;
import org.custodia.platform.api.RequestBodies;
import org.custodia.platform.api.RequiresPermission;
import org.custodia.platform.api.SecretBearingResponse;
import org.custodia.platform.problem.FieldError;
import org.custodia.platform.problem.ProblemException;

import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;

/**
 * A tenant's webhook subscriptions (Standard Webhooks): the secret is in the answer that makes or rotates it, never
 * again; the delivery log with each attempt; a manual redelivery; a test ping.
 */
@Path("/webhooks")
@Consumes(MediaType.APPLICATION_JSON)
@Produces(MediaType.APPLICATION_JSON)
public class WebhookResource {

    public record SubscriptionBody(String url, String description, List<String> eventTypes) {
    }

    public record SubscriptionView(String id, String url, String description, List<String> eventTypes, String status,
                                   String disabledReason, String previousSecretUntil, String createdAt, String updatedAt) {
        static SubscriptionView of(WebhookSubscription s) {
            return new SubscriptionView(s.id().toString(), s.url(), s.description(), s.eventTypes(), s.status().name(),
                    s.disabledReason(), s.previousSecretUntil() == null ? null : s.previousSecretUntil().toString(),
                    s.createdAt().toString(), s.updatedAt().toString());
        }
    }

    /** The making or rotating answer: the subscription and its secret ({@code whsec_...}), shown this once. */
    public record WithSecret(SubscriptionView subscription, String secret) {
    }

    public record Rotation(Integer overlapHours) {
    }

    public record DeliveryView(String id, String eventId, String eventType, String status, int attempts, String createdAt,
                               String nextAttemptAt, String deliveredAt, Integer lastStatus, String lastError) {
        static DeliveryView of(WebhookDeliveryRepository.Logged d) {
            return new DeliveryView(d.id().toString(), d.eventId().toString(), d.eventType(), d.status(), d.attempts(),
                    d.createdAt().toString(), "PENDING".equals(d.status()) ? d.nextAttemptAt().toString() : null,
                    d.deliveredAt() == null ? null : d.deliveredAt().toString(), d.lastStatus(), d.lastError());
        }
    }

    public record AttemptView(int attempt, String at, Integer status, int latencyMs, String error, String response) {
        static AttemptView of(WebhookDeliveryRepository.Attempt a) {
            return new AttemptView(a.attempt(), a.at().toString(), a.statusCode(), a.latencyMs(), a.error(), a.responseExcerpt());
        }
    }

    /** The event types a subscription may name, by family, and how {@code eventTypes} filters them. */
    public record EventTypes(List<String> consent, List<String> dsar, List<String> test, String filters) {
    }

    /** {@code queued}: the event type sent ({@code webhook.ping}). */
    public record PingQueued(String queued) {
    }

    /** {@code delivery}: the id of the new delivery. */
    public record Redelivery(String delivery) {
    }

    static final int MAX_LOG = 500;

    @Inject
    WebhookSubscriptions subscriptions;

    @Inject
    CallerContext caller;

    @RequiresPermission("webhook:view")
    @GET
    @Path("/event-types")
    public EventTypes eventTypes() {
        return new EventTypes(WebhookEventTypes.CONSENT, WebhookEventTypes.DSAR, List.of(WebhookEventTypes.PING),
                "an exact type, a family such as consent.*, or *");
    }

    @RequiresPermission("webhook:create")
    @SecretBearingResponse
    @POST
    @APIResponse(responseCode = "201", description = "The subscription, its secret shown this once",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = WithSecret.class)))
    public Response create(SubscriptionBody body) {
        RequestBodies.required(body);
        WebhookSubscriptions.WithSecret made = subscriptions.create(caller.actor(), caller.caller().permissions(), input(body));
        return Response.status(201).entity(new WithSecret(SubscriptionView.of(made.subscription()), made.secret())).build();
    }

    @RequiresPermission("webhook:view")
    @GET
    public List<SubscriptionView> list() {
        return subscriptions.list(caller.caller().tenantId()).stream().map(SubscriptionView::of).toList();
    }

    @RequiresPermission("webhook:view")
    @GET
    @Path("/{id}")
    public SubscriptionView get(@PathParam("id") String id) {
        return SubscriptionView.of(subscriptions.get(caller.caller().tenantId(), Inputs.id(id, "webhook subscription")));
    }

    @RequiresPermission("webhook:update")
    @PUT
    @Path("/{id}")
    public SubscriptionView update(@PathParam("id") String id, SubscriptionBody body) {
        UUID uuid = Inputs.id(id, "webhook subscription");
        RequestBodies.required(body);
        return SubscriptionView.of(subscriptions.update(caller.actor(), caller.caller().permissions(), uuid, input(body)));
    }

    @RequiresPermission("webhook:delete")
    @DELETE
    @Path("/{id}")
    @APIResponse(responseCode = "204", description = "The subscription is deleted")
    public Response delete(@PathParam("id") String id) {
        subscriptions.delete(caller.actor(), Inputs.id(id, "webhook subscription"));
        return Response.noContent().build();
    }

    /** A new secret; the old one signs too for {@code overlapHours} (default 24, at most 168). */
    @RequiresPermission("webhook:update")
    @SecretBearingResponse
    @POST
    @Path("/{id}/rotate-secret")
    public WithSecret rotate(@PathParam("id") String id, Rotation body) {
        UUID uuid = Inputs.id(id, "webhook subscription");
        Duration overlap = body == null || body.overlapHours() == null ? WebhookSubscriptions.DEFAULT_OVERLAP
                : Duration.ofHours(body.overlapHours());
        WebhookSubscriptions.WithSecret rotated = subscriptions.rotate(caller.actor(), uuid, overlap);
        return new WithSecret(SubscriptionView.of(rotated.subscription()), rotated.secret());
    }

    @RequiresPermission("webhook:update")
    @POST
    @Path("/{id}/enable")
    public SubscriptionView enable(@PathParam("id") String id) {
        return SubscriptionView.of(subscriptions.enable(caller.actor(), Inputs.id(id, "webhook subscription")));
    }

    @RequiresPermission("webhook:update")
    @POST
    @Path("/{id}/disable")
    public SubscriptionView disable(@PathParam("id") String id) {
        return SubscriptionView.of(subscriptions.disable(caller.actor(), Inputs.id(id, "webhook subscription")));
    }

    @RequiresPermission("webhook:test")
    @POST
    @Path("/{id}/ping")
    @APIResponse(responseCode = "202", description = "A webhook.ping event is queued for the subscription",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = PingQueued.class)))
    public Response ping(@PathParam("id") String id) {
        subscriptions.ping(caller.actor(), Inputs.id(id, "webhook subscription"));
        return Response.accepted(new PingQueued(WebhookEventTypes.PING)).build();
    }

    @RequiresPermission("webhook:view")
    @GET
    @Path("/{id}/deliveries")
    public List<DeliveryView> deliveries(@PathParam("id") String id, @QueryParam("limit") @DefaultValue("100") int limit) {
        if (limit < 1 || limit > MAX_LOG) {
            throw ProblemException.invalid(List.of(new FieldError("limit", "must be 1 to " + MAX_LOG)));
        }
        return subscriptions.log(caller.caller().tenantId(), Inputs.id(id, "webhook subscription"), limit).stream()
                .map(DeliveryView::of).toList();
    }

    @RequiresPermission("webhook:view")
    @GET
    @Path("/{id}/deliveries/{deliveryId}/attempts")
    public List<AttemptView> attempts(@PathParam("id") String id, @PathParam("deliveryId") String deliveryId) {
        return subscriptions.attempts(caller.caller().tenantId(), Inputs.id(id, "webhook subscription"), Inputs.id(deliveryId, "delivery"))
                .stream().map(AttemptView::of).toList();
    }

    /** The delivery's event again, at the end of the queue, with the same webhook-id (receivers deduplicate by it). */
    @RequiresPermission("webhook:update")
    @POST
    @Path("/{id}/deliveries/{deliveryId}/redeliver")
    @APIResponse(responseCode = "202", description = "The event is queued again, as a new delivery",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = Redelivery.class)))
    public Response redeliver(@PathParam("id") String id, @PathParam("deliveryId") String deliveryId) {
        UUID again = subscriptions.redeliver(caller.actor(), Inputs.id(id, "webhook subscription"), Inputs.id(deliveryId, "delivery"));
        return Response.accepted(new Redelivery(again.toString())).build();
    }

    private static WebhookSubscriptions.Input input(SubscriptionBody body) {
        return new WebhookSubscriptions.Input(body.url(), body.description(), body.eventTypes());
    }
}
