package org.custodia.dsar.domain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.Set;

import org.custodia.tenancy.domain.HolidayCalendar;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.EnumSource;

class DsarDeadlinePolicyTest {

    @ParameterizedTest(name = "{0} received {1} → last day {2}")
    @CsvSource({
            // GDPR: same date next month (Reg. 1182/71), day of receipt not counted
            "EU_GDPR, 2026-03-10T09:00:00Z, 2026-04-10",
            // no 31 February: the last day of that month (2026-02-28 is a Saturday → Monday 2 March)
            "EU_GDPR, 2026-01-31T09:00:00Z, 2026-03-02",
            // leap year: 29 February 2028 is a Tuesday
            "EU_GDPR, 2028-01-31T09:00:00Z, 2028-02-29",
            // received on the leap day: 29 March 2028, a Wednesday
            "EU_GDPR, 2028-02-29T09:00:00Z, 2028-03-29",
            // 30 April 2028 is a Sunday → Monday 1 May (no holidays in this calendar)
            "EU_GDPR, 2028-03-31T09:00:00Z, 2028-05-01",
            // a Sunday end rolls to Monday
            "UK_GDPR, 2026-10-01T10:00:00Z, 2026-11-02",
            // a Saturday end (14 November 2026) rolls to Monday
            "EU_GDPR, 2026-10-14T10:00:00Z, 2026-11-16",
            // weekdays stay
            "EU_GDPR, 2026-09-14T10:00:00Z, 2026-10-14",
            "EU_GDPR, 2026-12-12T10:00:00Z, 2027-01-12",
            // CCPA: 45 calendar days, no weekend roll (15 February 2026 is a Sunday and stays)
            "US_CA_CCPA, 2026-01-01T00:00:00Z, 2026-02-15",
            // 1 Feb + 45: 28 Feb is day 27, 18 March day 45; in leap 2028, 29 Feb is day 28, 17 March day 45
            "US_CA_CCPA, 2026-02-01T12:00:00Z, 2026-03-18",
            "US_CA_CCPA, 2028-02-01T12:00:00Z, 2028-03-17",
            // Virginia, Colorado: 45 days; 1 March + 30 = 31 March, + 15 = 15 April
            "US_VA_VCDPA, 2026-03-01T12:00:00Z, 2026-04-15",
            "US_CO_CPA, 2026-03-01T12:00:00Z, 2026-04-15",
            // LGPD: 15 days
            "BR_LGPD, 2026-01-01T12:00:00Z, 2026-01-16",
            // DPDPA without a published period: the most allowed, 90 days: 31 Jan is day 30, 28 Feb day 58,
            // 31 March day 89, 1 April day 90
            "IN_DPDPA, 2026-01-01T12:00:00Z, 2026-04-01",
            // PIPEDA: 30 days; 31 January 2026 is a Saturday, which is not a holiday: it stays
            "CA_PIPEDA, 2026-01-01T12:00:00Z, 2026-01-31",
            // 1 February 2026 is a Sunday (a holiday under the Interpretation Act) → Monday 2 February
            "CA_PIPEDA, 2026-01-02T12:00:00Z, 2026-02-02",
    })
    void lastDayToAnswer(Jurisdiction jurisdiction, String received, String lastDay) {
        DsarDeadlinePolicy.Deadline d = DsarDeadlinePolicy.deadline(jurisdiction, Instant.parse(received), ZoneOffset.UTC);
        assertThat(d.lastDay()).isEqualTo(LocalDate.parse(lastDay));
        assertThat(d.dueAt()).isEqualTo(Instant.parse(lastDay + "T23:59:59.999Z"));
        assertThat(d.warningAt()).isEqualTo(d.dueAt().minus(DsarDeadlinePolicy.WARNING_LEAD));
    }

