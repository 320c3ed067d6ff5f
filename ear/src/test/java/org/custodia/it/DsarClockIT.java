package org.custodia.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.custodia.dsar.domain.ControllerCalendar;
import org.custodia.dsar.domain.DsarDeadlinePolicy;
import org.custodia.dsar.domain.DsarType;
import org.custodia.dsar.domain.Jurisdiction;
import org.custodia.dsar.domain.RequestClock;
import org.custodia.tenancy.application.CalendarSettings;
import org.custodia.tenancy.domain.TenantCalendar;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.spec.EnterpriseArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * A request's clock through the API: one extension and pauses where the law allows them, each moving the due
 * date as {@link DsarDeadlinePolicy} computes it, the process variables and the timer jobs the engine holds; a
 * refusal names the legal reason and writes nothing. Also the tenant's clock settings: service levels around
 * the deadline, India's published period, the EU stop-the-clock opt-in, request types per law.
 */
@ExtendWith(ArquillianExtension.class)
class DsarClockIT {

    static final ZoneId LONDON = ZoneId.of("Europe/London");

    @Deployment(testable = false)
    static EnterpriseArchive deployment() {
        return ItEnvironment.ear();
    }

    @Test
    void aUkRequestIsExtendedOnceAndItsTimersMoveWithIt() {
        Api.Tenant t = Api.newTenant("clock-extend");
        assertThat(t.api().put("/settings/calendar", "{\"timeZone\":\"Europe/London\",\"country\":\"GB\"}").status()).isEqualTo(200);
        ControllerCalendar calendar = calendar(TenantCalendar.of("Europe/London", "GB", null));
        Instant received = Instant.now().minus(10, ChronoUnit.DAYS).truncatedTo(ChronoUnit.SECONDS);
        JsonNode submitted = submit(t, "ACCESS", "UK_GDPR", received);
        String id = submitted.get("id").asText();
        DsarDeadlinePolicy.Deadline original = DsarDeadlinePolicy.deadline(Jurisdiction.UK_GDPR, received, calendar);
        assertThat(instant(submitted, "dueAt")).isEqualTo(original.dueAt());
        assertThat(instant(submitted.get("timers"), "breach")).as("the engine's breach timer").isEqualTo(original.dueAt());
        assertThat(instant(submitted.get("timers"), "warning")).isEqualTo(original.dueAt().minus(Duration.ofDays(7)));

        Instant notice = Instant.now().minusSeconds(30).truncatedTo(ChronoUnit.SECONDS);
        Api.Reply extended = t.api().post("/dsars/" + id + "/extension",
                "{\"reason\":\"The request covers twelve years of records\",\"noticeSentAt\":\"" + notice + "\"}");
        assertThat(extended.status()).as(extended.raw().body()).isEqualTo(200);
        DsarDeadlinePolicy.Deadline expected = granted(DsarDeadlinePolicy.extend(Jurisdiction.UK_GDPR,
                RequestClock.receivedAt(received), new RequestClock.Extension("r", notice, "someone"), calendar));
        assertThat(expected.lastDay()).isAfter(original.lastDay().plusMonths(1));
        JsonNode view = t.api().get("/dsars/" + id).json();
        assertThat(instant(view, "dueAt")).isEqualTo(expected.dueAt());
        assertThat(view.get("lastDay").asText()).isEqualTo(expected.lastDay().toString());
        assertThat(instant(view, "warningAt")).isEqualTo(expected.dueAt().minus(Duration.ofDays(7)));
        assertThat(instant(view, "escalateAt")).isEqualTo(expected.dueAt().plus(Duration.ofDays(2)));
        assertTimersAt(view, expected.dueAt().minus(Duration.ofDays(7)), expected.dueAt(), expected.dueAt().plus(Duration.ofDays(2)));
        String instance = view.get("processInstanceId").asText();
        assertThat(dateVariable(instance, "dueAt")).isEqualTo(expected.dueAt());
        assertThat(dateVariable(instance, "warningAt")).isEqualTo(expected.dueAt().minus(Duration.ofDays(7)));
        assertThat(dateVariable(instance, "escalateAt")).isEqualTo(expected.dueAt().plus(Duration.ofDays(2)));
        assertThat(openTaskDueDates(instance)).as("the open user task's due date").isNotEmpty().containsOnly(expected.dueAt());
        JsonNode extension = view.get("extension");
        assertThat(extension.get("reason").asText()).isEqualTo("The request covers twelve years of records");
        assertThat(instant(extension, "noticeSentAt")).isEqualTo(notice);
        assertThat(instant(extension, "dueBefore")).isEqualTo(original.dueAt());
        assertThat(instant(extension, "dueAfter")).isEqualTo(expected.dueAt());
        assertThat(extension.get("decidedBy").asText()).isNotBlank();
        JsonNode audited = lastEvent(t, "dsar.extended");
        assertThat(audited.get("entityId").asText()).isEqualTo(id);
        assertThat(instant(audited.get("payload"), "oldDueAt")).isEqualTo(original.dueAt());
        assertThat(instant(audited.get("payload"), "newDueAt")).isEqualTo(expected.dueAt());

        // a second extension: refused with the law's reason, nothing written
        Map<String, Long> before = BadInputIT.rowCounts();
        int events = events(t).size();
        Api.Reply again = t.api().post("/dsars/" + id + "/extension",
                "{\"reason\":\"still more records\",\"noticeSentAt\":\"" + notice + "\"}");
        assertThat(again.status()).isEqualTo(422);
        assertThat(again.header("Content-Type")).startsWith("application/problem+json");
        assertThat(again.json().get("errors").get(0).get("field").asText()).isEqualTo("extension");
        assertThat(again.json().get("errors").get(0).get("reason").asText()).contains("one extension per request", "UK GDPR Art. 12(3)");
        assertThat(BadInputIT.rowCounts()).isEqualTo(before);
        assertThat(events(t)).hasSize(events);
        JsonNode unchanged = t.api().get("/dsars/" + id).json();
        assertThat(instant(unchanged, "dueAt")).isEqualTo(expected.dueAt());
        assertThat(instant(unchanged.get("timers"), "breach")).isEqualTo(expected.dueAt());
    }

