package org.custodia.tenancy.domain;

import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;

import org.custodia.platform.problem.FieldError;

/**
 * Where a tenant, as controller, counts its legal deadlines: the time zone whose end of day a deadline falls
 * at, and the country (ISO 3166-1 alpha-2) and subdivision (the part after the dash of ISO 3166-2, e.g.
 * {@code BY} for Bavaria) whose public holidays do not count as working days. Without one: UTC, no holidays.
 * It also holds the two choices the deadline rules leave to the controller: the response period it publishes
 * (India DPDP Rules 2025, Rule 14: at most 90 days; default 90) and whether it stops the clock while waiting
 * for identity or clarification where the law is silent (EU GDPR; default no).
 * What the tenant states; dsar turns it into the deadline policy's {@code dsar.domain.ControllerCalendar}.
 */
public record TenantCalendar(ZoneId timeZone, String country, String subdivision, int publishedResponseDays,
                             boolean stopTheClockWhereLawIsSilent) {

    /** The longest response period a controller may publish (DPDP Rules 2025, Rule 14), and the default. */
    public static final int MAX_PUBLISHED_RESPONSE_DAYS = 90;
    public static final TenantCalendar DEFAULT = new TenantCalendar(ZoneId.of("UTC"), null, null);
    private static final Set<String> COUNTRIES = Set.of(Locale.getISOCountries());

    /** Zone, country and subdivision with the default choices: the longest published period, no stop-the-clock beyond the law's. */
    public TenantCalendar(ZoneId timeZone, String country, String subdivision) {
        this(timeZone, country, subdivision, MAX_PUBLISHED_RESPONSE_DAYS, false);
    }

    /** What is wrong with the published period (null: left out, the default). */
    public static List<FieldError> choiceProblems(Integer publishedResponseDays) {
        if (publishedResponseDays != null && (publishedResponseDays < 1 || publishedResponseDays > MAX_PUBLISHED_RESPONSE_DAYS)) {
            return List.of(new FieldError("publishedResponseDays", "must be 1 to " + MAX_PUBLISHED_RESPONSE_DAYS
                    + " days (DPDP Rules 2025, Rule 14)"));
        }
        return List.of();
    }

    /** This calendar with the controller's choices; a choice left out (null) takes its default. */
    public TenantCalendar withChoices(Integer publishedResponseDays, Boolean stopTheClockWhereLawIsSilent) {
        return new TenantCalendar(timeZone, country, subdivision,
                publishedResponseDays == null ? MAX_PUBLISHED_RESPONSE_DAYS : publishedResponseDays,
                Boolean.TRUE.equals(stopTheClockWhereLawIsSilent));
    }

    /** What is wrong with each field; empty when they name a calendar. */
    public static List<FieldError> problems(String timeZone, String country, String subdivision) {
        List<FieldError> problems = new ArrayList<>();
        if (timeZone == null || timeZone.isBlank()) {
            problems.add(new FieldError("timeZone", "is required: an IANA time zone such as Europe/Berlin, or UTC"));
        } else if (!ZoneId.getAvailableZoneIds().contains(timeZone.strip()) && !"UTC".equals(timeZone.strip())) {
            problems.add(new FieldError("timeZone", "is not an IANA time zone such as Europe/Berlin"));
        }
        String c = blankToNull(country);
        String s = blankToNull(subdivision);
        if (c != null && !COUNTRIES.contains(c)) {
            problems.add(new FieldError("country", "must be an ISO 3166-1 alpha-2 code in upper case, such as DE"));
        }
        if (s != null && c == null) {
            problems.add(new FieldError("subdivision", "needs a country"));
        } else if (s != null && !s.matches("[A-Z0-9]{1,3}")) {
            problems.add(new FieldError("subdivision", "must be the ISO 3166-2 code after the dash, such as BY for DE-BY"));
        }
        return problems;
    }

    /** The calendar valid fields name (see {@link #problems}); blank country or subdivision: none. */
    public static TenantCalendar of(String timeZone, String country, String subdivision) {
        return new TenantCalendar(ZoneId.of(timeZone.strip()), blankToNull(country), blankToNull(subdivision));
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value.strip();
    }
}