    @ParameterizedTest(name = "{0} received {1}, holiday {2} → last day {3}")
    @CsvSource({
            // 1 May 2026 (Friday) a holiday → Monday 4 May
            "EU_GDPR, 2026-04-01T09:00:00Z, 2026-05-01, 2026-05-04",
            // 30 April 2028 (Sunday) → 1 May holiday → Tuesday 2 May
            "EU_GDPR, 2028-03-31T09:00:00Z, 2028-05-01, 2028-05-02",
            // 25 May 2026 (Monday) a bank holiday → Tuesday 26 May
            "UK_GDPR, 2026-04-25T09:00:00Z, 2026-05-25, 2026-05-26",
            // 1 July 2026 (Wednesday, Canada Day) → Thursday 2 July
            "CA_PIPEDA, 2026-06-01T12:00:00Z, 2026-07-01, 2026-07-02",
            // calendar-day rules do not move: CCPA day 45 on a holiday stays
            "US_CA_CCPA, 2026-01-01T00:00:00Z, 2026-02-15, 2026-02-15",
            // LGPD: 21 April 2026 (Tiradentes) is day 15 and stays
            "BR_LGPD, 2026-04-06T12:00:00Z, 2026-04-21, 2026-04-21",
    })
    void publicHolidaysMoveTheEndWhereTheRuleSaysSo(Jurisdiction jurisdiction, String received, String holiday, String lastDay) {
        ControllerCalendar calendar = ControllerCalendar.of(ZoneOffset.UTC, HolidayCalendar.fixed("test", Set.of(LocalDate.parse(holiday))));
        assertThat(DsarDeadlinePolicy.deadline(jurisdiction, Instant.parse(received), calendar).lastDay())
                .isEqualTo(LocalDate.parse(lastDay));
    }

    @Test
    void consecutiveHolidaysAndWeekendsAreAllPassed() {
        // 25 December 2026 a Friday; 26 (Saturday), 27 (Sunday), 28 (Monday, the substitute for Boxing Day)
        HolidayCalendar christmas = HolidayCalendar.fixed("GB-EN 2026", Set.of(LocalDate.parse("2026-12-25"), LocalDate.parse("2026-12-28")));
        assertThat(DsarDeadlinePolicy.deadline(Jurisdiction.UK_GDPR, Instant.parse("2026-11-25T10:00:00Z"),
                ControllerCalendar.of(ZoneOffset.UTC, christmas)).lastDay()).isEqualTo("2026-12-29");
    }

    @ParameterizedTest
    @CsvSource({"2026-03-31T23:30:00Z, Europe/Berlin, 2026-05-01T21:59:59.999Z"})
    void theDayIsTheControllersDay(String received, String zone, String due) {
        // 23:30 UTC on 31 March is already 1 April in Berlin: due 1 May (a Friday), end of day Berlin time
        assertThat(DsarDeadlinePolicy.deadline(Jurisdiction.EU_GDPR, Instant.parse(received), ZoneId.of(zone)).dueAt())
                .isEqualTo(Instant.parse(due));
    }

