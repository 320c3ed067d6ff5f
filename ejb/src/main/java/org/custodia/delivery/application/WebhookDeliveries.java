package org.custodia.delivery.application;

import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;

import jakarta.ejb.Stateless;
import jakarta.inject.Inject;

import org.custodia.audit.application.AuditTrail;
import org.custodia.crypto.application.SealedSecrets;
import org.custodia.delivery.domain.RetrySchedule;
import org.custodia.delivery.domain.WebhookSubscription;
import org.custodia.delivery.infrastructure.WebhookDeliveryRepository;
import org.custodia.delivery.infrastructure.WebhookSubscriptionRepository;
import org.custodia.identity.application.UserService;
import org.custodia.identity.domain.UserAccount;
import org.custodia.notification.application.MailOutbox;
import org.custodia.notification.domain.MailType;
import org.custodia.notification.domain.WebhookDisabled;
import org.custodia.platform.config.Setting;
import org.custodia.platform.context.PublicUrl;
import org.custodia.platform.context.Actor;
import org.custodia.platform.persistence.StoredTime;
import org.custodia.platform.persistence.TenantId;
import org.custodia.platform.persistence.TenantScoped;
import org.custodia.tenancy.application.CalendarSettings;
import org.custodia.tenancy.application.Tenants;

/**
 * The dispatcher's steps that touch the database, each a short transaction of its own, bound to one tenant: lease
 * the subscriptions whose next delivery is due, read that delivery with the secrets that sign it, record the
 * outcome. The HTTP call happens between them, outside any transaction.
 */
@Stateless
@TenantScoped
public class WebhookDeliveries {

    /** A delivery ready to send: where, what, signed by which secrets (the current one first). */
    public record Outgoing(WebhookDeliveryRepository.Pending delivery, String url, List<String> secrets) {
    }

    /** What the receiver did: a status (null when it was not reached) and how long it took. */
    public record Outcome(Integer status, int latencyMs, String error, String responseExcerpt) {

        public boolean delivered() {
            return status != null && status >= 200 && status < 300;
        }
    }

    @Inject
    WebhookDeliveryRepository deliveries;

    @Inject
    WebhookSubscriptionRepository subscriptions;

    @Inject
    SealedSecrets sealed;

    @Inject
    AuditTrail audit;

    @Inject
    UserService users;

    @Inject
    MailOutbox mail;

    @Inject
    Tenants tenants;

    @Inject
    CalendarSettings calendars;

    public List<UUID> lease(@TenantId UUID tenantId, String owner, Duration lease, int limit) {
        return deliveries.lease(owner, (int) lease.toSeconds(), limit);
    }

