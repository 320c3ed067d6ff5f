package org.custodia.dsar.domain;

import static org.custodia.dsar.domain.DeadlineRule.Counting.BUSINESS_DAYS;
import static org.custodia.dsar.domain.DeadlineRule.Counting.CALENDAR_DAYS;
import static org.custodia.dsar.domain.DeadlineRule.Counting.CALENDAR_MONTHS;
import static org.custodia.dsar.domain.DeadlineRule.Counting.PUBLISHED_DAYS;
import static org.custodia.dsar.domain.DeadlineRule.EndRoll.NEXT_NON_HOLIDAY;
import static org.custodia.dsar.domain.DeadlineRule.EndRoll.NEXT_WORKING_DAY;
import static org.custodia.dsar.domain.DeadlineRule.EndRoll.NONE;

import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.Optional;

import org.custodia.dsar.domain.DeadlineRule.StopTheClock;
import org.custodia.tenancy.domain.HolidayCalendar;

/**
 * The legal deadline of a data subject request, per jurisdiction, counted in the controller's time zone with
 * its public holidays (sources in {@link #rule(Jurisdiction)}, table in docs/deadlines.md). The day of receipt
 * is not counted; the deadline is the end of the last day in the controller's zone (an answer sent any time
 * that day is in time). Pure: the due date follows from the {@link RequestClock} facts and the
 * {@link ControllerCalendar} alone.
 */
public final class DsarDeadlinePolicy {

    /** How long before the deadline the DPO is warned. */
    public static final Duration WARNING_LEAD = Duration.ofDays(7);

    /** @param lastDay the last day to answer, in the controller's zone; {@code dueAt} is its end */
    public record Deadline(Instant dueAt, Instant warningAt, LocalDate lastDay) {
    }

    /** What a request to extend a deadline or stop its clock came to. */
    public sealed interface Decision permits Granted, Refused {
    }

    /** The change holds: the request's facts are now {@code clock}, its deadline {@code deadline}. */
    public record Granted(RequestClock clock, Deadline deadline) implements Decision {
    }

    /**
     * The law does not allow it; {@code legalReason} says why, naming the source; {@code field} names the fact
     * it turns on ({@code jurisdiction} when the law allows no such change at all).
     */
    public record Refused(String field, String legalReason) implements Decision {
    }

    private DsarDeadlinePolicy() {
    }

    public static DeadlineRule rule(Jurisdiction jurisdiction) {
        return switch (jurisdiction) {
            case EU_GDPR -> new DeadlineRule(jurisdiction,
                    "GDPR Art. 12(3); Reg. (EEC, Euratom) No 1182/71 Art. 3", 1, CALENDAR_MONTHS, NEXT_WORKING_DAY,
                    2, "GDPR Art. 12(3): two further months where necessary; the subject is told, with reasons, within the first month",
                    0, StopTheClock.CONTROLLER_CHOICE, "GDPR fixes no stop-the-clock (uncertain): off unless the controller opts in");
            case UK_GDPR -> new DeadlineRule(jurisdiction,
                    "UK GDPR Art. 12(3); ICO guidance on the right of access (time limits)", 1, CALENDAR_MONTHS, NEXT_WORKING_DAY,
                    2, "UK GDPR Art. 12(3): two further months where necessary; the subject is told, with reasons, within the first month",
                    0, StopTheClock.BY_LAW, "ICO guidance: the clock stops while waiting for identity, a fee or clarification");
            case US_CA_CCPA -> new DeadlineRule(jurisdiction,
                    "Cal. Civ. Code §1798.130(a)(2); 11 CCR §7021(b)", 45, CALENDAR_DAYS, NONE,
                    45, "11 CCR §7021(b): once, by 45 more days (90 in total), notice with explanation within the first 45 days",
                    10, StopTheClock.NO, "11 CCR §7021(b): the 45 days begin on receipt, whatever the time needed to verify");
            case US_VA_VCDPA -> new DeadlineRule(jurisdiction,
                    "Va. Code §59.1-577(B)", 45, CALENDAR_DAYS, NONE,
                    45, "Va. Code §59.1-577(B): once, by 45 more days when reasonably necessary, told with the reason within the first 45 days",
                    0, StopTheClock.NO, "Va. Code §59.1-577(B) provides no stop-the-clock");
            case US_CO_CPA -> new DeadlineRule(jurisdiction,
                    "C.R.S. §6-1-1306(2)", 45, CALENDAR_DAYS, NONE,
                    45, "C.R.S. §6-1-1306(2): once, by 45 more days when reasonably necessary, told with the reason within the first 45 days",
                    0, StopTheClock.NO, "C.R.S. §6-1-1306(2) provides no stop-the-clock");
            case BR_LGPD -> new DeadlineRule(jurisdiction,
                    "LGPD (Lei 13.709/2018) Art. 19, II", 15, CALENDAR_DAYS, NONE,
                    0, "LGPD Art. 19 provides no extension",
                    0, StopTheClock.NO, "LGPD Art. 19 provides no stop-the-clock");
            case IN_DPDPA -> new DeadlineRule(jurisdiction,
                    "DPDP Act 2023 s. 13; DPDP Rules 2025 Rule 14 (in force 13 May 2027)", ControllerCalendar.MAX_PUBLISHED_RESPONSE_DAYS,
                    PUBLISHED_DAYS, NONE,
                    0, "DPDP Act 2023 and Rules 2025 provide no extension of the published period",
                    0, StopTheClock.NO, "DPDP Rules 2025 provide no stop-the-clock");
            case CA_PIPEDA -> new DeadlineRule(jurisdiction,
                    "PIPEDA s. 8(3); Interpretation Act ss. 26, 27, 35 (a Sunday or holiday end moves on)", 30, CALENDAR_DAYS,
                    NEXT_NON_HOLIDAY,
                    30, "PIPEDA s. 8(4): up to 30 more days, notice with reasons within the first 30 days",
                    0, StopTheClock.NO, "PIPEDA s. 8 provides no stop-the-clock; no answer in time is a refusal (s. 8(5))");
        };
    }