    @Test
    void aFailureAfterTheTimersMovedLeavesNothingMoved() throws SQLException {
        Api.Tenant t = Api.newTenant("clock-atomic");
        Instant received = Instant.now().minus(5, ChronoUnit.DAYS).truncatedTo(ChronoUnit.SECONDS);
        JsonNode submitted = submit(t, "ACCESS", "UK_GDPR", received);
        String id = submitted.get("id").asText();
        String instance = submitted.get("processInstanceId").asText();
        Instant due = instant(submitted, "dueAt");
        String extend = "{\"reason\":\"complex\",\"noticeSentAt\":\"" + Instant.now().minusSeconds(5) + "\"}";
        Map<String, Long> before;
        int events;
        List<Instant> taskDueDates = openTaskDueDates(instance);
        try {
            // the last write fails (the audit event): the request, its extension row, the variables, the timer jobs
            // and the task were all changed before it in the same transaction
            try (Connection c = TestDatabase.superuser(ItEnvironment.DATABASE); Statement st = c.createStatement()) {
                st.execute("create or replace function app.it_refuse_audit() returns trigger language plpgsql as"
                        + " $$ begin raise exception 'DsarClockIT refuses this audit event'; end $$");
                st.execute("create trigger it_refuse_audit before insert on app.audit_event for each row"
                        + " when (new.entity_id = '" + id + "' and new.event_type = 'dsar.extended') execute function app.it_refuse_audit()");
            }
            before = BadInputIT.rowCounts();
            events = events(t).size();
            Api.Reply failed = t.api().post("/dsars/" + id + "/extension", extend);
            assertThat(failed.status()).isEqualTo(500);
        } finally {
            try (Connection c = TestDatabase.superuser(ItEnvironment.DATABASE); Statement st = c.createStatement()) {
                st.execute("drop trigger if exists it_refuse_audit on app.audit_event");
                st.execute("drop function if exists app.it_refuse_audit()");
            }
        }
        assertThat(BadInputIT.rowCounts()).isEqualTo(before);
        assertThat(events(t)).hasSize(events);
        JsonNode view = t.api().get("/dsars/" + id).json();
        assertThat(instant(view, "dueAt")).as("the request's due date").isEqualTo(due);
        assertThat(view.get("extension").isNull()).isTrue();
        assertThat(dateVariable(instance, "dueAt")).as("the process variable").isEqualTo(due);
        assertThat(openTaskDueDates(instance)).as("the tasks' due dates").isEqualTo(taskDueDates);
        assertThat(instant(view.get("timers"), "breach")).isEqualTo(due);

        // with the database willing, the same extension holds
        assertThat(t.api().post("/dsars/" + id + "/extension", extend).status()).isEqualTo(200);
        assertThat(dateVariable(instance, "dueAt")).isAfter(due);
    }

