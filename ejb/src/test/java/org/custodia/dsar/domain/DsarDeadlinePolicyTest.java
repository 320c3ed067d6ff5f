package org.custodia.dsar.domain;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class DsarDeadlinePolicyTest {

    @ParameterizedTest(name = "{0} received {1} → last day {2}")
    @CsvSource({
            // GDPR: same date next month (Reg. 1182/71), day of receipt not counted
            "EU_GDPR, 2026-03-10T09:00:00Z, 2026-04-10",
            // no 31 February: the last day of that month (2026-02-28 is a Saturday → Monday 2 March)
            "EU_GDPR, 2026-01-31T09:00:00Z, 2026-03-02",
            // leap year: 29 February 2028 is a Tuesday
            "EU_GDPR, 2028-01-31T09:00:00Z, 2028-02-29",
            // a Sunday end rolls to Monday
            "UK_GDPR, 2026-10-01T10:00:00Z, 2026-11-02",
            // a Saturday end (14 November 2026) rolls to Monday
            "EU_GDPR, 2026-10-14T10:00:00Z, 2026-11-16",
            // weekdays stay
            "EU_GDPR, 2026-09-14T10:00:00Z, 2026-10-14",
            "EU_GDPR, 2026-12-12T10:00:00Z, 2027-01-12",
            // CCPA: 45 calendar days, no weekend roll
            "US_CA_CCPA, 2026-01-01T00:00:00Z, 2026-02-15",
            "BR_LGPD, 2026-01-01T12:00:00Z, 2026-01-16",
            "CA_PIPEDA, 2026-01-01T12:00:00Z, 2026-01-31",
    })
    void lastDayToAnswer(Jurisdiction jurisdiction, String received, String lastDay) {
        DsarDeadlinePolicy.Deadline d = DsarDeadlinePolicy.deadline(jurisdiction, Instant.parse(received), ZoneOffset.UTC);
        assertThat(d.dueAt()).isEqualTo(Instant.parse(lastDay + "T23:59:59.999Z"));
        assertThat(d.warningAt()).isEqualTo(d.dueAt().minus(DsarDeadlinePolicy.WARNING_LEAD));
    }

    @ParameterizedTest
    @CsvSource({"2026-03-31T23:30:00Z, Europe/Berlin, 2026-05-01T21:59:59.999Z"})
    void theDayIsTheControllersDay(String received, String zone, String due) {
        // 23:30 UTC on 31 March is already 1 April in Berlin: due 1 May (a Friday), end of day Berlin time
        assertThat(DsarDeadlinePolicy.deadline(Jurisdiction.EU_GDPR, Instant.parse(received), ZoneId.of(zone)).dueAt())
                .isEqualTo(Instant.parse(due));
    }
}
