package org.custodia.operations.application;

import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.custodia.crypto.domain.KeyProvider;
import org.custodia.platform.config.Setting;
import org.custodia.platform.engine.ProcessEngineBootstrap;

/**
 * What this node reports at {@code /health/ready} and {@code /health/live}. Ready: the database answers (asked
 * afresh, at most 3 s), the job executor runs, the mail outbox is not stuck ({@code CUSTODIA_HEALTH_MAIL_BACKLOG}),
 * the key-encryption key wraps and unwraps (every tenant's signing key and sealed secret depends on it). Live: no
 * deadlocked threads (a restart is the only cure; a lost database is not one). Data are counts and ages only.
 */
@ApplicationScoped
public class HealthChecks {

    /** One check's outcome, as MicroProfile Health's wire format names it. */
    public record Check(String name, boolean up, Map<String, Object> data) {
    }

    @Inject
    OperationsGauges gauges;

    @Inject
    ProcessEngineBootstrap engine;

    @Inject
    KeyProvider keys;

    public List<Check> readiness() {
        return List.of(database(), jobExecutor(), mailOutbox(), keyStore());
    }

    public List<Check> liveness() {
        long[] deadlocked = ManagementFactory.getThreadMXBean().findDeadlockedThreads();
        return List.of(new Check("threads", deadlocked == null, Map.of("deadlocked", deadlocked == null ? 0 : deadlocked.length)));
    }

    private Check database() {
        return new Check("database", gauges.databaseAnswers(), Map.of());
    }

    private Check jobExecutor() {
        Map<String, Object> data = new LinkedHashMap<>();
        gauges.current().ifPresent(s -> {
            data.put("dueJobs", (long) s.value("jobs_due"));
            data.put("oldestDueSeconds", (long) s.value("jobs_oldest_due_seconds"));
            data.put("failedJobs", (long) s.value("jobs_failed"));
        });
        return new Check("job-executor", engine.jobExecutorActive(), data);
    }

    private Check mailOutbox() {
        Optional<OperationsGauges.Snapshot> snapshot = gauges.current();
        if (snapshot.isEmpty()) {
            return new Check("mail-outbox", false, Map.of("reason", "the database did not answer"));
        }
        long oldest = (long) snapshot.get().value("mail_oldest_seconds");
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("backlog", (long) snapshot.get().value("mail_backlog"));
        data.put("oldestSeconds", oldest);
        Optional<Duration> limit = Setting.HEALTH_MAIL_BACKLOG.interval();
        boolean stuck = limit.isPresent() && oldest >= limit.get().toSeconds();
        if (stuck) {
            data.put("reason", "mail has waited longer than " + limit.get());
        }
        return new Check("mail-outbox", !stuck, data);
    }

    private Check keyStore() {
        byte[] key = new byte[32];
        new SecureRandom().nextBytes(key);
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
