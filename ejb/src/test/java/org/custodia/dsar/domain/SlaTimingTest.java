package org.custodia.dsar.domain;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;

import org.custodia.platform.problem.FieldError;
import org.junit.jupiter.api.Test;

class SlaTimingTest {

    static final SlaTiming ANY = new SlaTiming("dsar", "*", Duration.ofDays(3), Duration.ofHours(12));
    static final SlaTiming ERASURE = new SlaTiming("dsar", "ERASURE", Duration.ofMinutes(2), Duration.ofMinutes(5));

    @Test
    void aTypesOwnRowWinsThenTheStarRowThenTheDefault() {
        assertThat(SlaTiming.of(List.of(ANY, ERASURE), DsarType.ERASURE)).isEqualTo(ERASURE);
        assertThat(SlaTiming.of(List.of(ANY, ERASURE), DsarType.ACCESS)).isEqualTo(ANY);
        assertThat(SlaTiming.of(List.of(ERASURE), DsarType.ACCESS)).isEqualTo(SlaTiming.DEFAULT);
        assertThat(SlaTiming.DEFAULT.warningBefore()).isEqualTo(Duration.ofDays(7));
        assertThat(SlaTiming.DEFAULT.escalationAfter()).isEqualTo(Duration.ofDays(2));
    }

    @Test
    void theScheduleWarnsBeforeAndEscalatesAfterTheLegalDeadline() {
        Instant received = Instant.parse("2026-03-02T10:00:00Z");
        DsarDeadlinePolicy.Deadline deadline = DsarDeadlinePolicy.deadline(Jurisdiction.EU_GDPR, received, ZoneId.of("Europe/Berlin"));
        DsarSchedule s = DsarSchedule.of(deadline, received, ANY);
        assertThat(s.dueAt()).isEqualTo(deadline.dueAt());
        assertThat(s.lastDay()).isEqualTo(LocalDate.of(2026, 4, 2));
        assertThat(s.warningAt()).isEqualTo(deadline.dueAt().minus(Duration.ofDays(3)));
        assertThat(s.escalateAt()).isEqualTo(deadline.dueAt().plus(Duration.ofHours(12)));
        // the default is the policy's own warning lead
        assertThat(DsarSchedule.of(deadline, received, SlaTiming.DEFAULT).warningAt()).isEqualTo(deadline.warningAt());
    }

    @Test
    void aWarningLeadLongerThanThePeriodWarnsAtReceipt() {
        Instant received = Instant.parse("2026-03-02T10:00:00Z");
        DsarDeadlinePolicy.Deadline deadline = DsarDeadlinePolicy.deadline(Jurisdiction.BR_LGPD, received, ZoneId.of("UTC"));
        DsarSchedule s = DsarSchedule.of(deadline, received, new SlaTiming("dsar", "*", Duration.ofDays(30), Duration.ofDays(1)));
        assertThat(s.warningAt()).isEqualTo(received);
    }

    @Test
    void rowsAreCheckedFieldByField() {
        assertThat(SlaTiming.problems("", "dsar", "*", "P7D", "PT2M")).isEmpty();
        assertThat(SlaTiming.problems("", "dsar", "APPEAL", "PT36H", "P2D")).isEmpty();
        assertThat(SlaTiming.problems("rows[1].", "erasure", "ACCES", "7 days", "PT30S")).extracting(FieldError::field)
                .containsExactly("rows[1].process", "rows[1].type", "rows[1].warningBefore", "rows[1].escalationAfter");
        assertThat(SlaTiming.problems("", "dsar", null, null, "P400D")).extracting(FieldError::field)
                .containsExactly("type", "warningBefore", "escalationAfter");
        assertThat(SlaTiming.problems("", "dsar", "*", "-P1D", "P1D").get(0).reason()).contains("between");
    }
}
