package org.custodia.retention.domain;

import java.time.LocalDate;
import java.time.Period;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * Retention periods as the API and the register write them: ISO-8601 years, months and days only (weeks and
 * negative parts are refused, so a period reads one way), more than nothing and at most 100 years.
 */
public final class RetentionPeriods {

    private static final Pattern FORM = Pattern.compile("P(\\d{1,4}Y)?(\\d{1,4}M)?(\\d{1,5}D)?");
    static final int MAX_YEARS = 100;
    /** Where a period's length is measured from: whole centuries from here count their leap days as the calendar does. */
    private static final LocalDate FROM = LocalDate.of(2000, 1, 1);

    private RetentionPeriods() {
    }

    /** The period {@code text} gives, or null when it is not one this accepts (the caller names the field). */
    public static Period parse(String text) {
        if (text == null) {
            return null;
        }
        String t = text.strip().toUpperCase(Locale.ROOT);
        if (t.equals("P") || !FORM.matcher(t).matches()) {
            return null;
        }
        Period p = Period.parse(t);
        return p.isZero() || FROM.plus(p).isAfter(FROM.plusYears(MAX_YEARS)) ? null : p;
    }

    /** As stored and shown to machines: {@code P6Y}, {@code P1Y6M}. */
    public static String iso(Period p) {
        return p.toString();
    }

    /** As a person reads it: "6 years", "1 year and 6 months", "30 days". */
    public static String words(Period p) {
        List<String> parts = new ArrayList<>();
        unit(parts, p.getYears(), "year");
        unit(parts, p.getMonths(), "month");
        unit(parts, p.getDays(), "day");
        if (parts.size() == 1) {
            return parts.get(0);
        }
        return String.join(", ", parts.subList(0, parts.size() - 1)) + " and " + parts.get(parts.size() - 1);
    }

    private static void unit(List<String> parts, int n, String name) {
        if (n != 0) {
            parts.add(n + " " + name + (n == 1 ? "" : "s"));
        }
    }
}
