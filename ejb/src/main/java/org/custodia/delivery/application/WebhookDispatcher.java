package org.custodia.delivery.application;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.Semaphore;
import java.util.concurrent.atomic.AtomicBoolean;

import jakarta.annotation.PostConstruct;
import jakarta.annotation.Resource;
import jakarta.ejb.ConcurrencyManagement;
import jakarta.ejb.ConcurrencyManagementType;
import jakarta.ejb.Singleton;
import jakarta.ejb.Startup;
import jakarta.ejb.Timeout;
import jakarta.ejb.TimerService;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.enterprise.concurrent.ManagedExecutorService;
import jakarta.inject.Inject;

import org.jboss.logging.Logger;

import org.custodia.platform.outbound.StandardWebhookSignature;
import org.custodia.delivery.infrastructure.WebhookDeliveryRepository;
import org.custodia.platform.config.ServerEnvironment;
import org.custodia.platform.config.Setting;
import org.custodia.platform.outbound.OutboundHttp;
import org.custodia.platform.outbound.RefusedUrl;
import org.custodia.platform.persistence.AfterCommit;
import org.custodia.platform.schedule.IntervalTimers;
import org.custodia.tenancy.application.TenantDirectory;

/**
 * Delivers the webhook outbox, on every node at once without two nodes sending the same subscription's events: a
 * node leases a subscription whose next event is due ({@code FOR NO KEY UPDATE SKIP LOCKED}, then a lease with an end
 * and a token of its own, renewed before every send), sends its events one after another in order, each recorded in
 * its own transaction only if it is still as the send found it, and gives the lease back. An event
 * is marked delivered only after the receiver's 2xx, so a node that dies mid-way leaves it pending: another node
 * takes the lease when it runs out and sends it again (at least once, in order). A failure stops the subscription's
 * queue until its retry is due. Woken after every commit that queued an event, and every
 * {@code CUSTODIA_WEBHOOK_DISPATCH_INTERVAL}.
 */
@Singleton
@Startup
@ConcurrencyManagement(ConcurrencyManagementType.BEAN)
@TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
public class WebhookDispatcher {

    private static final Logger LOG = Logger.getLogger(WebhookDispatcher.class);
    /**
     * Renewed before each send, and longer than one send can take (the outbound deadline cancels it at 15 s), so a
     * lease only runs out when its node is gone.
     */
    static final Duration LEASE = Duration.ofSeconds(45);
    /** A drain gives its lease back after this, so one busy subscription cannot hold a sender for ever. */
    static final Duration LONGEST_DRAIN = Duration.ofSeconds(30);
    static final int SUBSCRIPTIONS_PER_LEASE = 20;
    static final int EVENTS_PER_LEASE = 100;
    static final int PARALLEL = 8;
    static final int EXCERPT = 1024;

    @Resource
    TimerService timers;

    @Resource
    ManagedExecutorService executor;

    @Inject
    WebhookDeliveries deliveries;

    @Inject
    WebhookDeliveryRepository outbox;

    @Inject
    TenantDirectory tenants;

    @Inject
    AfterCommit afterCommit;

    static final Duration FORGET_EVERY = Duration.ofSeconds(30);
    static final int FORGET_BATCH = 10_000;

    private final AtomicBoolean running = new AtomicBoolean();
    private volatile long lastForgetting = System.nanoTime() - FORGET_EVERY.toNanos() - 1;
    private final AtomicBoolean again = new AtomicBoolean();
    private final Semaphore sending = new Semaphore(PARALLEL);
    private String node;

    @PostConstruct
    void start() {
        WebhookDeliveries.schedule(); // a bad CUSTODIA_WEBHOOK_RETRY_SECONDS stops the deployment here, naming it
        Setting.WEBHOOK_KEEP_DELIVERED.interval(); // and so does a bad CUSTODIA_WEBHOOK_KEEP_DELIVERED
        String name = ServerEnvironment.nodeName(); // the same across this node's restarts, as NodeJobLocks uses it
        node = name == null || name.isBlank() ? "custodia-" + UUID.randomUUID() : "custodia:" + name.strip();
        // what this node leased before it stopped, it is not sending now
        tenants.eachTenant("webhook lease release", tenantId -> deliveries.releaseAll(tenantId, node) > 0);
        IntervalTimers.start(timers, "webhook dispatch", Setting.WEBHOOK_DISPATCH_INTERVAL);
    }

    @Timeout
    void tick() {
        wake();
        long now = System.nanoTime();
        if (now - lastForgetting > FORGET_EVERY.toNanos()) {
            lastForgetting = now;
            forgetEnded();
        }
    }

    /** Delivered and failed events past {@code CUSTODIA_WEBHOOK_KEEP_DELIVERED}: their bodies name subjects. */
    private void forgetEnded() {
        Setting.WEBHOOK_KEEP_DELIVERED.interval().ifPresent(keep -> tenants.eachTenant("webhook forget", tenantId -> {
            int forgotten = 0;
            while (deliveries.forgetEnded(tenantId, keep, FORGET_BATCH) == FORGET_BATCH) {
                forgotten += FORGET_BATCH; // more: another batch in a fresh transaction
            }
            return forgotten > 0;
        }));
    }