    @Test
    void lawsWithoutExtensionOrPauseRefuseThemNamingTheirSource() {
        Api.Tenant t = Api.newTenant("clock-refusals");
        String lgpd = submit(t, "ACCESS", "BR_LGPD", Instant.now().minus(2, ChronoUnit.DAYS)).get("id").asText();
        String gdpr = submit(t, "ERASURE", "EU_GDPR", Instant.now().minus(2, ChronoUnit.DAYS)).get("id").asText();
        Map<String, Long> before = BadInputIT.rowCounts();
        int events = events(t).size();

        Api.Reply extension = t.api().post("/dsars/" + lgpd + "/extension",
                "{\"reason\":\"complex\",\"noticeSentAt\":\"" + Instant.now().minusSeconds(10) + "\"}");
        assertThat(extension.status()).isEqualTo(422);
        assertThat(extension.json().get("errors").get(0).get("field").asText()).isEqualTo("jurisdiction");
        assertThat(extension.json().get("errors").get(0).get("reason").asText()).contains("LGPD Art. 19 provides no extension");

        String today = LocalDate.now(ZoneId.of("UTC")).toString();
        Api.Reply pause = t.api().post("/dsars/" + gdpr + "/pauses", "{\"askedOn\":\"" + today + "\",\"arrivedOn\":\"" + today + "\"}");
        assertThat(pause.status()).isEqualTo(422);
        assertThat(pause.json().get("errors").get(0).get("reason").asText()).contains("GDPR fixes no stop-the-clock");

        Api.Reply appeal = t.api().post("/dsars", "{\"identity\":\"VERIFIED\",\"type\":\"APPEAL\",\"jurisdiction\":\"EU_GDPR\",\"subject\":\"s-9\"}");
        assertThat(appeal.status()).isEqualTo(422);
        assertThat(appeal.json().get("errors").get(0).get("field").asText()).isEqualTo("type");
        assertThat(appeal.json().get("errors").get(0).get("reason").asText()).contains("APPEAL", "EU GDPR");
        assertThat(BadInputIT.rowCounts()).isEqualTo(before);
        assertThat(events(t)).hasSize(events);

        // the tenant opts in: the same EU pause now holds
        assertThat(t.api().put("/settings/calendar", "{\"timeZone\":\"UTC\",\"stopTheClockWhereLawIsSilent\":true}").status()).isEqualTo(200);
        assertThat(t.api().get("/settings/calendar").json().get("stopTheClockWhereLawIsSilent").asBoolean()).isTrue();
        String yesterday = LocalDate.now(ZoneId.of("UTC")).minusDays(1).toString();
        Api.Reply opted = t.api().post("/dsars/" + gdpr + "/pauses", "{\"askedOn\":\"" + yesterday + "\",\"arrivedOn\":\"" + today + "\"}");
        assertThat(opted.status()).as(opted.raw().body()).isEqualTo(200);
        assertThat(opted.json().get("pauses")).hasSize(1);
        assertThat(lastEvent(t, "dsar.paused").get("entityId").asText()).isEqualTo(gdpr);
    }

