package org.custodia.operations.application;

import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.custodia.crypto.domain.KeyProvider;
import org.custodia.notification.application.MailServerReachability;
import org.custodia.platform.config.Setting;
import org.custodia.platform.engine.ProcessEngineBootstrap;

/**
 * What this node reports at {@code /health/ready} and {@code /health/live}. Ready: the database answers (asked
 * afresh, at most 3 s), the job executor runs, this node reaches the mail server ({@code CUSTODIA_HEALTH_MAIL_UNREACHABLE}),
 * the key-encryption key wraps and unwraps (every tenant's signing key and sealed secret depends on it). Live: no
 * deadlocked threads (a restart is the only cure; a lost database is not one). Data are counts and ages only.
 */
@ApplicationScoped
public class HealthChecks {

    /** One check's outcome, as MicroProfile Health's wire format names it. */
    public record Check(String name, boolean up, Map<String, Object> data) {
    }

    private static final SecureRandom RANDOM = new SecureRandom();

    @Inject
    OperationsGauges gauges;

    @Inject
    ProcessEngineBootstrap engine;

    @Inject
    KeyProvider keys;

    @Inject
    MailServerReachability mailServer;

    private record Live(Instant at, int deadlocked) {
    }

    private volatile Live live;

    /** The database is asked and the counts read at once, under one deadline: a probe answers within 3 s. */
    public List<Check> readiness() {
        var ping = gauges.databaseAnswer();
        var snapshot = gauges.snapshot();
        Instant deadline = Instant.now().plus(OperationsGauges.PATIENCE);
        boolean database = OperationsGauges.await(ping, deadline).orElse(false);
        Optional<OperationsGauges.Snapshot> counts = OperationsGauges.await(snapshot, deadline);
        return List.of(new Check("database", database, Map.of()), jobExecutor(counts), mailOutbox(counts), keyStore());
    }

    /** Deadlocked threads, looked for at most once a second (the probe is public). */
    public List<Check> liveness() {
        Live l = live;
        if (l == null || l.at().plusSeconds(1).isBefore(Instant.now())) {
            long[] deadlocked = ManagementFactory.getThreadMXBean().findDeadlockedThreads();
            l = new Live(Instant.now(), deadlocked == null ? 0 : deadlocked.length);
            live = l;
        }
        return List.of(new Check("threads", l.deadlocked() == 0, Map.of("deadlocked", l.deadlocked())));
    }

    private Check jobExecutor(Optional<OperationsGauges.Snapshot> counts) {
        Map<String, Object> data = new LinkedHashMap<>();
        counts.ifPresent(s -> {
            data.put("dueJobs", (long) s.value("jobs_due"));
            data.put("oldestDueSeconds", (long) s.value("jobs_oldest_due_seconds"));
            data.put("failedJobs", (long) s.value("jobs_failed"));
        });
        return new Check("job-executor", engine.jobExecutorActive(), data);
    }

    /** Counts for operators; DOWN only when this node has not reached the mail server for the configured time. */
    private Check mailOutbox(Optional<OperationsGauges.Snapshot> counts) {
        Map<String, Object> data = new LinkedHashMap<>();
        counts.ifPresent(s -> {
            data.put("backlog", (long) s.value("mail_backlog"));
            data.put("oldestSeconds", (long) s.value("mail_oldest_seconds"));
        });
        Optional<Instant> since = mailServer.unreachableSince();
        Optional<Duration> limit = Setting.HEALTH_MAIL_UNREACHABLE.interval();
        since.ifPresent(at -> data.put("mailServerUnreachableSince", at.toString()));
        boolean down = since.isPresent() && limit.isPresent() && !since.get().plus(limit.get()).isAfter(Instant.now());
        if (down) {
            data.put("reason", "the mail server has not been reached for " + limit.get());
        }
        return new Check("mail-outbox", !down, data);
    }

    private Check keyStore() {
        byte[] key = new byte[32];
        RANDOM.nextBytes(key);
        byte[] context = "custodia:health".getBytes(StandardCharsets.UTF_8);
        boolean ok;
        try {
            ok = Arrays.equals(key, keys.unwrap(keys.wrap(key, context), context));
        } catch (GeneralSecurityException | RuntimeException e) {
            ok = false;
        }
        return new Check("key-store", ok, Map.of());
    }
}
