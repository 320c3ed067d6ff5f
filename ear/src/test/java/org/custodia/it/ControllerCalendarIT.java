package org.custodia.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;

import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.spec.EnterpriseArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import com.fasterxml.jackson.databind.JsonNode;

/** A tenant's calendar as controller: where its legal deadlines are counted (time zone, public holidays). */
@ExtendWith(ArquillianExtension.class)
class ControllerCalendarIT {

    @Deployment(testable = false)
    static EnterpriseArchive deployment() {
        return ItEnvironment.ear();
    }

    @Test
    void aTenantCountsInUtcWithoutHolidaysUntilItNamesItsZoneCountryAndRegion() {
        Api.Tenant t = Api.newTenant("calendar");
        Api.Tenant other = Api.newTenant("calendar-other");
        JsonNode initial = t.api().get("/settings/calendar").json();
        assertThat(initial.get("timeZone").asText()).isEqualTo("UTC");
        assertThat(initial.get("country").asText()).isEmpty();
        assertThat(initial.get("subdivision").asText()).isEmpty();

        Api.Reply set = t.api().put("/settings/calendar", "{\"timeZone\":\"Europe/Berlin\",\"country\":\"DE\",\"subdivision\":\"BY\"}");
        assertThat(set.status()).as(set.raw().body()).isEqualTo(200);
        JsonNode now = t.api().get("/settings/calendar").json();
        assertThat(now.get("timeZone").asText()).isEqualTo("Europe/Berlin");
        assertThat(now.get("country").asText()).isEqualTo("DE");
        assertThat(now.get("subdivision").asText()).isEqualTo("BY");
        assertThat(other.api().get("/settings/calendar").json().get("timeZone").asText()).as("another tenant's own").isEqualTo("UTC");
        assertThat(events(t.api())).contains("settings.calendar_updated");

        // a region without holidays of its own: country only
        assertThat(t.api().put("/settings/calendar", "{\"timeZone\":\"Europe/London\",\"country\":\"GB\"}").status()).isEqualTo(200);
        assertThat(t.api().get("/settings/calendar").json().get("subdivision").asText()).isEmpty();
    }

    @Test
    void aCalendarThatIsNoneIsRefusedFieldByFieldAndWritesNothing() {
        Api.Tenant t = Api.newTenant("calendar-bad");
        t.api().put("/settings/calendar", "{\"timeZone\":\"America/Sao_Paulo\",\"country\":\"BR\"}");
        int before = events(t.api()).size();
        Api.Reply bad = t.api().put("/settings/calendar", "{\"timeZone\":\"Mars/Olympus_Mons\",\"country\":\"de\",\"subdivision\":\"BY\"}");
        assertThat(bad.status()).isEqualTo(422);
        assertThat(bad.raw().headers().firstValue("Content-Type").orElse("")).startsWith("application/problem+json");
        List<String> fields = new ArrayList<>();
        bad.json().get("errors").forEach(e -> fields.add(e.get("field").asText()));
        assertThat(fields).containsExactly("timeZone", "country");
        assertThat(t.api().put("/settings/calendar", "{\"timeZone\":\"UTC\",\"subdivision\":\"BY\"}").json()
                .get("errors").get(0).get("field").asText()).isEqualTo("subdivision");
        assertThat(t.api().put("/settings/calendar", "{}").status()).isEqualTo(422);
        for (String hostile : List.of("{\"timeZone\":123}", "{\"timeZone\":[\"UTC\"]}",
                "{\"timeZone\":\"Europe/Berlin\\u0000\"}", "{\"timeZone\":\"" + "E".repeat(100_000) + "\"}",
                "{\"timeZone\":\"UTC\",\"country\":\"" + "D".repeat(100_000) + "\"}")) {
            Api.Reply refused = t.api().put("/settings/calendar", hostile);
            assertThat(refused.status()).as(hostile.length() > 80 ? hostile.substring(0, 80) : hostile).isBetween(400, 422);
            assertThat(refused.header("Content-Type")).startsWith("application/problem+json");
        }
        assertThat(t.api().get("/settings/calendar").json().get("timeZone").asText()).isEqualTo("America/Sao_Paulo");
        assertThat(events(t.api())).hasSize(before);
    }

    @Test
    void aRequestsDeadlineEndsTheLocalDayAndSkipsTheRegionsPublicHolidays() {
        Api.Tenant bavaria = Api.newTenant("calendar-by");
        Api.Tenant berlin = Api.newTenant("calendar-be");
        assertThat(bavaria.api().put("/settings/calendar", "{\"timeZone\":\"Europe/Berlin\",\"country\":\"DE\",\"subdivision\":\"BY\"}")
                .status()).isEqualTo(200);
        assertThat(berlin.api().put("/settings/calendar", "{\"timeZone\":\"Europe/Berlin\",\"country\":\"DE\",\"subdivision\":\"BE\"}")
                .status()).isEqualTo(200);
        // GDPR, received Monday 4 May 2026: one month ends Thursday 4 June, Corpus Christi (Easter 5 April + 60 days),
        // a public holiday in Bavaria but not in Berlin; so Bavaria's last day is Friday 5 June. Each ends at
        // midnight in Berlin (CEST, UTC+2).
        String body = "{\"identity\":\"VERIFIED\",\"type\":\"ACCESS\",\"jurisdiction\":\"EU_GDPR\",\"subject\":\"c-1\",\"receivedAt\":\"2026-05-04T10:00:00Z\"}";
        Api.Reply inBavaria = bavaria.api().post("/dsars", body);
        Api.Reply inBerlin = berlin.api().post("/dsars", body);
        assertThat(inBavaria.status()).as(inBavaria.raw().body()).isEqualTo(201);
        assertThat(inBavaria.json().get("dueAt").asText()).isEqualTo("2026-06-05T21:59:59.999Z");
        assertThat(inBerlin.json().get("dueAt").asText()).isEqualTo("2026-06-04T21:59:59.999Z");
    }

    @Test
    void aRegionWithoutAHolidayCalendarIsRefused() {
        Api.Tenant t = Api.newTenant("calendar-unknown");
        Api.Reply bad = t.api().put("/settings/calendar", "{\"timeZone\":\"Europe/Berlin\",\"country\":\"DE\",\"subdivision\":\"ZZ\"}");
        assertThat(bad.status()).isEqualTo(422);
        assertThat(bad.json().get("errors").get(0).get("field").asText()).isEqualTo("subdivision");
        assertThat(t.api().get("/settings/calendar").json().get("timeZone").asText()).isEqualTo("UTC");
    }

    static List<String> events(Api api) {
        List<String> types = new ArrayList<>();
        api.get("/audit/events?limit=1000").json().forEach(e -> types.add(e.get("eventType").asText()));
        return types;
    }
}
