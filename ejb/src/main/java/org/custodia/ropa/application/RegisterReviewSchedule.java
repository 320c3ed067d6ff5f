package org.custodia.ropa.application;

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
import jakarta.inject.Inject;

import org.custodia.platform.config.Setting;
import org.custodia.platform.schedule.IntervalTimers;
import org.custodia.tenancy.application.TenantDirectory;

/**
 * The review reminders' round over every tenant ({@code CUSTODIA_REGISTER_REVIEW_INTERVAL}, default PT1H). Entries are
 * claimed with SKIP LOCKED and marked in the same transaction as their mail is queued, so several nodes never remind
 * twice.
 */
@Singleton
@Startup
public class RegisterReviewSchedule {

    @Resource
    TimerService timers;

    @Inject
    RegisterReviewReminders reminders;

    @Inject
    TenantDirectory tenants;

    @PostConstruct
    void schedule() {
        IntervalTimers.start(timers, "register review reminders", Setting.REGISTER_REVIEW_INTERVAL);
    }

    @Timeout
    @Lock(LockType.WRITE)
    @TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
    void onTimeout() {
        run();
    }

    /** One round; how many tenants had reminders. Each tenant in its own transaction. */
    @TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
    public int run() {
        return tenants.eachTenant("register review reminders", tenantId -> {
            int sent = 0;
            int round;
            while ((round = reminders.remindDue(tenantId)) > 0) {
                sent += round;
                if (round < RegisterReviewReminders.PER_ROUND) {
                    break;
                }
            }
            return sent > 0;
        });
    }
}
