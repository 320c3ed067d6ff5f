package org.custodia.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.List;

import org.custodia.dsar.domain.DsarDeadlinePolicy;
import org.custodia.dsar.domain.Jurisdiction;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.spec.EnterpriseArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import com.fasterxml.jackson.databind.JsonNode;

/** dsar.bpmn on the embedded engine: timers fire on the job executor and audit under the instance's tenant. */
@ExtendWith(ArquillianExtension.class)
class DsarTimerIT {

    @Deployment(testable = false)
    static EnterpriseArchive deployment() {
        return ItEnvironment.ear();
    }

    @Test
    void overdueTimersFireForTenantBAndLandInBsChainOnly() throws InterruptedException {
        Api.Tenant a = Api.newTenant("timer-a");
        Api.Tenant b = Api.newTenant("timer-b");
        Instant receivedAt = Instant.now().minus(40, ChronoUnit.DAYS).truncatedTo(ChronoUnit.SECONDS);
        Api.Reply submitted = b.api().post("/dsars", "{\"type\":\"ERASURE\",\"jurisdiction\":\"EU_GDPR\","
                + "\"subject\":\"cust-981\",\"receivedAt\":\"" + receivedAt + "\"}");
        assertThat(submitted.status()).as(submitted.raw().body()).isEqualTo(201);
        String dsarId = submitted.json().get("id").asText();

        List<String> milestones = waitForEvents(b.api(), dsarId, 2, Duration.ofSeconds(90));
        assertThat(milestones).containsExactlyInAnyOrder("dsar.deadline.warning", "dsar.deadline.breached");

        JsonNode dsar = b.api().get("/dsars/" + dsarId).json();
        assertThat(dsar.get("status").asText()).isEqualTo("OVERDUE");
        JsonNode breach = events(b.api()).stream().filter(e -> e.get("eventType").asText().equals("dsar.deadline.breached"))
                .findFirst().orElseThrow();
        assertThat(breach.get("actor").asText()).isEqualTo("system:deadline-timer");
        assertThat(breach.get("payload").get("dueAt").asText()).isEqualTo(dsar.get("dueAt").asText());

        assertThat(events(a.api())).noneMatch(e -> e.get("eventType").asText().startsWith("dsar."));
        assertThat(b.api().get("/audit/verify").json().get("intact").asBoolean()).isTrue();
        assertThat(a.api().get("/audit/verify").json().get("eventCount").asLong()).isEqualTo(3); // A's own bootstrap
    }

    @Test
    void aFreshRequestGetsTheLegalDeadlineAndNoMilestoneYet() throws InterruptedException {
        Api.Tenant t = Api.newTenant("timer-fresh");
        Instant receivedAt = Instant.now().minus(1, ChronoUnit.HOURS).truncatedTo(ChronoUnit.SECONDS);
        Api.Reply submitted = t.api().post("/dsars", "{\"type\":\"ACCESS\",\"jurisdiction\":\"US_CA_CCPA\","
                + "\"subject\":\"c-1\",\"receivedAt\":\"" + receivedAt + "\"}");
        assertThat(submitted.status()).isEqualTo(201);
        DsarDeadlinePolicy.Deadline expected = DsarDeadlinePolicy.deadline(Jurisdiction.US_CA_CCPA, receivedAt, ZoneOffset.UTC);
        assertThat(Instant.parse(submitted.json().get("dueAt").asText())).isEqualTo(expected.dueAt());
        assertThat(Instant.parse(submitted.json().get("warningAt").asText())).isEqualTo(expected.warningAt());
        Thread.sleep(3000); // longer than the job executor's idle wait in tests
        assertThat(t.api().get("/dsars/" + submitted.json().get("id").asText()).json().get("status").asText())
                .isEqualTo("OPEN");
        assertThat(events(t.api())).noneMatch(e -> e.get("eventType").asText().startsWith("dsar.deadline"));
    }

    static List<JsonNode> events(Api api) {
        List<JsonNode> list = new java.util.ArrayList<>();
        api.get("/audit/events?limit=1000").json().forEach(list::add);
        return list;
    }

    private static List<String> waitForEvents(Api api, String entityId, int expected, Duration timeout)
            throws InterruptedException {
        Instant until = Instant.now().plus(timeout);
        List<String> found;
        do {
            found = events(api).stream()
                    .filter(e -> e.get("entityId").asText().equals(entityId))
                    .map(e -> e.get("eventType").asText())
                    .filter(type -> type.startsWith("dsar.deadline."))
                    .toList();
            if (found.size() >= expected) {
                return found;
            }
            Thread.sleep(500);
        } while (Instant.now().isBefore(until));
        return found;
    }
}
