package org.custodia.dsar.domain;

import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;

/**
 * The legal deadline of a data subject request, per jurisdiction, counted in the controller's time
 * zone. The deadline is the end of the last day (an answer sent any time that day is in time).
 *
 * <ul>
 *   <li>EU GDPR Art. 12(3), Reg. 1182/71: one month; the day of receipt is not counted; the same date
 *       next month, or that month's last day when the date does not exist; a Saturday or Sunday end
 *       moves to the next Monday (public holidays: not yet, a per-tenant calendar is planned).</li>
 *   <li>UK GDPR (ICO): the same month rule and weekend roll.</li>
 *   <li>California CCPA/CPRA §1798.130: 45 calendar days.</li>
 *   <li>Brazil LGPD Art. 19: 15 days.</li>
 *   <li>Canada PIPEDA s. 8: 30 days.</li>
 * </ul>
 */
public final class DsarDeadlinePolicy {

    /** How long before the deadline the DPO is warned. */
    public static final Duration WARNING_LEAD = Duration.ofDays(7);

    public record Deadline(Instant dueAt, Instant warningAt) {
    }

    private DsarDeadlinePolicy() {
    }

    public static Deadline deadline(Jurisdiction jurisdiction, Instant receivedAt, ZoneId zone) {
        LocalDate received = receivedAt.atZone(zone).toLocalDate();
        LocalDate lastDay = switch (jurisdiction) {
            // plusMonths already clamps 31 Jan + 1 month to the last day of February
            case EU_GDPR, UK_GDPR -> rollPastWeekend(received.plusMonths(1));
            case US_CA_CCPA -> received.plusDays(45);
            case BR_LGPD -> received.plusDays(15);
            case CA_PIPEDA -> received.plusDays(30);
        };
        Instant dueAt = lastDay.plusDays(1).atStartOfDay(zone).toInstant().minusMillis(1);
        Instant warningAt = dueAt.minus(WARNING_LEAD);
        return new Deadline(dueAt, warningAt.isBefore(receivedAt) ? receivedAt : warningAt);
    }

    private static LocalDate rollPastWeekend(LocalDate day) {
        if (day.getDayOfWeek() == DayOfWeek.SATURDAY) {
            return day.plusDays(2);
        }
        if (day.getDayOfWeek() == DayOfWeek.SUNDAY) {
            return day.plusDays(1);
        }
        return day;
    }
}