    @Test
    void aUkPauseMovesTheDueDateAndTheTimersByTheDaysTheClockStoodStill() {
        Api.Tenant t = Api.newTenant("clock-pause");
        assertThat(t.api().put("/settings/calendar", "{\"timeZone\":\"Europe/London\",\"country\":\"GB\"}").status()).isEqualTo(200);
        ControllerCalendar calendar = calendar(TenantCalendar.of("Europe/London", "GB", null));
        Instant received = Instant.now().minus(12, ChronoUnit.DAYS).truncatedTo(ChronoUnit.SECONDS);
        String id = submit(t, "RECTIFICATION", "UK_GDPR", received).get("id").asText();
        LocalDate askedOn = received.atZone(LONDON).toLocalDate().plusDays(2);
        LocalDate arrivedOn = askedOn.plusDays(6);

        Api.Reply paused = t.api().post("/dsars/" + id + "/pauses",
                "{\"askedOn\":\"" + askedOn + "\",\"arrivedOn\":\"" + arrivedOn + "\"}");
        assertThat(paused.status()).as(paused.raw().body()).isEqualTo(200);
        DsarDeadlinePolicy.Deadline original = DsarDeadlinePolicy.deadline(Jurisdiction.UK_GDPR, received, calendar);
        DsarDeadlinePolicy.Deadline expected = granted(DsarDeadlinePolicy.stopTheClock(Jurisdiction.UK_GDPR,
                RequestClock.receivedAt(received), new RequestClock.Pause(askedOn, arrivedOn), calendar));
        assertThat(expected.dueAt()).isAfter(original.dueAt());
        JsonNode view = t.api().get("/dsars/" + id).json();
        assertThat(instant(view, "dueAt")).isEqualTo(expected.dueAt());
        assertThat(view.get("lastDay").asText()).isEqualTo(expected.lastDay().toString());
        assertTimersAt(view, expected.dueAt().minus(Duration.ofDays(7)), expected.dueAt(), expected.dueAt().plus(Duration.ofDays(2)));
        assertThat(dateVariable(view.get("processInstanceId").asText(), "dueAt")).isEqualTo(expected.dueAt());
        assertThat(openTaskDueDates(view.get("processInstanceId").asText())).containsOnly(expected.dueAt());
        JsonNode pause = view.get("pauses").get(0);
        assertThat(pause.get("askedOn").asText()).isEqualTo(askedOn.toString());
        assertThat(pause.get("arrivedOn").asText()).isEqualTo(arrivedOn.toString());
        assertThat(instant(pause, "dueBefore")).isEqualTo(original.dueAt());
        JsonNode audited = lastEvent(t, "dsar.paused");
        assertThat(instant(audited.get("payload"), "oldDueAt")).isEqualTo(original.dueAt());
        assertThat(instant(audited.get("payload"), "newDueAt")).isEqualTo(expected.dueAt());

        // an overlapping pause is refused by the policy, nothing written
        Map<String, Long> before = BadInputIT.rowCounts();
        Api.Reply overlap = t.api().post("/dsars/" + id + "/pauses",
                "{\"askedOn\":\"" + askedOn.plusDays(1) + "\",\"arrivedOn\":\"" + arrivedOn + "\"}");
        assertThat(overlap.status()).isEqualTo(422);
        assertThat(overlap.json().get("errors").get(0).get("field").asText()).isEqualTo("askedOn");
        assertThat(BadInputIT.rowCounts()).isEqualTo(before);
    }

    @Test
    void aDeadlineThatPassedIsNotExtendedAfterwards() {
        Api.Tenant t = Api.newTenant("clock-late");
        Instant received = Instant.now().minus(40, ChronoUnit.DAYS).truncatedTo(ChronoUnit.SECONDS);
        JsonNode late = submit(t, "ACCESS", "UK_GDPR", received);
        String id = late.get("id").asText();
        Instant due = instant(late, "dueAt");
        assertThat(due).isBefore(Instant.now());
        // a notice dated within the first month, recorded after the deadline: refused, the breach stands
        Api.Reply r = t.api().post("/dsars/" + id + "/extension", "{\"reason\":\"complex\",\"noticeSentAt\":\""
                + received.plus(5, ChronoUnit.DAYS) + "\"}");
        assertThat(fields(r)).containsExactly("noticeSentAt");
        assertThat(r.json().get("errors").get(0).get("reason").asText()).contains("the deadline passed");
        JsonNode view = t.api().get("/dsars/" + id).json();
        assertThat(instant(view, "dueAt")).isEqualTo(due);
        assertThat(view.get("extension").isNull()).isTrue();
        assertThat(events(t)).noneMatch(e -> e.get("eventType").asText().equals("dsar.extended"));
    }

