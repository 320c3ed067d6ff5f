package org.custodia.consent.application;

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
 * Appends EXPIRED to the ledger for grants whose validity ended ({@code CUSTODIA_CONSENT_EXPIRY_SECONDS},
 * default 60). The check answers EXPIRED from the moment of expiry either way; this makes the ledger say so. The same
 * round forgets the privacy center's consent links a day after they expired.
 */
@Singleton
@Startup
public class ConsentExpirySchedule {

    static final int PER_ROUND = 1_000;

    static final Setting INTERVAL = Setting.CONSENT_EXPIRY_SECONDS;

    @Resource
    TimerService timers;

    @Inject
    ConsentLedger ledger;

    @Inject
    TenantDirectory tenants;

    @Inject
    ConsentManageLinks links;

    @PostConstruct
    void schedule() {
        IntervalTimers.start(timers, "consent expiry", INTERVAL);
    }

    @Timeout
    @Lock(LockType.WRITE)
    @TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
    void expireDue() {
        tenants.eachTenant("consent expiry", tenantId -> {
            while (ledger.expireDue(tenantId, PER_ROUND) == PER_ROUND) {
                // more are due: another round in a fresh transaction
            }
            links.forgetExpired(tenantId);
            return true;
        });
    }
}
