package org.custodia.retention.domain;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.Period;
import java.util.UUID;

import org.custodia.platform.problem.FieldError;
import org.junit.jupiter.api.Test;

class RetentionPolicyDraftTest {

    static RetentionPolicyDraft books(String period) {
        return new RetentionPolicyDraft("tax-10y", "Accounting records", period, "END_OF_YEAR", "ERASE", "HGB § 257(4), AO § 147(3)", " ");
    }

    @Test
    void periodsAreYearsMonthsAndDaysMoreThanNothingAndAtMostACentury() {
        assertThat(RetentionPeriods.parse("P10Y")).isEqualTo(Period.ofYears(10));
        assertThat(RetentionPeriods.parse(" p1y6m ")).isEqualTo(Period.of(1, 6, 0));
        assertThat(RetentionPeriods.parse("P30D")).isEqualTo(Period.ofDays(30));
        assertThat(RetentionPeriods.parse("P100Y")).isEqualTo(Period.ofYears(100));
        assertThat(RetentionPeriods.parse("P1200M")).as("100 years in months").isEqualTo(Period.ofMonths(1200));
        assertThat(RetentionPeriods.parse("P36525D")).as("100 years in days, leap days included").isEqualTo(Period.ofDays(36525));
        for (String refused : new String[] {null, "", "P", "P0Y", "P0D", "P0Y0M", "P2W", "P-1Y", "10 years", "PT5H", "P101Y", "P1201M",
                "P100Y1D", "P36526D", "P1Y2D3M", "P99999Y"}) {
            assertThat(RetentionPeriods.parse(refused)).as(refused).isNull();
        }
    }

    @Test
    void aPeriodReadsInWords() {
        assertThat(RetentionPeriods.words(Period.ofYears(1))).isEqualTo("1 year");
        assertThat(RetentionPeriods.words(Period.of(1, 6, 0))).isEqualTo("1 year and 6 months");
        assertThat(RetentionPeriods.words(Period.of(2, 1, 3))).isEqualTo("2 years, 1 month and 3 days");
    }

    @Test
    void aGoodDraftMakesAPolicyThatSaysItsTermsInWords() {
        RetentionPolicyDraft draft = books("P10Y");
        assertThat(draft.problems()).isEmpty();
        RetentionPolicy p = draft.toPolicy(UUID.randomUUID(), Instant.EPOCH, Instant.EPOCH);
        assertThat(p.description()).as("blank is absent").isNull();
        assertThat(p.summary()).isEqualTo("10 years after the end of the calendar year the record belongs to, then erase");
        assertThat(p.sameTermsAs(books("P120M").toPolicy(UUID.randomUUID(), Instant.now(), Instant.now())))
                .as("P120M is not written as P10Y: a change of terms").isFalse();
        assertThat(p.sameTermsAs(books("p10y").toPolicy(UUID.randomUUID(), Instant.now(), Instant.now()))).isTrue();
    }

    @Test
    void everyBadPartIsNamed() {
        RetentionPolicyDraft bad = new RetentionPolicyDraft("Tax 10y", " ", "10 years", "WHENEVER", null, "x".repeat(501), "y".repeat(4001));
        assertThat(bad.problems()).extracting(FieldError::field)
                .containsExactly("key", "name", "period", "startsAt", "action", "legalReference", "description");
    }
}
