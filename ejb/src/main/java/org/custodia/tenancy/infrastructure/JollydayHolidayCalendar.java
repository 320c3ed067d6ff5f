package org.custodia.tenancy.infrastructure;

import java.time.LocalDate;
import java.time.Year;
import java.util.HashSet;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;

import org.custodia.tenancy.domain.HolidayCalendar;

import de.focus_shift.jollyday.core.Holiday;
import de.focus_shift.jollyday.core.HolidayManager;
import de.focus_shift.jollyday.core.HolidayType;
import de.focus_shift.jollyday.core.ManagerParameters;

/**
 * The public and bank holidays of a country and optional subdivision, from Jollyday's calendars (ISO 3166-1
 * country, Jollyday's subdivision code: {@code DE}/{@code by}, {@code GB}/{@code eng}, {@code BR}). Observances
 * are not holidays. A holiday moved to a weekday (UK substitute days) counts on the day it is observed, and on
 * its own date.
 */
public final class JollydayHolidayCalendar implements HolidayCalendar {

    /** Calendars made so far, by country and subdivision: bounded by Jollyday's catalogue (only valid ones are kept). */
    private static final Map<String, JollydayHolidayCalendar> MADE = new ConcurrentHashMap<>();

    private final HolidayManager manager;
    private final String[] subdivision;
    private final String name;
    private final Map<Integer, Set<LocalDate>> years = new ConcurrentHashMap<>();

    private JollydayHolidayCalendar(HolidayManager manager, String[] subdivision, String name) {
        this.manager = manager;
        this.subdivision = subdivision;
        this.name = name;
    }

    /**
     * @param country     ISO 3166-1 alpha-2, e.g. "DE"
     * @param subdivision Jollyday's code below the country (e.g. "by"), or null/blank for the national holidays
     * @throws IllegalArgumentException when Jollyday knows no such country or subdivision
     */
    public static JollydayHolidayCalendar of(String country, String subdivision) {
        if (country == null) {
            throw new IllegalArgumentException("no holiday calendar without a country");
        }
        String key = country.toUpperCase(Locale.ROOT) + "/"
                + (subdivision == null ? "" : subdivision.strip().toLowerCase(Locale.ROOT));
        JollydayHolidayCalendar made = MADE.get(key);
        if (made == null) {
            made = make(country, subdivision); // throws for an unknown one, which is not kept
            MADE.putIfAbsent(key, made);
        }
        return made;
    }

    private static JollydayHolidayCalendar make(String country, String subdivision) {
        if (country == null || !supported(country)) {
            throw new IllegalArgumentException("no holiday calendar for country " + country);
        }
        HolidayManager manager = withOwnClassLoader(() -> HolidayManager.getInstance(ManagerParameters.create(country.toLowerCase(Locale.ROOT))));
        boolean national = subdivision == null || subdivision.isBlank();
        String[] path = national ? new String[0] : new String[] {subdivision.toLowerCase(Locale.ROOT)};
        if (!national && !manager.getCalendarHierarchy().getChildren().containsKey(path[0])) {
            throw new IllegalArgumentException("no holiday calendar for subdivision " + subdivision + " of " + country);
        }
        String name = country.toUpperCase(Locale.ROOT) + (national ? "" : "-" + path[0].toUpperCase(Locale.ROOT));
        return new JollydayHolidayCalendar(manager, path, name);
    }

    public static boolean supported(String country) {
        return withOwnClassLoader(() -> HolidayManager.getSupportedCalendarCodes().contains(country.toUpperCase(Locale.ROOT)));
    }

    @Override
    public boolean isPublicHoliday(LocalDate day) {
        return years.computeIfAbsent(day.getYear(), this::holidaysOf).contains(day);
    }

    @Override
    public String name() {
        return name;
    }

    private Set<LocalDate> holidaysOf(int year) {
        Set<LocalDate> days = new HashSet<>();
        for (Holiday h : withOwnClassLoader(() -> manager.getHolidays(Year.of(year), subdivision))) {
            if (h.getType() != HolidayType.OBSERVANCE) {
                days.add(h.getDate());
                days.add(h.getActualDate());
                h.getObservedDate().ifPresent(days::add);
            }
        }
        return Set.copyOf(days);
    }

    /**
     * Jollyday finds its XML binding (ServiceLoader) and calendar files through the thread's context class loader,
     * which on an engine or timer thread need not see the EAR's lib/; this class's loader does.
     */
    private static <T> T withOwnClassLoader(Supplier<T> work) {
        Thread thread = Thread.currentThread();
        ClassLoader previous = thread.getContextClassLoader();
        thread.setContextClassLoader(JollydayHolidayCalendar.class.getClassLoader());
        try {
            return work.get();
        } finally {
            thread.setContextClassLoader(previous);
        }
    }
}
