package org.custodia.notification.application;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicBoolean;

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
import org.custodia.notification.infrastructure.SmtpConnections;
import org.custodia.tenancy.application.TenantDirectory;
import org.custodia.platform.config.Setting;

/**
 * Retries queued mail that could not be sent at commit ({@code CUSTODIA_MAIL_RETRY_SECONDS}, default 30), and in the
 * same round forgets the address and text of mail sent longer ago than {@code CUSTODIA_MAIL_KEEP_SENT} (default P1D).
 */
@Singleton
@Startup
public class MailSchedule {

    static final Setting INTERVAL = Setting.MAIL_RETRY_SECONDS;

    @Resource
    TimerService timers;

    @Inject
    MailOutbox outbox;

    @Inject
    TenantDirectory tenants;

    @Inject
    SmtpConnections connections;

    @PostConstruct
    void schedule() {
        Setting.MAIL_KEEP_SENT.interval(); // a bad value stops the deployment here, naming the setting
        IntervalTimers.start(timers, "mail retry", INTERVAL);
    }

    @Timeout
    @Lock(LockType.WRITE)
    @TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
    void retryDue() {
        Optional<Duration> keep = Setting.MAIL_KEEP_SENT.interval();
        AtomicBoolean serverFailed = new AtomicBoolean();
        tenants.eachTenant("mail retry", tenantId -> {
            List<UUID> due = serverFailed.get() ? List.of() : outbox.due(tenantId);
            for (int from = 0; from < due.size(); from += MailOutbox.PER_DELIVERY) {
                List<UUID> batch = due.subList(from, Math.min(due.size(), from + MailOutbox.PER_DELIVERY));
                if (outbox.deliver(tenantId, new ArrayList<>(batch)).serverFailed()) {
                    serverFailed.set(true); // down or not answering: every other delivery this round would wait alike
                    break;
                }
            }
            return true;
        });
        // its own pass: forgetting never waits behind a slow mail server
        keep.ifPresent(k -> tenants.eachTenant("mail forget", tenantId -> {
            outbox.forgetSent(tenantId, k);
            return true;
        }));
        connections.closeIdle();
    }
}
