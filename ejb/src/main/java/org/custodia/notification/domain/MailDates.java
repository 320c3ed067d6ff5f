package org.custodia.notification.domain;

import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.time.format.FormatStyle;
import java.util.Locale;

/**
 * How a mail shows an instant: the local date and time in the tenant's zone, in the mail's language, with the
 * zone named ("December 2, 2026 at 11:59 PM (Europe/Berlin)"), so a reader elsewhere knows which midnight is meant.
 */
public final class MailDates {

    private MailDates() {
    }

    public static String format(Instant instant, ZoneId zone, String language) {
        DateTimeFormatter formatter = DateTimeFormatter.ofLocalizedDateTime(FormatStyle.LONG, FormatStyle.SHORT)
                .withLocale(Locale.forLanguageTag(language));
        return formatter.format(instant.atZone(zone)) + " (" + zone.getId() + ")";
    }
}