    @Test
    void badInputIsRefusedFieldByFieldAndWritesNothing() {
        Api.Tenant t = Api.newTenant("clock-bad");
        String id = submit(t, "ACCESS", "UK_GDPR", Instant.now().minus(3, ChronoUnit.DAYS)).get("id").asText();
        Map<String, Long> before = BadInputIT.rowCounts();
        int events = events(t).size();
        String now = Instant.now().minusSeconds(5).toString();
        assertThat(fields(t.api().post("/dsars/" + id + "/extension", "{\"noticeSentAt\":\"" + now + "\"}"))).containsExactly("reason");
        assertThat(fields(t.api().post("/dsars/" + id + "/extension", "{\"reason\":\"  \",\"noticeSentAt\":\"" + now + "\"}"))).containsExactly("reason");
        assertThat(fields(t.api().post("/dsars/" + id + "/extension", "{\"reason\":\"r\",\"noticeSentAt\":\"yesterday\"}"))).containsExactly("noticeSentAt");
        assertThat(fields(t.api().post("/dsars/" + id + "/extension", "{\"reason\":\"r\"}"))).containsExactly("noticeSentAt");
        assertThat(fields(t.api().post("/dsars/" + id + "/extension", "{\"reason\":\"r\",\"noticeSentAt\":\""
                + Instant.now().minus(10, ChronoUnit.DAYS) + "\"}"))).as("a notice before the request arrived").containsExactly("noticeSentAt");
        assertThat(fields(t.api().post("/dsars/" + id + "/extension", "{\"reason\":\"r\",\"noticeSentAt\":\""
                + Instant.now().plus(2, ChronoUnit.DAYS) + "\"}"))).containsExactly("noticeSentAt");
        assertThat(fields(t.api().post("/dsars/" + id + "/pauses", "{\"askedOn\":\"02/01/2026\",\"arrivedOn\":\"2026-01-03\"}"))).containsExactly("askedOn");
        assertThat(fields(t.api().post("/dsars/" + id + "/pauses", "{\"askedOn\":\"" + LocalDate.now().minusDays(1) + "\"}"))).containsExactly("arrivedOn");
        assertThat(fields(t.api().post("/dsars/" + id + "/pauses", "{\"askedOn\":\"" + LocalDate.now(LONDON).minusDays(1)
                + "\",\"arrivedOn\":\"" + LocalDate.now(LONDON).minusDays(2) + "\"}"))).containsExactly("arrivedOn");
        assertThat(t.api().post("/dsars/" + java.util.UUID.randomUUID() + "/extension",
                "{\"reason\":\"r\",\"noticeSentAt\":\"" + now + "\"}").status()).isEqualTo(404);
        assertThat(BadInputIT.rowCounts()).isEqualTo(before);
        assertThat(events(t)).hasSize(events);
        assertThat(t.api().get("/dsars/" + id).json().get("extension").isNull()).isTrue();
    }

