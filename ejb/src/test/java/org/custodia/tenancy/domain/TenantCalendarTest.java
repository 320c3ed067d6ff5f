package org.custodia.tenancy.domain;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.ZoneId;

import org.custodia.platform.problem.FieldError;
import org.junit.jupiter.api.Test;

class TenantCalendarTest {

    @Test
    void anIanaZoneWithCountryAndSubdivisionIsACalendar() {
        assertThat(TenantCalendar.problems("Europe/Berlin", "DE", "BY")).isEmpty();
        assertThat(TenantCalendar.of(" Europe/Berlin ", "DE", "BY"))
                .isEqualTo(new TenantCalendar(ZoneId.of("Europe/Berlin"), "DE", "BY"));
        assertThat(TenantCalendar.problems("UTC", "", "")).isEmpty();
        assertThat(TenantCalendar.of("UTC", "", null)).isEqualTo(new TenantCalendar(ZoneId.of("UTC"), null, null));
        assertThat(TenantCalendar.DEFAULT.timeZone().getId()).isEqualTo("UTC");
    }

    @Test
    void eachBadFieldIsNamed() {
        assertThat(TenantCalendar.problems(null, null, null)).extracting(FieldError::field).containsExactly("timeZone");
        assertThat(TenantCalendar.problems("Mars/Olympus_Mons", "de", "BY")).extracting(FieldError::field)
                .containsExactly("timeZone", "country");
        assertThat(TenantCalendar.problems("+02:00", "XX", null)).extracting(FieldError::field)
                .as("an offset is no zone: it has no daylight saving rules").containsExactly("timeZone", "country");
        assertThat(TenantCalendar.problems("Europe/London", null, "ENG")).extracting(FieldError::field)
                .containsExactly("subdivision");
        assertThat(TenantCalendar.problems("Europe/London", "GB", "E-N-G")).extracting(FieldError::field)
                .containsExactly("subdivision");
    }

    @Test
    void thePublishedPeriodIsOneToNinetyDaysAndChoicesLeftOutTakeTheirDefaults() {
        assertThat(TenantCalendar.choiceProblems(null)).isEmpty();
        assertThat(TenantCalendar.choiceProblems(1)).isEmpty();
        assertThat(TenantCalendar.choiceProblems(90)).isEmpty();
        assertThat(TenantCalendar.choiceProblems(0)).extracting(FieldError::field).containsExactly("publishedResponseDays");
        assertThat(TenantCalendar.choiceProblems(91).get(0).reason()).contains("Rule 14");
        TenantCalendar chosen = TenantCalendar.of("Asia/Kolkata", "IN", null).withChoices(30, true);
        assertThat(chosen.publishedResponseDays()).isEqualTo(30);
        assertThat(chosen.stopTheClockWhereLawIsSilent()).isTrue();
        TenantCalendar defaults = chosen.withChoices(null, null);
        assertThat(defaults.publishedResponseDays()).isEqualTo(90);
        assertThat(defaults.stopTheClockWhereLawIsSilent()).isFalse();
        assertThat(TenantCalendar.DEFAULT.publishedResponseDays()).isEqualTo(90);
    }
}
