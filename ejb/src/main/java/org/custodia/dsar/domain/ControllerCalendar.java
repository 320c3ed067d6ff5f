package org.custodia.dsar.domain;

import java.time.ZoneId;
import java.util.Objects;

import org.custodia.tenancy.domain.HolidayCalendar;

/**
 * What the controller (the tenant) contributes to its deadlines: the time zone its days are counted in, its
 * public holidays, the response period it publishes where the law lets it choose (India DPDP Rules: at most
 * 90 days), and whether it stops the clock where the law neither allows nor forbids it (EU GDPR: off by
 * default).
 */
public record ControllerCalendar(ZoneId zone, HolidayCalendar holidays, int publishedResponseDays,
                                 boolean stopTheClockWhereLawIsSilent) {

    /** The most a published period may be (India DPDP Rules 2025, Rule 14). */
    public static final int MAX_PUBLISHED_RESPONSE_DAYS = 90;

    public ControllerCalendar {
        Objects.requireNonNull(zone, "zone");
        Objects.requireNonNull(holidays, "holidays");
        if (publishedResponseDays < 1 || publishedResponseDays > MAX_PUBLISHED_RESPONSE_DAYS) {
            throw new IllegalArgumentException("published response period must be 1.." + MAX_PUBLISHED_RESPONSE_DAYS + " days");
        }
    }

    /** A zone and holidays, the longest published period, no stop-the-clock beyond the law's. */
    public static ControllerCalendar of(ZoneId zone, HolidayCalendar holidays) {
        return new ControllerCalendar(zone, holidays, MAX_PUBLISHED_RESPONSE_DAYS, false);
    }

    public ControllerCalendar withPublishedResponseDays(int days) {
        return new ControllerCalendar(zone, holidays, days, stopTheClockWhereLawIsSilent);
    }

    public ControllerCalendar withStopTheClockWhereLawIsSilent(boolean allowed) {
        return new ControllerCalendar(zone, holidays, publishedResponseDays, allowed);
    }
}
