package org.custodia.dsar.domain;

/**
 * The law's deadline for answering a data subject request in one jurisdiction, with where it comes from.
 *
 * @param source            the legal reference the rule encodes
 * @param period            the base period (for {@link Counting#PUBLISHED_DAYS}: the most the controller may publish)
 * @param counting          how the period is counted from the day after receipt
 * @param endOnNonWorkingDay what happens when the last day falls on a non-working day
 * @param extension         the further period one extension adds (0: no extension in law)
 * @param extensionSource   where the extension and its notice come from ("" when there is none)
 * @param acknowledgementBusinessDays the receipt must be confirmed within this many business days (0: not required)
 * @param stopTheClock      whether waiting for identity or clarification pauses the clock
 * @param stopTheClockSource why (or why not)
 */
public record DeadlineRule(Jurisdiction jurisdiction, String source, int period, Counting counting,
                           EndRoll endOnNonWorkingDay, int extension, String extensionSource,
                           int acknowledgementBusinessDays, StopTheClock stopTheClock, String stopTheClockSource) {

    public enum Counting {
        /** Same date in the month {@code period} months later, or that month's last day when it has no such date. */
        CALENDAR_MONTHS("calendar month(s): the same date, or that month's last day"),
        CALENDAR_DAYS("calendar days"),
        /** Days that are not a Saturday, Sunday or public holiday of the controller, from the day after receipt. */
        BUSINESS_DAYS("business days (not Saturdays, Sundays or public holidays)"),
        /** The period the controller publishes ({@link ControllerCalendar#publishedResponseDays()}), at most {@code period} days. */
        PUBLISHED_DAYS("days the controller publishes");

        public final String shown;

        Counting(String shown) {
            this.shown = shown;
        }
    }

    public enum EndRoll {
        NONE("stays"),
        /** A Saturday, Sunday or public holiday end moves to the next working day. */
        NEXT_WORKING_DAY("next working day (past Saturdays, Sundays and public holidays)"),
        /** A Sunday or public holiday end moves to the next day that is neither; Saturday is not a holiday. */
        NEXT_NON_HOLIDAY("next day that is not a Sunday or public holiday");

        public final String shown;

        EndRoll(String shown) {
            this.shown = shown;
        }
    }

    public enum StopTheClock {
        BY_LAW("yes"),
        /** The law is silent: only where the controller chose it ({@link ControllerCalendar#stopTheClockWhereLawIsSilent()}). */
        CONTROLLER_CHOICE("only if the controller opts in"),
        NO("no");

        public final String shown;

        StopTheClock(String shown) {
            this.shown = shown;
        }
    }

    public boolean extensible() {
        return extension > 0;
    }

    /** The period in words ("45 calendar days"), as docs/deadlines.md and the console show it. */
    public String periodInWords() {
        return (counting == Counting.PUBLISHED_DAYS ? "at most " : "") + period + " " + counting.shown;
    }

    /** The extension in words with its source ("once, 45 more days: ..." or "none: ..."). */
    public String extensionInWords() {
        return (extensible() ? "once, " + extension + " more " + (counting == Counting.CALENDAR_MONTHS ? "months" : "days") + ": "
                : "none: ") + extensionSource;
    }

    /** Whether the clock may stop, in words with its source. */
    public String stopTheClockInWords() {
        return stopTheClock.shown + ": " + stopTheClockSource;
    }
}
