package org.custodia.dsar.domain;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZoneOffset;

import org.custodia.dsar.domain.DsarDeadlinePolicy.Decision;
import org.custodia.dsar.domain.DsarDeadlinePolicy.Granted;
import org.custodia.dsar.domain.DsarDeadlinePolicy.Refused;
import org.custodia.dsar.domain.RequestClock.Extension;
import org.custodia.dsar.domain.RequestClock.Pause;
import org.custodia.tenancy.domain.HolidayCalendar;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class DsarDeadlineExtensionAndPauseTest {

    static final ControllerCalendar UTC = ControllerCalendar.of(ZoneOffset.UTC, HolidayCalendar.NONE);

    static Extension extension(String noticeSentAt) {
        return new Extension("complex request across five systems", Instant.parse(noticeSentAt), "dpo@example.test");
    }

    static Granted granted(Decision decision) {
        assertThat(decision).isInstanceOf(Granted.class);
        return (Granted) decision;
    }

    static String refusal(Decision decision) {
        assertThat(decision).isInstanceOf(Refused.class);
        return ((Refused) decision).legalReason();
    }

    @ParameterizedTest(name = "{0} received {1}, extended → last day {2}")
    @CsvSource({
            // GDPR: first due Friday 10 April 2026; receipt + 3 months = first due + 2 months = Wednesday 10 June
            "EU_GDPR, 2026-03-10T09:00:00Z, 2026-06-10",
            // month ends: received 31 Oct 2028, first due Thursday 30 Nov; receipt + 3 months = 31 Jan 2029,
            // first due + 2 months = Tuesday 30 Jan 2029: the earlier reading wins
            "EU_GDPR, 2028-10-31T09:00:00Z, 2029-01-30",
            "UK_GDPR, 2028-10-31T09:00:00Z, 2029-01-30",
            // CCPA: 1 Jan + 90 = 1 April 2026
            "US_CA_CCPA, 2026-01-01T00:00:00Z, 2026-04-01",
            // Virginia, Colorado: 15 April + 45 = 30 May 2026 (a Saturday, calendar days: stays)
            "US_VA_VCDPA, 2026-03-01T12:00:00Z, 2026-05-30",
            "US_CO_CPA, 2026-03-01T12:00:00Z, 2026-05-30",
            // PIPEDA: 1 Jan + 30 = Saturday 31 Jan, + 30 = Monday 2 March 2026
            "CA_PIPEDA, 2026-01-01T12:00:00Z, 2026-03-02",
    })
    void oneExtensionWhereTheLawAllowsIt(Jurisdiction jurisdiction, String received, String lastDay) {
        RequestClock clock = RequestClock.receivedAt(Instant.parse(received));
        Granted g = granted(DsarDeadlinePolicy.extend(jurisdiction, clock, extension(received), UTC));
        assertThat(g.deadline().lastDay()).isEqualTo(LocalDate.parse(lastDay));
        assertThat(g.clock().extension().decidedBy()).isEqualTo("dpo@example.test");
        // the facts alone give the same date again
        assertThat(DsarDeadlinePolicy.deadline(jurisdiction, g.clock(), UTC)).isEqualTo(g.deadline());
        assertThat(refusal(DsarDeadlinePolicy.extend(jurisdiction, g.clock(), extension(received), UTC)))
                .startsWith("one extension per request");
    }

    @ParameterizedTest
    @CsvSource({"BR_LGPD, LGPD Art. 19", "IN_DPDPA, DPDP Act 2023"})
    void noExtensionWhereTheLawHasNone(Jurisdiction jurisdiction, String source) {
        RequestClock clock = RequestClock.receivedAt(Instant.parse("2026-01-01T12:00:00Z"));
        assertThat(refusal(DsarDeadlinePolicy.extend(jurisdiction, clock, extension("2026-01-02T12:00:00Z"), UTC))).contains(source);
    }

    @Test
    void theNoticeMustGoOutBeforeTheOriginalDueDateInTheControllersZone() {
        ControllerCalendar berlin = ControllerCalendar.of(ZoneId.of("Europe/Berlin"), HolidayCalendar.NONE);
        RequestClock clock = RequestClock.receivedAt(Instant.parse("2026-03-10T09:00:00Z"));
        // due Friday 10 April 2026, 23:59:59.999 CEST = 21:59:59.999Z: 21:30Z is still in time, 22:00Z is Saturday in Berlin
        assertThat(granted(DsarDeadlinePolicy.extend(Jurisdiction.EU_GDPR, clock, extension("2026-04-10T21:30:00Z"), berlin))
                .deadline().lastDay()).isEqualTo("2026-06-10");
        assertThat(refusal(DsarDeadlinePolicy.extend(Jurisdiction.EU_GDPR, clock, extension("2026-04-10T22:00:00Z"), berlin)))
                .contains("after the original due date 2026-04-10").contains("GDPR Art. 12(3)");
    }

    @Test
    void anExtensionNeedsAReasonAndWhoDecided() {
        RequestClock clock = RequestClock.receivedAt(Instant.parse("2026-03-10T09:00:00Z"));
        Instant notice = Instant.parse("2026-03-20T09:00:00Z");
        assertThat(refusal(DsarDeadlinePolicy.extend(Jurisdiction.US_CA_CCPA, clock, new Extension(" ", notice, "dpo"), UTC)))
                .contains("reason").contains("11 CCR §7021(b)");
        assertThat(refusal(DsarDeadlinePolicy.extend(Jurisdiction.US_CA_CCPA, clock, new Extension("complex", notice, null), UTC)))
                .contains("who decided");
    }

    @Test
    void ukStopTheClockCountsTheDaysAlreadyElapsedAndResumesTheDayTheInformationArrives() {
        RequestClock clock = RequestClock.receivedAt(Instant.parse("2026-03-10T09:00:00Z"));
        // due Friday 10 April. Asked for ID on 12 March (11 and 12 March have run), ID arrives 20 March: 12-19 March
        // (8 days) do not count, so the 30 days left after 11 March run 20 March - 18 April (a Saturday) → Monday 20 April
        Granted paused = granted(DsarDeadlinePolicy.stopTheClock(Jurisdiction.UK_GDPR, clock,
                new Pause(LocalDate.parse("2026-03-12"), LocalDate.parse("2026-03-20")), UTC));
        assertThat(paused.deadline().lastDay()).isEqualTo("2026-04-20");
        // then extended: receipt + 3 months + 8 days = Thursday 18 June; first due + 2 months = Saturday 20 June: the earlier
        Granted extended = granted(DsarDeadlinePolicy.extend(Jurisdiction.UK_GDPR, paused.clock(), extension("2026-04-01T09:00:00Z"), UTC));
        assertThat(extended.deadline().lastDay()).isEqualTo("2026-06-18");
    }

    @Test
    void askingOnTheDayOfReceiptRestartsThePeriodFromTheArrival() {
        // asked 10 March (receipt day), ID arrives Friday 13 March: due 13 April, as if received on 13 March
        Granted g = granted(DsarDeadlinePolicy.stopTheClock(Jurisdiction.UK_GDPR, RequestClock.receivedAt(Instant.parse("2026-03-10T09:00:00Z")),
                new Pause(LocalDate.parse("2026-03-10"), LocalDate.parse("2026-03-13")), UTC));
        assertThat(g.deadline().lastDay()).isEqualTo("2026-04-13");
    }

    @Test
    void aPauseOfNoDayIsRefusedSinceTheClockNeverStood() {
        // the information came the day it was asked for: nothing to stop, and a repeatable no-op must not recompute
        assertThat(refusal(DsarDeadlinePolicy.stopTheClock(Jurisdiction.UK_GDPR, RequestClock.receivedAt(Instant.parse("2026-03-10T09:00:00Z")),
                new Pause(LocalDate.parse("2026-03-12"), LocalDate.parse("2026-03-12")), UTC))).contains("did not stand still");
    }

    @Test
    void severalPausesAddUpButMayNotOverlapOrStartAfterTheClockRanOut() {
        RequestClock clock = RequestClock.receivedAt(Instant.parse("2026-03-10T09:00:00Z"));
        Granted first = granted(DsarDeadlinePolicy.stopTheClock(Jurisdiction.UK_GDPR, clock,
                new Pause(LocalDate.parse("2026-03-12"), LocalDate.parse("2026-03-15")), UTC));
        // 3 days: 10 April + 3 = Monday 13 April
        assertThat(first.deadline().lastDay()).isEqualTo("2026-04-13");
        Granted second = granted(DsarDeadlinePolicy.stopTheClock(Jurisdiction.UK_GDPR, first.clock(),
                new Pause(LocalDate.parse("2026-03-20"), LocalDate.parse("2026-03-22")), UTC));
        // 5 days in all: 10 April + 5 = Wednesday 15 April
        assertThat(second.deadline().lastDay()).isEqualTo("2026-04-15");
        assertThat(refusal(DsarDeadlinePolicy.stopTheClock(Jurisdiction.UK_GDPR, second.clock(),
                new Pause(LocalDate.parse("2026-03-14"), LocalDate.parse("2026-03-18")), UTC))).contains("already stood still");
        assertThat(refusal(DsarDeadlinePolicy.stopTheClock(Jurisdiction.UK_GDPR, second.clock(),
                new Pause(LocalDate.parse("2026-04-16"), LocalDate.parse("2026-04-20")), UTC))).contains("ran out on 2026-04-15");
        assertThat(refusal(DsarDeadlinePolicy.stopTheClock(Jurisdiction.UK_GDPR, clock,
                new Pause(LocalDate.parse("2026-03-09"), LocalDate.parse("2026-03-12")), UTC))).contains("before the request was received");
    }

    @Test
    void euStopsTheClockOnlyWhereTheControllerOptedIn() {
        RequestClock clock = RequestClock.receivedAt(Instant.parse("2026-03-10T09:00:00Z"));
        Pause pause = new Pause(LocalDate.parse("2026-03-12"), LocalDate.parse("2026-03-20"));
        assertThat(refusal(DsarDeadlinePolicy.stopTheClock(Jurisdiction.EU_GDPR, clock, pause, UTC))).contains("GDPR fixes no stop-the-clock");
        // opted in: as in the UK example, Monday 20 April
        assertThat(granted(DsarDeadlinePolicy.stopTheClock(Jurisdiction.EU_GDPR, clock, pause, UTC.withStopTheClockWhereLawIsSilent(true)))
                .deadline().lastDay()).isEqualTo("2026-04-20");
    }

    @ParameterizedTest
    @CsvSource({
            "US_CA_CCPA, 11 CCR §7021(b)", "US_VA_VCDPA, Va. Code", "US_CO_CPA, C.R.S.",
            "BR_LGPD, LGPD Art. 19", "IN_DPDPA, DPDP Rules", "CA_PIPEDA, PIPEDA s. 8"})
    void noPauseWhereTheLawHasNoneEvenIfTheControllerWouldLikeOne(Jurisdiction jurisdiction, String source) {
        RequestClock clock = RequestClock.receivedAt(Instant.parse("2026-03-10T09:00:00Z"));
        Pause pause = new Pause(LocalDate.parse("2026-03-12"), LocalDate.parse("2026-03-20"));
        assertThat(refusal(DsarDeadlinePolicy.stopTheClock(jurisdiction, clock, pause, UTC.withStopTheClockWhereLawIsSilent(true))))
                .contains(source);
    }
}