    /** Delivers what the caller's transaction queues as soon as it commits (never if it rolls back). */
    @TransactionAttribute(TransactionAttributeType.SUPPORTS)
    public void wakeAfterCommit() {
        afterCommit.run(this::wake);
    }

    /** Starts a round unless one runs; then that round goes round once more. */
    public void wake() {
        again.set(true);
        if (running.compareAndSet(false, true)) {
            executor.execute(this::rounds);
        }
    }

    private void rounds() {
        try {
            while (again.getAndSet(false)) {
                round();
            }
        } catch (RuntimeException e) {
            LOG.errorf("webhook dispatch round failed: %s", e.getClass().getName());
        } finally {
            running.set(false);
            if (again.get()) {
                wake();
            }
        }
    }

    private void round() {
        for (UUID tenantId : outbox.dueTenants()) {
            int free = Math.min(SUBSCRIPTIONS_PER_LEASE, sending.availablePermits());
            if (free == 0) {
                return; // every sender busy: the next tick (or a finished drain's wake) takes the rest, no busy loop
            }
            String owner = node + ":" + UUID.randomUUID(); // this lease's own token: a late drain can free nothing newer
            for (UUID subscription : deliveries.lease(tenantId, owner, LEASE, free)) {
                sending.acquireUninterruptibly();
                try {
                    executor.execute(() -> {
                        try {
                            drain(tenantId, subscription, owner);
                        } finally {
                            sending.release();
                        }
                        wake(); // a sender is free again: what waited for one goes now
                    });
                } catch (RuntimeException e) { // the pool refused: the lease runs out and the events wait
                    sending.release();
                    throw e;
                }
            }
        }
    }

    /**
     * Sends the subscription's due events in order until one fails, none is due, the lease is lost or the drain has
     * run {@link #LONGEST_DRAIN}, then gives the lease back. Whatever goes wrong with one event (a secret that does not
     * open, say) is recorded as its failed attempt, so the retry schedule and the disabling apply to it too.
     */
    private void drain(UUID tenantId, UUID subscription, String owner) {
        long end = System.nanoTime() + LONGEST_DRAIN.toNanos();
        try {
            for (int sent = 0; sent < EVENTS_PER_LEASE && System.nanoTime() < end; sent++) {
                Optional<WebhookDeliveries.Outgoing> next = deliveries.next(tenantId, subscription, owner, LEASE);
                if (next.isEmpty()) {
                    break;
                }
                Instant at = Instant.now();
                WebhookDeliveries.Outcome outcome;
                try {
                    outcome = send(next.get());
                } catch (RuntimeException e) {
                    outcome = new WebhookDeliveries.Outcome(null, 0, "not sent: " + e.getClass().getSimpleName(), null);
                }
                if (!deliveries.record(tenantId, subscription, next.get().delivery(), outcome, at)) {
                    break; // later events wait for this one's retry: order per subscription
                }
            }
        } catch (RuntimeException e) {
            LOG.errorf("webhook delivery for tenant %s failed: %s", tenantId, e.getClass().getName());
        } finally {
            try {
                deliveries.release(tenantId, subscription, owner);
            } catch (RuntimeException e) { // the lease runs out by itself
                LOG.warnf("webhook lease of tenant %s not given back: %s", tenantId, e.getClass().getName());
            }
        }
    }

    static WebhookDeliveries.Outcome send(WebhookDeliveries.Outgoing out) {
        if (out.secrets().isEmpty()) {
            return new WebhookDeliveries.Outcome(null, 0, "not sent: the signing secret no longer opens (rotate it)", null);
        }
        byte[] body = out.delivery().payload().getBytes(StandardCharsets.UTF_8);
        String id = out.delivery().eventId().toString();
        long timestamp = Instant.now().getEpochSecond();
        Map<String, List<String>> headers = Map.of(
                "webhook-id", List.of(id),
                "webhook-timestamp", List.of(String.valueOf(timestamp)),
                "webhook-signature", List.of(StandardWebhookSignature.header(out.secrets(), id, timestamp, body)),
                "User-Agent", List.of("Custodia-Webhooks/1"));
        long started = System.nanoTime();
        try {
            OutboundHttp.Response r = OutboundHttp.fromSettings().post(URI.create(out.url()), headers, "application/json", body);
            return new WebhookDeliveries.Outcome(r.status(), millisSince(started), r.status() / 100 == 2 ? null : "answered " + r.status(),
                    excerpt(r.text()));
        } catch (RefusedUrl e) {
            LOG.debugf("webhook to %s not delivered: %s", URI.create(out.url()).getHost(), e.getMessage());
            return new WebhookDeliveries.Outcome(null, millisSince(started), "not reached (refused, unreachable or too slow)", null);
        }
    }

    private static int millisSince(long started) {
        return (int) Math.min(Integer.MAX_VALUE, (System.nanoTime() - started) / 1_000_000);
    }

    /** The start of what the receiver answered, one line of printable text. */
    static String excerpt(String text) {
        String line = text.replaceAll("[\\p{Cntrl}&&[^\\t]]+", " ").strip();
        return line.isEmpty() ? null : line.substring(0, Math.min(line.length(), EXCERPT));
    }
}