    /**
     * The rule for one type of request: the jurisdiction's, except where its law sets a period of its own for
     * that type (CCPA opt-out and limit requests; Virginia and Colorado appeals).
     */
    public static DeadlineRule rule(Jurisdiction jurisdiction, DsarType type) {
        return switch (jurisdiction) {
            case US_CA_CCPA -> switch (type) {
                case OPT_OUT_OF_SALE_OR_SHARING -> new DeadlineRule(jurisdiction,
                        "11 CCR §7026(f)(1): stop selling and sharing within 15 business days of receipt", 15, BUSINESS_DAYS, NONE,
                        0, "11 CCR §7026 provides no extension", 0, StopTheClock.NO,
                        "11 CCR §7026: an opt-out needs no verification, so nothing stops the clock");
                case LIMIT_SENSITIVE_DATA_USE -> new DeadlineRule(jurisdiction,
                        "11 CCR §7027(g)(1): stop the use beyond §7027(m) within 15 business days of receipt", 15, BUSINESS_DAYS, NONE,
                        0, "11 CCR §7027 provides no extension", 0, StopTheClock.NO,
                        "11 CCR §7027: a request to limit needs no verification, so nothing stops the clock");
                default -> rule(jurisdiction);
            };
            case US_VA_VCDPA -> type != DsarType.APPEAL ? rule(jurisdiction) : new DeadlineRule(jurisdiction,
                    "Va. Code §59.1-577(C): the decision on an appeal within 60 days of its receipt", 60, CALENDAR_DAYS, NONE,
                    0, "Va. Code §59.1-577(C) provides no extension of an appeal", 0, StopTheClock.NO,
                    "Va. Code §59.1-577(C) provides no stop-the-clock");
            case US_CO_CPA -> type != DsarType.APPEAL ? rule(jurisdiction) : new DeadlineRule(jurisdiction,
                    "C.R.S. §6-1-1306(3): the decision on an appeal within 45 days of its receipt", 45, CALENDAR_DAYS, NONE,
                    60, "C.R.S. §6-1-1306(3): by 60 more days where reasonably necessary, told with the reasons within the first 45 days",
                    0, StopTheClock.NO, "C.R.S. §6-1-1306(3) provides no stop-the-clock");
            default -> rule(jurisdiction);
        };
    }

    /** As before tenants had a calendar: the zone's days, weekends only, no public holidays. */
    public static Deadline deadline(Jurisdiction jurisdiction, Instant receivedAt, ZoneId zone) {
        return deadline(jurisdiction, receivedAt, ControllerCalendar.of(zone, HolidayCalendar.NONE));
    }

    public static Deadline deadline(Jurisdiction jurisdiction, Instant receivedAt, ControllerCalendar calendar) {
        return deadline(jurisdiction, RequestClock.receivedAt(receivedAt), calendar);
    }

    /** The deadline the facts give: base period, plus the days the clock stood still, plus the extension. */
    public static Deadline deadline(Jurisdiction jurisdiction, RequestClock clock, ControllerCalendar calendar) {
        return deadline(rule(jurisdiction), clock, calendar);
    }

    /** The deadline of a request of this type ({@link #rule(Jurisdiction, DsarType)}). */
    public static Deadline deadline(Jurisdiction jurisdiction, DsarType type, RequestClock clock, ControllerCalendar calendar) {
        return deadline(rule(jurisdiction, type), clock, calendar);
    }