    @ParameterizedTest(name = "{0} in {2}: received {1} → due {3}")
    @CsvSource({
            // 22 Jan + 45 = Sunday 8 March 2026, the day Los Angeles moves to PDT (UTC-7): its end is 07:00Z the next day
            "US_CA_CCPA, 2026-01-22T18:00:00Z, America/Los_Angeles, 2026-03-09T06:59:59.999Z",
            // 17 Sep + 45 = Sunday 1 November 2026, New York back to EST (UTC-5) that night: a 25-hour day
            "US_VA_VCDPA, 2026-09-17T15:00:00Z, America/New_York, 2026-11-02T04:59:59.999Z",
            // the week Berlin moves to CEST (29 March 2026): received 26 Feb → Thursday 26 March, still CET (UTC+1)
            "EU_GDPR, 2026-02-26T10:00:00Z, Europe/Berlin, 2026-03-26T22:59:59.999Z",
            // received 01:30Z on 29 March (03:30 CEST, after the change) → Wednesday 29 April, CEST (UTC+2)
            "EU_GDPR, 2026-03-29T01:30:00Z, Europe/Berlin, 2026-04-29T21:59:59.999Z",
            // London back to GMT on Sunday 25 October 2026: 24 Oct (Saturday) → 25 (Sunday) → Monday 26 October, GMT
            "UK_GDPR, 2026-09-24T10:00:00Z, Europe/London, 2026-10-26T23:59:59.999Z",
    })
    void dueAtTheEndOfTheLocalDayAcrossDaylightSavingChanges(Jurisdiction jurisdiction, String received, String zone, String due) {
        DsarDeadlinePolicy.Deadline d = DsarDeadlinePolicy.deadline(jurisdiction, Instant.parse(received), ZoneId.of(zone));
        assertThat(d.dueAt()).isEqualTo(Instant.parse(due));
        // the warning is 7 × 24 real hours before
        assertThat(d.warningAt()).isEqualTo(Instant.parse(due).minusSeconds(7 * 24 * 3600));
    }

    @Test
    void indiaCountsThePeriodTheControllerPublishesAtMostNinetyDays() {
        ControllerCalendar thirtyDays = ControllerCalendar.of(ZoneId.of("Asia/Kolkata"), HolidayCalendar.NONE).withPublishedResponseDays(30);
        // received 1 January 2026 10:00 IST → 31 January, end of day IST (UTC+5:30)
        assertThat(DsarDeadlinePolicy.deadline(Jurisdiction.IN_DPDPA, Instant.parse("2026-01-01T04:30:00Z"), thirtyDays).dueAt())
                .isEqualTo(Instant.parse("2026-01-31T18:29:59.999Z"));
        assertThatThrownBy(() -> thirtyDays.withPublishedResponseDays(91)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> thirtyDays.withPublishedResponseDays(0)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void acknowledgementIsDueWithinTenBusinessDaysWhereTheLawAsksForOne() {
        ControllerCalendar thanksgiving = ControllerCalendar.of(ZoneId.of("America/Los_Angeles"),
                HolidayCalendar.fixed("test", Set.of(LocalDate.parse("2026-11-26"))));
        // received Friday 20 Nov 2026: 23-25 Nov (3), 26 Thanksgiving skipped, 27 (4), 30 Nov - 4 Dec (9), Monday 7 Dec (10)
        assertThat(DsarDeadlinePolicy.acknowledgementDue(Jurisdiction.US_CA_CCPA, Instant.parse("2026-11-20T20:00:00Z"), thanksgiving))
                .contains(Instant.parse("2026-12-08T07:59:59.999Z"));
        // without holidays: 23-27 Nov (5), 30 Nov - 4 Dec (10) → Friday 4 Dec, end of day PST
        assertThat(DsarDeadlinePolicy.acknowledgementDue(Jurisdiction.US_CA_CCPA, Instant.parse("2026-11-20T20:00:00Z"),
                ControllerCalendar.of(ZoneId.of("America/Los_Angeles"), HolidayCalendar.NONE)))
                .contains(Instant.parse("2026-12-05T07:59:59.999Z"));
        assertThat(DsarDeadlinePolicy.acknowledgementDue(Jurisdiction.EU_GDPR, Instant.parse("2026-11-20T20:00:00Z"), thanksgiving)).isEmpty();
    }

    @ParameterizedTest
    @EnumSource(Jurisdiction.class)
    void everyRuleNamesItsSources(Jurisdiction jurisdiction) {
        DeadlineRule rule = DsarDeadlinePolicy.rule(jurisdiction);
        assertThat(rule.jurisdiction()).isEqualTo(jurisdiction);
        assertThat(rule.source()).isNotBlank();
        assertThat(rule.extensionSource()).isNotBlank();
        assertThat(rule.stopTheClockSource()).isNotBlank();
        assertThat(rule.period()).isPositive();
    }
}
