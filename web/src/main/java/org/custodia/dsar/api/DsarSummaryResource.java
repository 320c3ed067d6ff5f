package org.custodia.dsar.api;

import org.custodia.dsar.domain.DsarPerformance;
import java.util.TreeMap;
import java.util.List;
import java.util.Map;

import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import org.custodia.dsar.application.DsarSummaries;
import org.custodia.dsar.domain.DsarSummary;
import org.custodia.platform.api.CallerContext;
import org.custodia.platform.api.RequiresPermission;

/** The DPO's summary of the tenant's requests (definitions: {@link DsarSummary}). */
@Path("/dsars/summary")
@Produces(MediaType.APPLICATION_JSON)
public class DsarSummaryResource {

    public record SummaryView(String at, long open, long dueThisWeek, long overdue, long breached, long stalled,
                              Map<String, Long> byStatus, List<DsarPerformance.Bucket> byDaysLeft,
                              List<DsarPerformance.Month> onTimeByMonth) {
    }

    @Inject
    DsarSummaries summaries;

    @Inject
    CallerContext caller;

    @RequiresPermission("dsar:view")
    @GET
    public SummaryView get() {
        DsarSummary s = summaries.of(caller.caller().tenantId());
        DsarPerformance p = summaries.performance(caller.caller().tenantId());
        return new SummaryView(s.at().toString(), s.open(), s.dueThisWeek(), s.overdue(), s.breached(), s.stalled(),
                new TreeMap<>(s.byStatus()), p.byDaysLeft(), p.onTimeByMonth());
    }
}
