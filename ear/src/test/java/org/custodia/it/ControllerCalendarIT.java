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
        assertThat(t.api().get("/settings/calendar").json().get("timeZone").asText()).isEqualTo("America/Sao_Paulo");
        assertThat(events(t.api())).hasSize(before);
    }

    static List<String> events(Api api) {
        List<String> types = new ArrayList<>();
        api.get("/audit/events?limit=1000").json().forEach(e -> types.add(e.get("eventType").asText()));
        return types;
    }
}
