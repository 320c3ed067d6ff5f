package org.custodia.dsar.domain;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.Set;

import org.custodia.tenancy.domain.HolidayCalendar;
import org.junit.jupiter.api.Test;

/** Request types whose law sets a period of their own: CCPA opt-out and limit requests, Virginia and Colorado appeals. */
class TypeDeadlineTest {

    static final ZoneId LA = ZoneId.of("America/Los_Angeles");
    /** Thanksgiving 2026 as the controller's holiday. */
    static final HolidayCalendar THANKSGIVING = HolidayCalendar.fixed("test", Set.of(LocalDate.of(2026, 11, 26)));
    static final ControllerCalendar CALIFORNIA = ControllerCalendar.of(LA, THANKSGIVING);

    @Test
    void aCcpaOptOutIsDueFifteenBusinessDaysAfterReceiptPastWeekendsAndHolidays() {
        // received Friday 13 November 2026: 16-20, 23-25, 27 (26 is Thanksgiving), 30 Nov, 1-4 Dec, then Monday 7 December is the 15th
        Instant received = LocalDate.of(2026, 11, 13).atTime(15, 0).atZone(LA).toInstant();
        DsarDeadlinePolicy.Deadline optOut = DsarDeadlinePolicy.deadline(Jurisdiction.US_CA_CCPA,
                DsarType.OPT_OUT_OF_SALE_OR_SHARING, RequestClock.receivedAt(received), CALIFORNIA);
        assertThat(optOut.lastDay()).isEqualTo(LocalDate.of(2026, 12, 7));
        assertThat(DsarDeadlinePolicy.deadline(Jurisdiction.US_CA_CCPA, DsarType.LIMIT_SENSITIVE_DATA_USE,
                RequestClock.receivedAt(received), CALIFORNIA).lastDay()).isEqualTo(LocalDate.of(2026, 12, 7));
        // a request to know keeps the 45 calendar days
        assertThat(DsarDeadlinePolicy.deadline(Jurisdiction.US_CA_CCPA, DsarType.ACCESS,
                RequestClock.receivedAt(received), CALIFORNIA).lastDay()).isEqualTo(LocalDate.of(2026, 12, 28));
    }

    @Test
    void aCcpaOptOutHasNoExtensionAndNoAcknowledgement() {
        Instant received = LocalDate.of(2026, 11, 13).atTime(15, 0).atZone(LA).toInstant();
        DsarDeadlinePolicy.Decision d = DsarDeadlinePolicy.extend(Jurisdiction.US_CA_CCPA, DsarType.OPT_OUT_OF_SALE_OR_SHARING,
                RequestClock.receivedAt(received), new RequestClock.Extension("r", received, "dpo"), CALIFORNIA);
        assertThat(d).isInstanceOfSatisfying(DsarDeadlinePolicy.Refused.class,
                r -> assertThat(r.legalReason()).contains("11 CCR §7026"));
        assertThat(DsarDeadlinePolicy.acknowledgementDue(Jurisdiction.US_CA_CCPA, DsarType.OPT_OUT_OF_SALE_OR_SHARING,
                received, CALIFORNIA)).isEmpty();
        assertThat(DsarDeadlinePolicy.acknowledgementDue(Jurisdiction.US_CA_CCPA, DsarType.ERASURE, received, CALIFORNIA)).isPresent();
    }

    @Test
    void appealsAreDecidedWithinSixtyDaysInVirginiaAndFortyFivePlusSixtyInColorado() {
        ControllerCalendar utc = ControllerCalendar.of(ZoneId.of("UTC"), HolidayCalendar.NONE);
        Instant received = Instant.parse("2026-03-02T10:00:00Z");
        assertThat(DsarDeadlinePolicy.deadline(Jurisdiction.US_VA_VCDPA, DsarType.APPEAL, RequestClock.receivedAt(received), utc)
                .lastDay()).isEqualTo(LocalDate.of(2026, 5, 1));
        assertThat(DsarDeadlinePolicy.extend(Jurisdiction.US_VA_VCDPA, DsarType.APPEAL, RequestClock.receivedAt(received),
                new RequestClock.Extension("r", received, "dpo"), utc)).isInstanceOf(DsarDeadlinePolicy.Refused.class);
        assertThat(DsarDeadlinePolicy.deadline(Jurisdiction.US_CO_CPA, DsarType.APPEAL, RequestClock.receivedAt(received), utc)
                .lastDay()).isEqualTo(LocalDate.of(2026, 4, 16));
        DsarDeadlinePolicy.Decision extended = DsarDeadlinePolicy.extend(Jurisdiction.US_CO_CPA, DsarType.APPEAL,
                RequestClock.receivedAt(received), new RequestClock.Extension("r", received, "dpo"), utc);
        assertThat(extended).isInstanceOfSatisfying(DsarDeadlinePolicy.Granted.class,
                g -> assertThat(g.deadline().lastDay()).isEqualTo(LocalDate.of(2026, 6, 15)));
        // other Virginia requests keep 45 days
        assertThat(DsarDeadlinePolicy.rule(Jurisdiction.US_VA_VCDPA, DsarType.ACCESS)).isEqualTo(DsarDeadlinePolicy.rule(Jurisdiction.US_VA_VCDPA));
    }
}
