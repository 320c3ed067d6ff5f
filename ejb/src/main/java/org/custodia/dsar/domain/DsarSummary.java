package org.custodia.dsar.domain;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.Map;

/**
 * A DPO's view of the tenant's requests at one moment. "Open" is every status that has not ended
 * ({@link DsarRequest.Status#ended()}); the other counts are of open requests:
 *
 * @param dueThisWeek due from now until the end of the local day seven days from today, in the tenant's zone
 * @param overdue     past their due date
 * @param breached    flagged as breached (the breach timer fired; a deadline moved later keeps the flag)
 * @param stalled     whose process instance has an open incident: a step that failed all its retries (such as a
 *                    connector search) and waits for someone to retry or skip it. A request waiting quietly for
 *                    the subject or the DPO is not stalled: the due counts show its risk.
 * @param byStatus    every status the tenant has requests in (ended ones too), with its count
 */
public record DsarSummary(Instant at, long open, long dueThisWeek, long overdue, long breached, long stalled,
                          Map<String, Long> byStatus) {

    public DsarSummary {
        byStatus = Map.copyOf(byStatus);
    }

    /** The end of "this week": the start of the eighth local day from today, so a request due at the end of day 7 counts. */
    public static Instant weekEnd(Instant now, ZoneId zone) {
        LocalDate today = now.atZone(zone).toLocalDate();
        return today.plusDays(8).atStartOfDay(zone).toInstant();
    }
}
