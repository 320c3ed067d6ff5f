package org.custodia.tenancy.domain;

import java.time.LocalDate;
import java.util.Set;

/**
 * The public holidays of the controller's country (and subdivision), the days a deadline that ends on one
 * moves past. Kept behind this interface so the deadline policy stays a pure function: tests give fixed
 * days, the server gives Jollyday's calendar ({@code dsar.infrastructure.JollydayHolidayCalendar}).
 */
public interface HolidayCalendar {

    /** No public holidays at all (only weekends count): what deadlines used before tenants had a calendar. */
    HolidayCalendar NONE = fixed("none", Set.of());

    boolean isPublicHoliday(LocalDate day);

    /** Which calendar this is ("DE-BY", "GB-EN", "none"), for the request's evidence. */
    String name();

    static HolidayCalendar fixed(String name, Set<LocalDate> holidays) {
        Set<LocalDate> days = Set.copyOf(holidays);
        return new HolidayCalendar() {
            @Override
            public boolean isPublicHoliday(LocalDate day) {
                return days.contains(day);
            }

            @Override
            public String name() {
                return name;
            }
        };
    }
}
