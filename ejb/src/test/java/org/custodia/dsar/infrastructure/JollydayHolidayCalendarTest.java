package org.custodia.dsar.infrastructure;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;

import org.custodia.dsar.domain.ControllerCalendar;
import org.custodia.dsar.domain.DsarDeadlinePolicy;
import org.custodia.dsar.domain.Jurisdiction;
import org.custodia.tenancy.infrastructure.JollydayHolidayCalendar;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Real public holidays (Jollyday) and the deadlines they move. */
class JollydayHolidayCalendarTest {

    @ParameterizedTest(name = "{0}-{1}: {2} holiday {3}")
    @CsvSource({
            "DE, , 2026-05-01, true",          // Labour Day, national
            "DE, , 2026-06-04, false",         // Corpus Christi is not national ...
            "DE, by, 2026-06-04, true",        // ... but a holiday in Bavaria
            "DE, be, 2026-06-04, false",       // and not in Berlin
            "DE, by, 2026-06-05, false",
            "GB, eng, 2026-04-06, true",       // Easter Monday in England ...
            "GB, sct, 2026-04-06, false",      // ... not in Scotland
            "GB, sct, 2026-11-30, true",       // St Andrew's Day
            "GB, eng, 2026-11-30, false",
            "GB, eng, 2026-12-28, true",       // Boxing Day (Saturday 26th) observed on Monday 28th
            "BR, , 2026-04-21, true",          // Tiradentes
            "BR, , 2026-11-20, true",          // Black Awareness Day, national since 2024
            "BR, , 2023-11-20, false",
            "CA, , 2026-07-01, true",          // Canada Day
    })
    void knowsTheHolidaysOfCountryAndSubdivision(String country, String subdivision, String day, boolean holiday) {
        assertThat(JollydayHolidayCalendar.of(country, subdivision).isPublicHoliday(LocalDate.parse(day))).isEqualTo(holiday);
    }

    @Test
    void namesItselfAndRefusesUnknownCalendars() {
        assertThat(JollydayHolidayCalendar.of("de", "BY").name()).isEqualTo("DE-BY");
        assertThat(JollydayHolidayCalendar.of("BR", null).name()).isEqualTo("BR");
        assertThatThrownBy(() -> JollydayHolidayCalendar.of("XX", null)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> JollydayHolidayCalendar.of("DE", "zz")).isInstanceOf(IllegalArgumentException.class);
    }

    @ParameterizedTest(name = "{0} in {1}-{2}: received {3} → last day {4}")
    @CsvSource({
            // 4 May + 1 month = Thursday 4 June 2026, Corpus Christi in Bavaria → Friday 5 June; Berlin works that day
            "EU_GDPR, DE, by, Europe/Berlin, 2026-05-04T10:00:00Z, 2026-06-05",
            "EU_GDPR, DE, be, Europe/Berlin, 2026-05-04T10:00:00Z, 2026-06-04",
            // 1 April + 1 month = Friday 1 May 2026, Labour Day → Monday 4 May
            "EU_GDPR, DE, , Europe/Berlin, 2026-04-01T10:00:00Z, 2026-05-04",
            // 3 March + 1 month = Good Friday 3 April 2026; England: Sat, Sun, Easter Monday → Tuesday 7 April;
            // Scotland has no Easter Monday bank holiday → Monday 6 April
            "UK_GDPR, GB, eng, Europe/London, 2026-03-03T10:00:00Z, 2026-04-07",
            "UK_GDPR, GB, sct, Europe/London, 2026-03-03T10:00:00Z, 2026-04-06",
            // 25 Nov + 1 month = Christmas (Friday), 26-27 weekend, 28 Boxing Day observed → Tuesday 29 December
            "UK_GDPR, GB, eng, Europe/London, 2026-11-25T10:00:00Z, 2026-12-29",
            // 30 Oct + 1 month = Monday 30 November 2026: St Andrew's Day in Scotland only
            "UK_GDPR, GB, sct, Europe/London, 2026-10-30T10:00:00Z, 2026-12-01",
            "UK_GDPR, GB, eng, Europe/London, 2026-10-30T10:00:00Z, 2026-11-30",
            // LGPD counts calendar days: day 15 on Tiradentes (Tuesday 21 April 2026) stays
            "BR_LGPD, BR, , America/Sao_Paulo, 2026-04-06T15:00:00Z, 2026-04-21",
            // PIPEDA: 1 June + 30 = Canada Day (Wednesday 1 July 2026) → Thursday 2 July
            "CA_PIPEDA, CA, , America/Toronto, 2026-06-01T15:00:00Z, 2026-07-02",
    })
    void realHolidaysMoveDeadlines(Jurisdiction jurisdiction, String country, String subdivision, String zone,
                                   String received, String lastDay) {
        ControllerCalendar calendar = ControllerCalendar.of(ZoneId.of(zone), JollydayHolidayCalendar.of(country, subdivision));
        assertThat(DsarDeadlinePolicy.deadline(jurisdiction, Instant.parse(received), calendar).lastDay())
                .isEqualTo(LocalDate.parse(lastDay));
    }
}