    @Test
    void theTenantsServiceLevelsPublishedPeriodAndAcknowledgementShapeANewRequest() {
        Api.Tenant t = Api.newTenant("clock-sla");
        JsonNode defaults = t.api().get("/settings/sla").json();
        assertThat(defaults.get("rows")).isEmpty();
        assertThat(Duration.parse(defaults.get("defaults").get("warningBefore").asText())).isEqualTo(Duration.ofDays(7));
        Map<String, Long> before = BadInputIT.rowCounts();
        Api.Reply bad = t.api().put("/settings/sla", "{\"rows\":[{\"process\":\"dsar\",\"type\":\"ACCES\",\"warningBefore\":\"7 days\","
                + "\"escalationAfter\":\"PT2M\"},{\"process\":\"erasure\",\"type\":\"*\",\"warningBefore\":\"PT30S\",\"escalationAfter\":\"P2D\"}]}");
        assertThat(fields(bad)).containsExactly("rows[0].type", "rows[0].warningBefore", "rows[1].process", "rows[1].warningBefore");
        assertThat(fields(t.api().put("/settings/calendar", "{\"timeZone\":\"Asia/Kolkata\",\"publishedResponseDays\":91}")))
                .containsExactly("publishedResponseDays");
        assertThat(BadInputIT.rowCounts()).isEqualTo(before);

        Api.Reply set = t.api().put("/settings/sla", "{\"rows\":[{\"process\":\"dsar\",\"type\":\"ACCESS\",\"warningBefore\":\"PT2M\","
                + "\"escalationAfter\":\"PT5M\"},{\"process\":\"dsar\",\"type\":\"*\",\"warningBefore\":\"P3D\",\"escalationAfter\":\"PT36H\"}]}");
        assertThat(set.status()).as(set.raw().body()).isEqualTo(200);
        assertThat(set.json().get("rows")).hasSize(2);
        assertThat(lastEvent(t, "settings.sla_updated")).isNotNull();
        Instant received = Instant.now().minus(1, ChronoUnit.DAYS).truncatedTo(ChronoUnit.SECONDS);
        JsonNode access = submit(t, "ACCESS", "BR_LGPD", received);
        Instant due = instant(access, "dueAt");
        assertThat(instant(access, "warningAt")).isEqualTo(due.minus(Duration.ofMinutes(2)));
        assertThat(instant(access, "escalateAt")).isEqualTo(due.plus(Duration.ofMinutes(5)));
        assertTimersAt(access, due.minus(Duration.ofMinutes(2)), due, due.plus(Duration.ofMinutes(5)));
        JsonNode erasure = submit(t, "ERASURE", "BR_LGPD", received);
        assertThat(instant(erasure, "warningAt")).isEqualTo(instant(erasure, "dueAt").minus(Duration.ofDays(3)));
        assertThat(instant(erasure, "escalateAt")).isEqualTo(instant(erasure, "dueAt").plus(Duration.ofHours(36)));

        // India: the period the tenant publishes
        assertThat(t.api().put("/settings/calendar", "{\"timeZone\":\"Asia/Kolkata\",\"publishedResponseDays\":30}").status()).isEqualTo(200);
        JsonNode india = submit(t, "NOMINATION", "IN_DPDPA", received);
        ControllerCalendar kolkata = calendar(TenantCalendar.of("Asia/Kolkata", null, null)).withPublishedResponseDays(30);
        assertThat(instant(india, "dueAt")).isEqualTo(DsarDeadlinePolicy.deadline(Jurisdiction.IN_DPDPA, received, kolkata).dueAt());
        assertThat(india.get("acknowledgeBy").isNull()).isTrue();

        // California: a request to delete is confirmed within 10 business days; a request to limit is acted on, not confirmed
        JsonNode ccpa = submit(t, "ERASURE", "US_CA_CCPA", received);
        assertThat(instant(ccpa, "acknowledgeBy")).isEqualTo(
                DsarDeadlinePolicy.acknowledgementDue(Jurisdiction.US_CA_CCPA, received, kolkata).orElseThrow());
        JsonNode limit = submit(t, "LIMIT_SENSITIVE_DATA_USE", "US_CA_CCPA", received);
        assertThat(limit.get("acknowledgeBy").isNull()).isTrue();
        // and is due in 15 business days (11 CCR §7027(g)(1)), not the 45 calendar days of the request to delete
        assertThat(instant(limit, "dueAt")).isEqualTo(DsarDeadlinePolicy.deadline(Jurisdiction.US_CA_CCPA,
                DsarType.LIMIT_SENSITIVE_DATA_USE, RequestClock.receivedAt(received), kolkata).dueAt());
        assertThat(instant(limit, "dueAt")).isBefore(instant(ccpa, "dueAt"));
    }

    @Test
    void aWarningLeadInSecondsFiresTheEnginesWarningTimerWithoutWaitingDays() throws InterruptedException {
        Api.Tenant t = Api.newTenant("clock-short");
        Instant received = Instant.now().minus(14, ChronoUnit.DAYS).truncatedTo(ChronoUnit.SECONDS);
        DsarDeadlinePolicy.Deadline deadline = DsarDeadlinePolicy.deadline(Jurisdiction.BR_LGPD, received, ZoneId.of("UTC"));
        // the lead that puts the warning 15 seconds from now (the deadline itself is a day or two away)
        Duration lead = Duration.between(Instant.now().plusSeconds(15), deadline.dueAt()).truncatedTo(ChronoUnit.SECONDS);
        assertThat(t.api().put("/settings/sla", "{\"rows\":[{\"process\":\"dsar\",\"type\":\"ACCESS\",\"warningBefore\":\""
                + lead + "\",\"escalationAfter\":\"PT2M\"}]}").status()).isEqualTo(200);
        JsonNode submitted = submit(t, "ACCESS", "BR_LGPD", received);
        String id = submitted.get("id").asText();
        assertThat(instant(submitted.get("timers"), "warning")).isEqualTo(deadline.dueAt().minus(lead));

        Instant until = Instant.now().plusSeconds(90);
        while (events(t).stream().noneMatch(e -> e.get("eventType").asText().equals("dsar.deadline.warning")
                && e.get("entityId").asText().equals(id)) && Instant.now().isBefore(until)) {
            Thread.sleep(500);
        }
        assertThat(lastEvent(t, "dsar.deadline.warning").get("entityId").asText()).isEqualTo(id);
        JsonNode view = t.api().get("/dsars/" + id).json();
        assertThat(view.get("timers").get("warning").isNull()).as("the warning fired and is no longer pending").isTrue();
        assertThat(instant(view.get("timers"), "breach")).isEqualTo(deadline.dueAt());
        assertThat(view.get("status").asText()).isEqualTo("IN_REVIEW");
    }

