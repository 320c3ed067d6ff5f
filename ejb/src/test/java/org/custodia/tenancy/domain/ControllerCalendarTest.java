package org.custodia.tenancy.domain;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.ZoneId;

import org.custodia.platform.problem.FieldError;
import org.junit.jupiter.api.Test;

class ControllerCalendarTest {

    @Test
    void anIanaZoneWithCountryAndSubdivisionIsACalendar() {
        assertThat(ControllerCalendar.problems("Europe/Berlin", "DE", "BY")).isEmpty();
        assertThat(ControllerCalendar.of(" Europe/Berlin ", "DE", "BY"))
                .isEqualTo(new ControllerCalendar(ZoneId.of("Europe/Berlin"), "DE", "BY"));
        assertThat(ControllerCalendar.problems("UTC", "", "")).isEmpty();
        assertThat(ControllerCalendar.of("UTC", "", null)).isEqualTo(new ControllerCalendar(ZoneId.of("UTC"), null, null));
        assertThat(ControllerCalendar.DEFAULT.timeZone().getId()).isEqualTo("UTC");
    }

    @Test
    void eachBadFieldIsNamed() {
        assertThat(ControllerCalendar.problems(null, null, null)).extracting(FieldError::field).containsExactly("timeZone");
        assertThat(ControllerCalendar.problems("Mars/Olympus_Mons", "de", "BY")).extracting(FieldError::field)
                .containsExactly("timeZone", "country");
        assertThat(ControllerCalendar.problems("+02:00", "XX", null)).extracting(FieldError::field)
                .as("an offset is no zone: it has no daylight saving rules").containsExactly("timeZone", "country");
        assertThat(ControllerCalendar.problems("Europe/London", null, "ENG")).extracting(FieldError::field)
                .containsExactly("subdivision");
        assertThat(ControllerCalendar.problems("Europe/London", "GB", "E-N-G")).extracting(FieldError::field)
                .containsExactly("subdivision");
    }
}
