package org.custodia.dsar.application;

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

    public DsarSummary of(@TenantId UUID tenantId) {
        Instant now = StoredTime.now();
        return summaries.summary(now, DsarSummary.weekEnd(now, calendars.of(tenantId).timeZone()),
                engine.instancesWithIncidents(tenantId));
    }
}