    private static Deadline deadline(DeadlineRule rule, RequestClock clock, ControllerCalendar calendar) {
        LocalDate received = clock.receivedAt().atZone(calendar.zone()).toLocalDate();
        LocalDate baseEnd = end(rule, received, calendar).plusDays(clock.pausedDays());
        LocalDate lastDay = roll(rule, baseEnd, calendar.holidays());
        if (clock.extended()) {
            lastDay = roll(rule, extendedEnd(rule, received, baseEnd, lastDay, clock.pausedDays()), calendar.holidays());
        }
        Instant dueAt = endOfDay(lastDay, calendar.zone());
        Instant warningAt = dueAt.minus(WARNING_LEAD);
        return new Deadline(dueAt, warningAt.isBefore(clock.receivedAt()) ? clock.receivedAt() : warningAt, lastDay);
    }

    /**
     * One extension per request, where the law allows one, decided and told to the subject (with the reason)
     * before the deadline it extends; the new due date follows from the rule.
     */
    public static Decision extend(Jurisdiction jurisdiction, RequestClock clock, RequestClock.Extension extension,
                                  ControllerCalendar calendar) {
        return extend(rule(jurisdiction), clock, extension, calendar);
    }

    /** {@link #extend(Jurisdiction, RequestClock, RequestClock.Extension, ControllerCalendar)} under the type's rule. */
    public static Decision extend(Jurisdiction jurisdiction, DsarType type, RequestClock clock, RequestClock.Extension extension,
                                  ControllerCalendar calendar) {
        return extend(rule(jurisdiction, type), clock, extension, calendar);
    }

    private static Decision extend(DeadlineRule rule, RequestClock clock, RequestClock.Extension extension,
                                   ControllerCalendar calendar) {
        if (!rule.extensible()) {
            return new Refused("jurisdiction", rule.extensionSource());
        }
        if (clock.extended()) {
            return new Refused("extension", "one extension per request: it was extended already (" + rule.extensionSource() + ")");
        }
        if (blank(extension.reason())) {
            return new Refused("reason", "the subject must be told the reason for the extension (" + rule.extensionSource() + ")");
        }
        if (blank(extension.decidedBy())) {
            return new Refused("decidedBy", "who decided the extension must be recorded");
        }
        Deadline original = deadline(rule, clock, calendar);
        if (extension.noticeSentAt().isAfter(original.dueAt())) {
            return new Refused("noticeSentAt", "the notice was sent after the original due date " + original.lastDay() + " ("
                    + rule.extensionSource() + ")");
        }
        RequestClock extended = clock.with(extension);
        return new Granted(extended, deadline(rule, extended, calendar));
    }

    /**
     * Stops the clock while the controller waits for identity or clarification, where the law allows it: the
     * days before the question count, the clock runs again on the day the information arrives.
     */
    public static Decision stopTheClock(Jurisdiction jurisdiction, RequestClock clock, RequestClock.Pause pause,
                                        ControllerCalendar calendar) {
        return stopTheClock(rule(jurisdiction), clock, pause, calendar);
    }

    /** {@link #stopTheClock(Jurisdiction, RequestClock, RequestClock.Pause, ControllerCalendar)} under the type's rule. */
    public static Decision stopTheClock(Jurisdiction jurisdiction, DsarType type, RequestClock clock, RequestClock.Pause pause,
                                        ControllerCalendar calendar) {
        return stopTheClock(rule(jurisdiction, type), clock, pause, calendar);
    }

    private static Decision stopTheClock(DeadlineRule rule, RequestClock clock, RequestClock.Pause pause,
                                         ControllerCalendar calendar) {
        if (rule.stopTheClock() == StopTheClock.NO
                || rule.stopTheClock() == StopTheClock.CONTROLLER_CHOICE && !calendar.stopTheClockWhereLawIsSilent()) {
            return new Refused("jurisdiction", rule.stopTheClockSource());
        }
        if (pause.days() == 0) {
            // a pause of no day moves nothing, yet each one recomputes the deadline in today's calendar
            return new Refused("arrivedOn", "the information arrived the day it was asked for: the clock did not stand still");
        }
        LocalDate received = clock.receivedAt().atZone(calendar.zone()).toLocalDate();
        if (pause.askedOn().isBefore(received)) {
            return new Refused("askedOn", "the clock cannot stop before the request was received (" + received + ")");
        }
        if (clock.pauses().stream().anyMatch(pause::overlaps)) {
            return new Refused("askedOn", "the clock already stood still during part of that time");
        }
        Deadline current = deadline(rule, clock, calendar);
        if (pause.askedOn().isAfter(current.lastDay())) {
            return new Refused("askedOn", "the clock ran out on " + current.lastDay() + ", before the controller asked");
        }
        RequestClock paused = clock.with(pause);
        return new Granted(paused, deadline(rule, paused, calendar));
    }

