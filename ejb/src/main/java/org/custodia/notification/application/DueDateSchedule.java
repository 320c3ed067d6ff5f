package org.custodia.notification.application;

import jakarta.annotation.PostConstruct;
import jakarta.annotation.Resource;
import jakarta.ejb.Lock;
import jakarta.ejb.LockType;
import jakarta.ejb.Singleton;
import jakarta.ejb.Startup;
import jakarta.ejb.Timeout;
import jakarta.ejb.TimerService;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.enterprise.inject.Any;
import jakarta.enterprise.inject.Instance;
import jakarta.inject.Inject;

import org.custodia.platform.config.Setting;
import org.custodia.platform.schedule.IntervalTimers;
import org.custodia.tenancy.application.TenantDirectory;

/**
 * Every context's {@link DueDateRound} over every tenant ({@code CUSTODIA_REMINDER_INTERVAL}, default PT1H). Rounds
 * claim their rows with SKIP LOCKED and mark them with their mail in one transaction, so several nodes never remind
 * twice.
 */
@Singleton
@Startup
public class DueDateSchedule {

    @Resource
    TimerService timers;

    @Inject
    @Any
    Instance<DueDateRound> rounds;

    @Inject
    TenantDirectory tenants;

    @PostConstruct
    void schedule() {
        IntervalTimers.start(timers, "due-date reminders", Setting.REMINDER_INTERVAL);
    }

    @Timeout
    @Lock(LockType.WRITE)
    @TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
    void onTimeout() {
        run();
    }

    /** One round of every kind; how many reminders were queued in all. Each call in its own transaction. */
    @TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
    public int run() {
        int[] sent = {0};
        for (DueDateRound round : rounds) {
            tenants.eachTenant(round.name(), tenantId -> {
                int queued;
                do {
                    queued = round.remindDue(tenantId);
                    sent[0] += queued;
                } while (queued >= DueDateRound.PER_ROUND);
                return queued > 0;
            });
        }
        return sent[0];
    }
}
