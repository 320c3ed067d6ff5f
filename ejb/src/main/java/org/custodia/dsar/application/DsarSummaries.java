package org.custodia.dsar.application;

import org.custodia.dsar.domain.DsarPerformance;
import java.util.List;
import java.util.ArrayList;
import java.time.YearMonth;
import java.time.ZoneId;
import java.time.Instant;
import java.util.UUID;

import jakarta.ejb.Stateless;
import jakarta.inject.Inject;

import org.custodia.dsar.domain.DsarSummary;
import org.custodia.dsar.infrastructure.DsarEngineFacts;
import org.custodia.dsar.infrastructure.DsarSummaryRepository;
import org.custodia.platform.persistence.StoredTime;
import org.custodia.platform.persistence.TenantId;
import org.custodia.platform.persistence.TenantScoped;
import org.custodia.tenancy.application.CalendarSettings;

/** The DPO summary: one engine query (instances with incidents) and one SQL query (the counts), whatever the tenant's size. */
@Stateless
@TenantScoped
public class DsarSummaries {

    @Inject
    DsarEngineFacts engine;

    @Inject
    DsarSummaryRepository summaries;

    @Inject
    CalendarSettings calendars;

    /** Open requests by time left, and the on-time rate of the last twelve months of the tenant's calendar. */
    public DsarPerformance performance(@TenantId UUID tenantId) {
        Instant now = StoredTime.now();
        ZoneId zone = calendars.of(tenantId).timeZone();
        YearMonth current = YearMonth.from(now.atZone(zone));
        List<String> months = new ArrayList<>();
        for (int back = 11; back >= 0; back--) {
            months.add(current.minusMonths(back).toString());
        }
        Instant since = current.minusMonths(11).atDay(1).atStartOfDay(zone).toInstant();
        return summaries.performance(now, since, zone, months);
    }

    public DsarSummary of(@TenantId UUID tenantId) {
        Instant now = StoredTime.now();
        return summaries.summary(now, DsarSummary.weekEnd(now, calendars.of(tenantId).timeZone()),
                engine.instancesWithIncidents(tenantId));
    }
}