    /**
     * When the receipt must be confirmed (CCPA: 10 business days, counted from the day after receipt, skipping
     * weekends and the controller's public holidays); empty where the law asks for no acknowledgement.
     */
    public static Optional<Instant> acknowledgementDue(Jurisdiction jurisdiction, Instant receivedAt, ControllerCalendar calendar) {
        return acknowledgementDue(rule(jurisdiction), receivedAt, calendar);
    }

    /** The acknowledgement a request of this type needs (CCPA: none for opt-out and limit requests, 11 CCR §7021(a)). */
    public static Optional<Instant> acknowledgementDue(Jurisdiction jurisdiction, DsarType type, Instant receivedAt,
                                                       ControllerCalendar calendar) {
        return acknowledgementDue(rule(jurisdiction, type), receivedAt, calendar);
    }

    private static Optional<Instant> acknowledgementDue(DeadlineRule rule, Instant receivedAt, ControllerCalendar calendar) {
        int businessDays = rule.acknowledgementBusinessDays();
        if (businessDays == 0) {
            return Optional.empty();
        }
        return Optional.of(endOfDay(plusWorkingDays(receivedAt.atZone(calendar.zone()).toLocalDate(), businessDays,
                calendar.holidays()), calendar.zone()));
    }

    /** The n-th working day after {@code day} (not a Saturday, Sunday or public holiday). */
    private static LocalDate plusWorkingDays(LocalDate day, int n, HolidayCalendar holidays) {
        LocalDate d = day;
        for (int counted = 0; counted < n; ) {
            d = d.plusDays(1);
            if (workingDay(d, holidays)) {
                counted++;
            }
        }
        return d;
    }

    /** The last day of the base period, before any roll. */
    private static LocalDate end(DeadlineRule rule, LocalDate received, ControllerCalendar calendar) {
        return switch (rule.counting()) {
            // plusMonths already clamps 31 Jan + 1 month to the last day of February (Reg. 1182/71 Art. 3(2)(c))
            case CALENDAR_MONTHS -> received.plusMonths(rule.period());
            case CALENDAR_DAYS -> received.plusDays(rule.period());
            case BUSINESS_DAYS -> plusWorkingDays(received, rule.period(), calendar.holidays());
            case PUBLISHED_DAYS -> received.plusDays(Math.min(rule.period(), calendar.publishedResponseDays()));
        };
    }

    /**
     * The extended period's last day before the roll. For months, two readings exist ("receipt + 3 months" and
     * "first due date + 2 months"); they differ at month ends, so the earlier is taken.
     */
    private static LocalDate extendedEnd(DeadlineRule rule, LocalDate received, LocalDate baseEnd, LocalDate firstDue,
                                         long pausedDays) {
        if (rule.counting() == CALENDAR_MONTHS) {
            LocalDate fromReceipt = received.plusMonths(rule.period() + rule.extension()).plusDays(pausedDays);
            LocalDate fromFirstDue = firstDue.plusMonths(rule.extension());
            return fromReceipt.isBefore(fromFirstDue) ? fromReceipt : fromFirstDue;
        }
        return baseEnd.plusDays(rule.extension());
    }

    private static LocalDate roll(DeadlineRule rule, LocalDate day, HolidayCalendar holidays) {
        LocalDate end = day;
        switch (rule.endOnNonWorkingDay()) {
            case NONE -> {
            }
            case NEXT_WORKING_DAY -> {
                while (!workingDay(end, holidays)) {
                    end = end.plusDays(1);
                }
            }
            case NEXT_NON_HOLIDAY -> {
                while (end.getDayOfWeek() == DayOfWeek.SUNDAY || holidays.isPublicHoliday(end)) {
                    end = end.plusDays(1);
                }
            }
        }
        return end;
    }

    private static boolean workingDay(LocalDate day, HolidayCalendar holidays) {
        return day.getDayOfWeek() != DayOfWeek.SATURDAY && day.getDayOfWeek() != DayOfWeek.SUNDAY
                && !holidays.isPublicHoliday(day);
    }

    /** The last instant of the day in the zone; atStartOfDay handles zones whose midnight a DST change skips. */
    private static Instant endOfDay(LocalDate day, ZoneId zone) {
        return day.plusDays(1).atStartOfDay(zone).toInstant().minusMillis(1);
    }

    private static boolean blank(String s) {
        return s == null || s.isBlank();
    }
}
