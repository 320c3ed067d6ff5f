package org.custodia.dsar.application;

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
 * Purges the answers of ended requests past their tenant's retention ({@code CUSTODIA_PACKAGE_PURGE_INTERVAL}, default
 * PT1H; "off" disables). On several nodes, rows another node is purging are skipped, never purged twice.
 */
@Singleton
@Startup
public class PackagePurgeSchedule {

    @Resource
    TimerService timers;

    @Inject
    DsarPackageRetention retention;

    @Inject
    TenantDirectory tenants;

    @PostConstruct
    void schedule() {
        IntervalTimers.start(timers, "DSAR package purge", Setting.PACKAGE_PURGE_INTERVAL);
    }

    @Timeout
    @Lock(LockType.WRITE)
    @TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
    void onTimeout() {
        run();
    }

    /** One round over all tenants; returns how many tenants had packages purged. Each tenant in its own transaction. */
    @TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
    public int run() {
        return tenants.eachTenant("DSAR package purge", retention::purgeDue);
    }
}
