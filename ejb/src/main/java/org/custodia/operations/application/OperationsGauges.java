package org.custodia.operations.application;

import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import jakarta.annotation.PostConstruct;
import jakarta.annotation.Resource;
import jakarta.enterprise.concurrent.ManagedExecutorService;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.jboss.logging.Logger;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;

import org.custodia.dsar.domain.DsarRequest;
import org.custodia.operations.infrastructure.OperationsGaugeRepository;
import org.custodia.platform.metrics.Meters;

/**
 * The installation's counts as this node's gauges (open requests by status, overdue, the mail and webhook outboxes'
 * backlog and oldest item, the engine's due and failed jobs), read at most every {@link #FRESH} and never waited
 * for longer than {@link #PATIENCE}: a database that hangs makes a scrape or a probe answer "unknown" (NaN, DOWN)
 * in time instead of hanging with it. One read at a time; callers meanwhile wait for that one.
 */
@ApplicationScoped
public class OperationsGauges {

    private static final Logger LOG = Logger.getLogger(OperationsGauges.class);

    static final Duration FRESH = Duration.ofSeconds(15);
    static final Duration PATIENCE = Duration.ofSeconds(3);
    static final Duration PING_MEMO = Duration.ofSeconds(1);
    static final Duration ABANDON = Duration.ofSeconds(10);

    private record Answer(Instant at, boolean up) {
    }

    /** Counts and ages read from the database at {@code at}. */
    public record Snapshot(Instant at, Map<String, Map<String, Double>> values) {

        public double value(String series, String label) {
            return values.getOrDefault(series, Map.of()).getOrDefault(label, 0.0);
        }

        public double value(String series) {
            return value(series, "");
        }
    }

    @Inject
    OperationsGaugeRepository repository;

    @Inject
    Meters meters;

    @Resource
    ManagedExecutorService executor;

    private volatile Snapshot last;
    private volatile Answer lastPing;
    private CompletableFuture<Snapshot> reading;
    private Instant readingSince = Instant.EPOCH;
    private CompletableFuture<Void> pinging;
    private Instant pingingSince = Instant.EPOCH;

    @PostConstruct
    void register() {
        MeterRegistry registry = meters.registry();
        Arrays.stream(DsarRequest.Status.values()).filter(s -> !s.ended()).forEach(s ->
                gauge(registry, "custodia.dsar.open", "requests not yet ended, by status", "dsar_open", s.name()).tag("status", s.name())
                        .register(registry));
        String[][] single = {
            {"custodia.dsar.overdue", "open requests past their legal deadline", "dsar_overdue"},
            {"custodia.mail.outbox.backlog", "mail waiting to be sent (retries included; parked apart)", "mail_backlog"},
            {"custodia.mail.outbox.oldest.seconds", "how long the oldest mail waiting to be sent has waited", "mail_oldest_seconds"},
            {"custodia.mail.outbox.parked", "mail parked until its recipient has an address", "mail_parked"},
            {"custodia.webhook.outbox.backlog", "webhook deliveries pending (due or waiting for a retry)", "webhook_backlog"},
            {"custodia.webhook.outbox.oldest.seconds", "age of the oldest pending webhook delivery", "webhook_oldest_seconds"},
            {"custodia.jobs.due", "process engine jobs due and not yet done (timers, asynchronous steps)", "jobs_due"},
            {"custodia.jobs.oldest.due.seconds", "how long the longest-waiting due job has waited", "jobs_oldest_due_seconds"},
            {"custodia.jobs.failed", "jobs out of retries (an incident each)", "jobs_failed"},
        };
        for (String[] g : single) {
            gauge(registry, g[0], g[1], g[2], "").register(registry);
        }
    }

    /** A gauge reads the last snapshot only (the scrape refreshes it once, bounded): never a wait per gauge. */
    private Gauge.Builder<OperationsGauges> gauge(MeterRegistry registry, String name, String description, String series, String label) {
        return Gauge.builder(name, this, g -> g.latest().map(s -> s.value(series, label)).orElse(Double.NaN)).description(description);
    }

    /** The last snapshot if it is recent (two refresh periods); else empty: the gauges say NaN, not old news. */
    Optional<Snapshot> latest() {
        Snapshot s = last;
        return s != null && s.at().plus(FRESH.multipliedBy(2)).isAfter(Instant.now()) ? Optional.of(s) : Optional.empty();
    }

    /** The counts, read afresh when older than {@link #FRESH}; empty when the database did not answer in time. */
    public Optional<Snapshot> current() {
        return await(snapshot(), Instant.now().plus(PATIENCE));
    }

    /** The counts, read afresh when stale, as a future (a probe waits for it and the ping together). */
    CompletableFuture<Snapshot> snapshot() {
        Snapshot s = last;
        return s != null && s.at().plus(FRESH).isAfter(Instant.now()) ? CompletableFuture.completedFuture(s) : read();
    }

    /**
     * Whether the database answers a round trip, asked now or within the last {@link #PING_MEMO} (health is public:
     * a flood of probes costs one round trip a second); the caller bounds the wait.
     */
    CompletableFuture<Boolean> databaseAnswer() {
        Answer a = lastPing;
        if (a != null && a.at().plus(PING_MEMO).isAfter(Instant.now())) {
            return CompletableFuture.completedFuture(a.up());
        }
        return ping().handle((ok, failure) -> {
            lastPing = new Answer(Instant.now(), failure == null);
            return failure == null;
        });
    }

    /** The future's value if it completes by {@code deadline}; empty when it failed or is still running. */
    static <T> Optional<T> await(CompletableFuture<T> future, Instant deadline) {
        try {
            long left = Math.max(1, Duration.between(Instant.now(), deadline).toMillis());
            return Optional.ofNullable(future.get(left, TimeUnit.MILLISECONDS));
        } catch (TimeoutException | ExecutionException e) {
            LOG.debugf("operations read did not answer: %s", e.toString());
            return Optional.empty();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Optional.empty();
        }
    }

    /** One read in flight; one stuck longer than {@link #ABANDON} (a half-open socket) is left and a new one started. */
    private synchronized CompletableFuture<Snapshot> read() {
        if (reading == null || reading.isDone() || readingSince.plus(ABANDON).isBefore(Instant.now())) {
            readingSince = Instant.now();
            reading = CompletableFuture.supplyAsync(() -> {
                try {
                    Snapshot s = new Snapshot(Instant.now(), repository.gauges());
                    last = s;
                    return s;
                } catch (java.sql.SQLException e) {
                    throw new IllegalStateException(e.getMessage(), e);
                }
            }, executor);
        }
        return reading;
    }

    private synchronized CompletableFuture<Void> ping() {
        if (pinging == null || pinging.isDone() || pingingSince.plus(ABANDON).isBefore(Instant.now())) {
            pingingSince = Instant.now();
            pinging = CompletableFuture.runAsync(() -> {
                try {
                    repository.ping();
                } catch (java.sql.SQLException e) {
                    throw new IllegalStateException(e.getMessage(), e);
                }
            }, executor);
        }
        return pinging;
    }
}