    /**
     * The subscription's next delivery if it is due, the subscription still active and the lease still {@code owner}'s
     * (renewed here, so it cannot run out during the send that follows); empty: nothing to send now, stop.
     */
    public Optional<Outgoing> next(@TenantId UUID tenantId, UUID subscriptionId, String owner, Duration lease) {
        if (!deliveries.renew(subscriptionId, owner, (int) lease.toSeconds())) {
            return Optional.empty();
        }
        Instant now = StoredTime.now();
        Optional<WebhookSubscription> subscription = subscriptions.find(subscriptionId)
                .filter(s -> s.status() == WebhookSubscription.Status.ACTIVE);
        Optional<WebhookDeliveryRepository.Pending> head = deliveries.head(subscriptionId).filter(d -> !d.nextAttemptAt().isAfter(now));
        if (subscription.isEmpty() || head.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(new Outgoing(head.get(), subscription.get().url(), secrets(tenantId, subscriptionId, now)));
    }

    /**
     * The secrets that sign now, the current one first; none when the current one no longer opens (its key is lost):
     * the dispatcher then records a failed attempt without sending, so the schedule and the disabling apply.
     */
    private List<String> secrets(UUID tenantId, UUID subscriptionId, Instant now) {
        WebhookSubscriptionRepository.Secrets s = subscriptions.secrets(subscriptionId);
        String purpose = WebhookSubscriptions.seal(subscriptionId);
        List<String> secrets = new ArrayList<>();
        try {
            secrets.add(sealed.sealedText(s.current(), tenantId, purpose));
            if (s.previous() != null && s.previousUntil() != null && s.previousUntil().isAfter(now)) {
                secrets.add(sealed.sealedText(s.previous(), tenantId, purpose));
            }
        } catch (IllegalStateException e) {
            return secrets; // a previous secret that no longer opens is left out; a current one: nothing signs
        }
        return secrets;
    }

    /**
     * Records an attempt: delivered; or tried again after the schedule's next wait; or, after the last, failed,
     * which disables the subscription (audited, and mailed to the tenant's IT users) so one dead endpoint stops
     * holding its queue.
     */
    public boolean record(@TenantId UUID tenantId, UUID subscriptionId, WebhookDeliveryRepository.Pending d, Outcome outcome,
                          Instant attemptedAt) {
        int attempts = d.attempts() + 1;
        WebhookDeliveryRepository.Attempt attempt = new WebhookDeliveryRepository.Attempt(attempts, attemptedAt, outcome.status(),
                outcome.latencyMs(), outcome.error(), outcome.responseExcerpt());
        if (outcome.delivered()) {
            if (deliveries.delivered(d.id(), d.attempts(), outcome.status(), StoredTime.now())) {
                deliveries.attempt(d.id(), tenantId, attempt);
            }
            return true;
        }
        Optional<Duration> wait = schedule().delayAfter(attempts, () -> ThreadLocalRandom.current().nextDouble());
        if (!deliveries.failed(d.id(), d.attempts(), outcome.status(), outcome.error(), wait.map(StoredTime.now()::plus).orElse(null))) {
            return false; // recorded already by whoever holds the lease now: change nothing
        }
        deliveries.attempt(d.id(), tenantId, attempt);
        if (wait.isEmpty()) {
            String reason = "delivery " + d.id() + " failed " + attempts + " times";
            subscriptions.status(subscriptionId, WebhookSubscription.Status.DISABLED, reason, StoredTime.now());
            audit.append(Actor.system(tenantId, "webhook-dispatcher", null), "webhook.disabled", "webhook_subscription",
                    subscriptionId.toString(), Map.of("by", "dispatcher", "delivery", d.id().toString(), "attempts", attempts));
            tellIt(tenantId, subscriptionId, reason);
        }
        return false;
    }

    /** Mails the tenant's IT users (else its admins) that the subscription stopped; in this transaction. */
    private void tellIt(UUID tenantId, UUID subscriptionId, String reason) {
        List<UserAccount> users = this.users.list(tenantId);
        List<String> to = reachable(users, "IT");
        if (to.isEmpty()) {
            to = reachable(users, "ADMIN");
        }
        if (to.isEmpty()) {
            return;
        }
        String host = subscriptions.find(subscriptionId).map(s -> URI.create(s.url()).getHost()).orElse("?");
        WebhookDisabled notice = new WebhookDisabled(tenants.of(tenantId).name(), host, reason, StoredTime.now(),
                URI.create(PublicUrl.base() + "/console/admin/webhooks?subscription=" + subscriptionId));
        mail.enqueueIfRenderable(tenantId, to, MailType.WEBHOOK_DISABLED, notice, null, calendars.of(tenantId).timeZone());
    }

    private static List<String> reachable(List<UserAccount> users, String role) {
        return users.stream().filter(u -> role.equals(u.role()) && u.reachableByMail()).map(UserAccount::email).toList();
    }

    /** Forgets the deliveries that ended more than {@code keep} ago, a batch at a time; how many. */
    public int forgetEnded(@TenantId UUID tenantId, Duration keep, int limit) {
        return deliveries.forgetEnded(StoredTime.now().minus(keep), limit);
    }

    public void release(@TenantId UUID tenantId, UUID subscriptionId, String owner) {
        deliveries.release(subscriptionId, owner);
    }

    public int releaseAll(@TenantId UUID tenantId, String node) {
        return deliveries.releaseAll(node);
    }

    static RetrySchedule schedule() {
        return RetrySchedule.ofSeconds(Setting.WEBHOOK_RETRY_SECONDS.text());
    }
}
