package org.custodia.notification.application;

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

import org.custodia.audit.application.AuditCheckpoints;
import org.jboss.logging.Logger;

/** Retries queued mail that could not be sent at commit ({@code CUSTODIA_MAIL_RETRY_SECONDS}, default 30). */
@Singleton
@Startup
public class MailSchedule {

    private static final Logger LOG = Logger.getLogger(MailSchedule.class);

    @Resource
    TimerService timers;

    @Inject
    MailOutbox outbox;

    @Inject
    AuditCheckpoints tenants;

    @PostConstruct
    void schedule() {
        long seconds = Long.parseLong(System.getProperty("custodia.mail.retry.seconds",
                System.getenv().getOrDefault("CUSTODIA_MAIL_RETRY_SECONDS", "30")));
        timers.createIntervalTimer(seconds * 1000, seconds * 1000, new TimerConfig("mail-retry", false));
    }

    @Timeout
    @Lock(LockType.WRITE)
    @TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
    void retryDue() {
        for (UUID tenantId : tenants.tenantIds()) {
            try {
                for (UUID id : outbox.due(tenantId)) {
                    outbox.deliver(tenantId, id);
                }
            } catch (RuntimeException e) {
                LOG.errorf("mail retry failed for tenant %s: %s", tenantId, e.getClass().getSimpleName());
            }
        }
    }
}
