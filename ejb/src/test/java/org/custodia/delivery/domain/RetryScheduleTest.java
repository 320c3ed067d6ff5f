package org.custodia.delivery.domain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;

import org.junit.jupiter.api.Test;

class RetryScheduleTest {

    @Test
    void theDefaultTriesEightTimesOverAboutADay() {
        RetrySchedule s = RetrySchedule.DEFAULT;
        assertThat(s.attempts()).isEqualTo(8);
        Duration total = s.delays().stream().reduce(Duration.ZERO, Duration::plus);
        assertThat(total).isBetween(Duration.ofHours(24), Duration.ofHours(30)); // 27 h 35 min 5 s
        assertThat(s.delayAfter(1, () -> 0.5)).contains(Duration.ofSeconds(5));
        assertThat(s.delayAfter(7, () -> 0.5)).contains(Duration.ofHours(10));
        assertThat(s.delayAfter(8, () -> 0.5)).as("the eighth failure is the last").isEmpty();
    }

    @Test
    void jitterVariesEachDelayByAtMostAFifth() {
        RetrySchedule s = RetrySchedule.ofSeconds("100");
        assertThat(s.delayAfter(1, () -> 0.0)).contains(Duration.ofSeconds(80));
        assertThat(s.delayAfter(1, () -> 0.999_999)).hasValueSatisfying(d -> assertThat(d).isBetween(Duration.ofSeconds(119), Duration.ofSeconds(120)));
    }

    @Test
    void aScheduleFromTextIsPositiveSeconds() {
        assertThat(RetrySchedule.ofSeconds("1, 2,4").delays()).containsExactly(Duration.ofSeconds(1), Duration.ofSeconds(2), Duration.ofSeconds(4));
        assertThatThrownBy(() -> RetrySchedule.ofSeconds("1,0")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> RetrySchedule.ofSeconds("soon")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> RetrySchedule.ofSeconds("")).isInstanceOf(IllegalArgumentException.class);
    }
}
