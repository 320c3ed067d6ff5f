package org.custodia.dsar.domain;

import java.util.List;

/**
 * How the tenant keeps its deadlines, for the DPO's dashboard.
 *
 * @param byDaysLeft    the open requests by the time left to their due date: {@link #BUCKETS}, in that order
 * @param onTimeByMonth the requests answered (delivered, refused or handed over to erasure) in each of the last
 *                      twelve months of the tenant's calendar, oldest first, and how many of them by their due date
 */
public record DsarPerformance(List<Bucket> byDaysLeft, List<Month> onTimeByMonth) {

    /** Overdue, then whole days left counted in 24-hour steps from now. */
    public static final List<String> BUCKETS = List.of("overdue", "0-7", "8-14", "15-30", "31+");

    public record Bucket(String daysLeft, long requests) {
    }

    /** {@code month}: ISO year and month ("2026-11") in the tenant's zone. */
    public record Month(String month, long answered, long onTime) {
    }

    public DsarPerformance {
        byDaysLeft = List.copyOf(byDaysLeft);
        onTimeByMonth = List.copyOf(onTimeByMonth);
    }
}
