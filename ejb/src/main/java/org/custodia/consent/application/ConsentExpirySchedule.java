package org.custodia.consent.application;

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

/**
 * Appends EXPIRED to the ledger for grants whose validity ended ({@code CUSTODIA_CONSENT_EXPIRY_SECONDS},
 * default 60). The check answers EXPIRED from the moment of expiry either way; this makes the ledger say so.
 */
@Singleton
@Startup
public class ConsentExpirySchedule {

    private static final Logger LOG = Logger.getLogger(ConsentExpirySchedule.class);
    static final int PER_ROUND = 1_000;

    @Resource
    TimerService timers;

    @Inject
    ConsentLedger ledger;

    @Inject
    AuditCheckpoints tenants;

    @PostConstruct
    void schedule() {
        long seconds = Long.parseLong(System.getProperty("custodia.consent.expiry.seconds",
                System.getenv().getOrDefault("CUSTODIA_CONSENT_EXPIRY_SECONDS", "60")));
        timers.createIntervalTimer(seconds * 1000, seconds * 1000, new TimerConfig("consent-expiry", false));
    }

    @Timeout
    @Lock(LockType.WRITE)
    @TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
    void expireDue() {
        for (UUID tenantId : tenants.tenantIds()) {
            try {
                while (ledger.expireDue(tenantId, PER_ROUND) == PER_ROUND) {
                    // more are due: another round in a fresh transaction
                }
            } catch (RuntimeException e) {
                LOG.errorf("consent expiry failed for tenant %s: %s", tenantId, e.getClass().getSimpleName());
            }
        }
    }
}
