package org.custodia.identity.application;

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

import org.custodia.platform.schedule.IntervalTimers;
import org.custodia.tenancy.application.TenantDirectory;
import org.custodia.platform.config.Setting;

/**
 * Summarises failed sign-ins into every tenant's audit chain periodically
 * ({@code CUSTODIA_SIGNIN_SUMMARY_INTERVAL}, an ISO-8601 duration, default PT15M; "off" disables).
 * The operator can run a round now: {@code POST /api/v1/admin/sign-ins/summarise}.
 */
@Singleton
@Startup
public class SignInSummarySchedule {

    static final Setting INTERVAL = Setting.SIGNIN_SUMMARY_INTERVAL;

    @Resource
    TimerService timers;

    @Inject
    FailedSignInSummary summary;

    @Inject
    TenantDirectory tenants;

    @PostConstruct
    void schedule() {
        IntervalTimers.start(timers, "sign-in failure summaries", INTERVAL);
    }

    @Timeout
    @Lock(LockType.WRITE)
    @TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
    void onTimeout() {
        run(null);
    }

    /** One round over all tenants; returns how many summaries were appended. Each tenant in its own transaction. */
    @TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
    public int run(String requestId) {
        return tenants.eachTenant("sign-in failure summary", tenantId -> summary.summarise(tenantId, requestId));
    }
}
