package org.custodia.audit.application;

import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.UUID;

import jakarta.annotation.PostConstruct;
import jakarta.annotation.Resource;
import jakarta.ejb.Singleton;
import jakarta.ejb.Startup;
import jakarta.ejb.Timeout;
import jakarta.ejb.TimerConfig;
import jakarta.ejb.TimerService;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.ejb.Lock;
import jakarta.ejb.LockType;
import jakarta.inject.Inject;

import org.jboss.logging.Logger;

/**
 * Takes signed checkpoints of every tenant's audit chain periodically ({@code CUSTODIA_CHECKPOINT_INTERVAL},
 * an ISO-8601 duration, default PT1H; "off" disables). Tenants without new events are skipped; on
 * several nodes a per-tenant advisory lock keeps it to one checkpoint per round.
 */
@Singleton
@Startup
public class CheckpointSchedule {

    private static final Logger LOG = Logger.getLogger(CheckpointSchedule.class);

    @Resource
    TimerService timers;

    @Inject
    AuditCheckpoints checkpoints;

    @PostConstruct
    void schedule() {
        String setting = System.getProperty("custodia.checkpoint.interval",
                System.getenv().getOrDefault("CUSTODIA_CHECKPOINT_INTERVAL", "PT1H"));
        if (setting.equalsIgnoreCase("off")) {
            LOG.info("periodic audit checkpoints are off");
            return;
        }
        Duration interval;
        try {
            interval = Duration.parse(setting);
        } catch (DateTimeParseException e) {
            throw new IllegalStateException("CUSTODIA_CHECKPOINT_INTERVAL must be an ISO-8601 duration or 'off': " + setting, e);
        }
        if (interval.compareTo(Duration.ofSeconds(1)) < 0) {
            throw new IllegalStateException("CUSTODIA_CHECKPOINT_INTERVAL must be at least PT1S");
        }
        timers.createIntervalTimer(interval.toMillis(), interval.toMillis(), new TimerConfig("audit-checkpoints", false));
    }

    @Timeout
    @Lock(LockType.WRITE)
    @TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
    void onTimeout() {
        run();
    }

    /** One round over all tenants; returns how many checkpoints were taken. Each tenant in its own transaction. */
    @TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
    public int run() {
        int taken = 0;
        for (UUID tenantId : checkpoints.tenantIds()) {
            try {
                if (checkpoints.takeScheduled(tenantId)) {
                    taken++;
                }
            } catch (Exception e) {
                LOG.errorf(e, "scheduled checkpoint failed for tenant %s", tenantId);
            }
        }
        return taken;
    }
}