    private static JsonNode submit(Api.Tenant t, String type, String jurisdiction, Instant receivedAt) {
        Api.Reply r = t.api().post("/dsars", "{\"identity\":\"VERIFIED\",\"type\":\"" + type + "\",\"jurisdiction\":\"" + jurisdiction
                + "\",\"subject\":\"s-1\",\"receivedAt\":\"" + receivedAt.truncatedTo(ChronoUnit.SECONDS) + "\"}");
        assertThat(r.status()).as(r.raw().body()).isEqualTo(201);
        return settled(t, r.json().get("id").asText());
    }

    /**
     * The request once dsar.bpmn's background steps brought it to the DPO review (a verified staff request with no
     * connector gets there in moments): until then the engine still writes, and row counts would move under a test.
     */
    private static JsonNode settled(Api.Tenant t, String id) {
        Instant until = Instant.now().plusSeconds(60);
        JsonNode view;
        do {
            view = t.api().get("/dsars/" + id).json();
            if (view.get("status").asText().equals("IN_REVIEW")) {
                return view;
            }
            try {
                Thread.sleep(200);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        } while (Instant.now().isBefore(until));
        throw new AssertionError("request " + id + " did not reach review: " + view);
    }

    /** The timers the engine holds for the request. */
    private static void assertTimersAt(JsonNode view, Instant warning, Instant breach, Instant escalation) {
        JsonNode timers = view.get("timers");
        assertThat(instant(timers, "warning")).as("warning timer").isEqualTo(warning);
        assertThat(instant(timers, "breach")).as("breach timer").isEqualTo(breach);
        assertThat(instant(timers, "escalation")).as("escalation timer").isEqualTo(escalation);
    }

    /** A date variable of the instance as the engine stores it (milliseconds in LONG_). */
    private static Instant dateVariable(String processInstanceId, String name) {
        try (Connection c = TestDatabase.superuser(ItEnvironment.DATABASE);
             PreparedStatement q = c.prepareStatement("select long_ from engine.act_ru_variable where proc_inst_id_ = ?"
                     + " and name_ = ? and type_ = 'date'")) {
            q.setString(1, processInstanceId);
            q.setString(2, name);
            try (ResultSet rs = q.executeQuery()) {
                assertThat(rs.next()).as("variable " + name).isTrue();
                return Instant.ofEpochMilli(rs.getLong(1));
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    private static List<Instant> openTaskDueDates(String processInstanceId) {
        try (Connection c = TestDatabase.superuser(ItEnvironment.DATABASE);
             PreparedStatement q = c.prepareStatement("select due_date_ from engine.act_ru_task where proc_inst_id_ = ?")) {
            q.setString(1, processInstanceId);
            List<Instant> due = new ArrayList<>();
            try (ResultSet rs = q.executeQuery()) {
                while (rs.next()) {
                    due.add(rs.getTimestamp(1) == null ? null : rs.getTimestamp(1).toInstant());
                }
            }
            return due;
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    private static ControllerCalendar calendar(TenantCalendar stated) {
        return ControllerCalendar.of(stated.timeZone(), CalendarSettings.holidaysOf(stated));
    }

    private static DsarDeadlinePolicy.Deadline granted(DsarDeadlinePolicy.Decision decision) {
        assertThat(decision).isInstanceOf(DsarDeadlinePolicy.Granted.class);
        return ((DsarDeadlinePolicy.Granted) decision).deadline();
    }

    private static Instant instant(JsonNode node, String field) {
        JsonNode value = node.get(field);
        return value == null || value.isNull() ? null : Instant.parse(value.asText());
    }

    private static List<String> fields(Api.Reply r) {
        assertThat(r.status()).as(r.raw().body()).isEqualTo(422);
        List<String> fields = new ArrayList<>();
        r.json().get("errors").forEach(e -> fields.add(e.get("field").asText()));
        return fields;
    }

    private static List<JsonNode> events(Api.Tenant t) {
        return DsarTimerIT.events(t.api());
    }

    private static JsonNode lastEvent(Api.Tenant t, String type) {
        return events(t).stream().filter(e -> e.get("eventType").asText().equals(type)).reduce((a, b) -> b).orElseThrow(
                () -> new AssertionError("no " + type + " event"));
    }
}
