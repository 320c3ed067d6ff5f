package org.custodia.identity.application;

import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.UUID;

import jakarta.annotation.PostConstruct;
import jakarta.annotation.Resource;
import jakarta.ejb.Lock;
import jakarta.ejb.LockType;
import jakarta.ejb.Singleton;
import jakarta.ejb.Startup;
import jakarta.ejb.Timeout;
import jakarta.ejb.TimerConfig;
import jakarta.ejb.TimerService;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.inject.Inject;

import org.jboss.logging.Logger;

/**
 * Summarises failed sign-ins into every tenant's audit chain periodically
 * ({@code CUSTODIA_SIGNIN_SUMMARY_INTERVAL}, an ISO-8601 duration, default PT15M; "off" disables).
 * The operator can run a round now: {@code POST /api/v1/admin/sign-ins/summarise}.
 */
@Singleton
@Startup
public class SignInSummarySchedule {

    private static final Logger LOG = Logger.getLogger(SignInSummarySchedule.class);

    @Resource
    TimerService timers;

    @Inject
    FailedSignInSummary summary;

    @PostConstruct
    void schedule() {
        String setting = System.getProperty("custodia.signin.summary.interval",
                System.getenv().getOrDefault("CUSTODIA_SIGNIN_SUMMARY_INTERVAL", "PT15M"));
        if (setting.equalsIgnoreCase("off")) {
            LOG.info("periodic sign-in failure summaries are off");
            return;
        }
        Duration interval;
        try {
            interval = Duration.parse(setting);
        } catch (DateTimeParseException e) {
            throw new IllegalStateException("CUSTODIA_SIGNIN_SUMMARY_INTERVAL must be an ISO-8601 duration or 'off': " + setting, e);
        }
        if (interval.compareTo(Duration.ofSeconds(1)) < 0) {
            throw new IllegalStateException("CUSTODIA_SIGNIN_SUMMARY_INTERVAL must be at least PT1S");
        }
        timers.createIntervalTimer(interval.toMillis(), interval.toMillis(), new TimerConfig("sign-in-summaries", false));
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
        int appended = 0;
        for (UUID tenantId : summary.tenantIds()) {
            try {
                if (summary.summarise(tenantId, requestId)) {
                    appended++;
                }
            } catch (Exception e) {
                LOG.errorf(e, "sign-in failure summary failed for tenant %s", tenantId);
            }
        }
        return appended;
    }
}
