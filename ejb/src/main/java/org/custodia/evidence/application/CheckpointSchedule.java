package org.custodia.evidence.application;

import jakarta.annotation.PostConstruct;
import jakarta.annotation.Resource;
import jakarta.ejb.Singleton;
import jakarta.ejb.Startup;
import jakarta.ejb.Timeout;
import jakarta.ejb.TimerService;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.ejb.Lock;
import jakarta.ejb.LockType;
import jakarta.inject.Inject;

import org.custodia.platform.schedule.IntervalTimers;
import org.custodia.tenancy.application.TenantDirectory;
import org.custodia.platform.config.Setting;

/**
 * Takes signed checkpoints of every tenant's audit chain periodically ({@code CUSTODIA_CHECKPOINT_INTERVAL},
 * an ISO-8601 duration, default PT1H; "off" disables). Tenants without new events are skipped; on
 * several nodes a per-tenant advisory lock keeps it to one checkpoint per round.
 */
@Singleton
@Startup
public class CheckpointSchedule {

    static final Setting INTERVAL = Setting.CHECKPOINT_INTERVAL;

    @Resource
    TimerService timers;

    @Inject
    AuditCheckpoints checkpoints;

    @Inject
    TenantDirectory tenants;

    @PostConstruct
    void schedule() {
        IntervalTimers.start(timers, "audit checkpoints", INTERVAL);
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
        return tenants.eachTenant("scheduled checkpoint", checkpoints::takeScheduled);
    }
}
